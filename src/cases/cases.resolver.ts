import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext, requestContextOf } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { requestLoader } from '../core/graphql/request-loader';
import { loadOrganisation } from '../consent/organisation.loader';
import { OrganisationModel } from '../identity/models/organisation.model';
import { CaseNotesService } from './case-notes.service';
import { CasePlanService } from './case-plan.service';
import { CasesService } from './cases.service';
import { CaseLeadService } from './case-lead.service';
import {
  AddCaseNoteInput,
  AddTaskInput,
  CaseNotesArgs,
  CasesArgs,
  CloseCaseInput,
  ConsentAlertsArgs,
  CorrectCaseNoteInput,
  MyTasksArgs,
  OpenCaseInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
  SetGoalInput,
  UpdateGoalStatusInput,
} from './dto/case.inputs';
import {
  CaseGoalModel,
  CaseMeetingModel,
  CaseTaskConnection,
  CaseTaskModel,
} from './models/case-plan.model';
import {
  CaseConsentAlertModel,
  CaseModel,
  CaseNoteConnection,
  CaseNoteModel,
  CaseParticipantModel,
  JointCaseConnection,
} from './models/case.model';
import { ReconsentService } from './reconsent.service';

const ID_ARG = { type: () => ID };

@Resolver(() => CaseModel)
export class CasesResolver {
  constructor(
    private readonly caseService: CasesService,
    private readonly lead: CaseLeadService,
    private readonly notes: CaseNotesService,
    private readonly plan: CasePlanService,
    private readonly reconsent: ReconsentService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, 'Case')
  @Query(() => JointCaseConnection, {
    description: 'Cases the caller’s organisation leads, or takes part in with a consent in force',
  })
  cases(@Ctx() ctx: RequestContext, @Args() args: CasesArgs) {
    return this.caseService.list(ctx, args);
  }

  @Allow(Action.Read, 'Case')
  @Query(() => CaseModel)
  case(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.caseService.get(ctx, id);
  }

  @Allow(Action.Read, 'Case')
  @Query(() => [CaseConsentAlertModel], {
    description:
      'Open cases whose consent is missing, ends within withinDays, or needs re-consent at 18 (the alerts job makes the re-consent tasks)',
  })
  caseConsentAlerts(@Ctx() ctx: RequestContext, @Args() args: ConsentAlertsArgs) {
    return this.reconsent.alerts(ctx, args.withinDays);
  }

  @Allow(Action.Read, 'Case')
  @Query(() => CaseTaskConnection, {
    description:
      'Tasks owned by the caller’s organisation (re-consent tasks included), soonest due first',
  })
  myCaseTasks(@Ctx() ctx: RequestContext, @Args() args: MyTasksArgs) {
    return this.plan.myTasks(ctx, args);
  }

  @Allow(Action.Read, 'CaseNote')
  @Query(() => CaseNoteConnection, { description: 'Current versions of a case’s notes' })
  caseNotes(@Ctx() ctx: RequestContext, @Args() args: CaseNotesArgs) {
    return this.notes.list(ctx, args);
  }

  @Allow(Action.Read, 'CaseNote')
  @Query(() => [CaseNoteModel], { description: 'Every version of a note, oldest first' })
  caseNoteHistory(
    @Ctx() ctx: RequestContext,
    @Args('noteId', ID_ARG, ParseUUIDPipe) noteId: string,
  ) {
    return this.notes.history(ctx, noteId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, { description: 'Open a joint case led by the caller’s organisation' })
  openCase(@Ctx() ctx: RequestContext, @Args('input') input: OpenCaseInput) {
    return this.caseService.open(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, { description: 'Lead organisation: add a participating organisation' })
  addCaseParticipant(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
    @Args('organisationId', ID_ARG, ParseUUIDPipe) organisationId: string,
  ) {
    return this.caseService.addParticipant(ctx, caseId, organisationId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, {
    description:
      'Lead organisation: remove a participating organisation; its access ends on its next request and it is told',
  })
  removeCaseParticipant(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
    @Args('organisationId', ID_ARG, ParseUUIDPipe) organisationId: string,
  ) {
    return this.caseService.removeParticipant(ctx, caseId, organisationId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, {
    description:
      'Lead organisation: propose a user of a participating organisation (or its own) as the new lead; nothing changes until that user accepts',
  })
  proposeCaseLead(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
    @Args('organisationId', ID_ARG, ParseUUIDPipe) organisationId: string,
    @Args('userId', ID_ARG, ParseUUIDPipe) userId: string,
  ) {
    return this.lead.propose(ctx, caseId, organisationId, userId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, {
    description:
      'The proposed user takes the lead: its organisation leads, the former lead stays a participant and is told',
  })
  acceptCaseLead(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
  ) {
    return this.lead.accept(ctx, caseId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, {
    description: 'The proposed user declines the lead; the lead is told',
  })
  declineCaseLead(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
  ) {
    return this.lead.decline(ctx, caseId);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, { description: 'Lead organisation: reopen a closed case' })
  reopenCase(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.caseService.reopen(ctx, id);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseModel, { description: 'Lead organisation: close the case with an outcome' })
  closeCase(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('input') input: CloseCaseInput,
  ) {
    return this.caseService.close(ctx, id, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseNoteModel)
  addCaseNote(@Ctx() ctx: RequestContext, @Args('input') input: AddCaseNoteInput) {
    return this.notes.add(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseNoteModel, {
    description: 'Author organisation: a new version of a note; the old one is kept',
  })
  correctCaseNote(@Ctx() ctx: RequestContext, @Args('input') input: CorrectCaseNoteInput) {
    return this.notes.correct(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseMeetingModel)
  scheduleCaseMeeting(@Ctx() ctx: RequestContext, @Args('input') input: ScheduleMeetingInput) {
    return this.plan.scheduleMeeting(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseMeetingModel)
  recordMeetingMinutes(@Ctx() ctx: RequestContext, @Args('input') input: RecordMinutesInput) {
    return this.plan.recordMinutes(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseGoalModel, { description: 'EOR: a goal, or a sub-goal planned backwards' })
  setCaseGoal(@Ctx() ctx: RequestContext, @Args('input') input: SetGoalInput) {
    return this.plan.setGoal(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseGoalModel)
  updateCaseGoalStatus(@Ctx() ctx: RequestContext, @Args('input') input: UpdateGoalStatusInput) {
    return this.plan.updateGoalStatus(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseTaskModel)
  addCaseTask(@Ctx() ctx: RequestContext, @Args('input') input: AddTaskInput) {
    return this.plan.addTask(ctx, input);
  }

  @Allow(Action.Create, 'Case')
  @Mutation(() => CaseTaskModel)
  completeCaseTask(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.plan.completeTask(ctx, id);
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  leadOrganisation(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, c.leadOrganisationId);
  }

  @ResolveField(() => [CaseParticipantModel])
  async participants(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'caseParticipants', (ids) =>
        this.caseService.participantsOf(ids),
      ).load(c.id)) ?? []
    );
  }

  @ResolveField(() => [CaseNoteModel], {
    description: 'The latest current notes (placeholders where the caller lacks consent)',
  })
  async latestNotes(
    @Parent() c: CaseModel,
    @Context('req') req: PortalRequest,
    @Args('limit', { type: () => Int, defaultValue: 3 }) limit: number,
  ) {
    const n = Math.max(1, Math.min(limit, 20));
    const ctx = requestContextOf(req);
    return (
      (await requestLoader(req, `caseLatestNotes:${n}`, (ids) =>
        this.notes.latestFor(ctx, ids, n),
      ).load(c.id)) ?? []
    );
  }

  @ResolveField(() => [CaseMeetingModel])
  async meetings(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'caseMeetings', (ids) => this.plan.meetingsOf(ids)).load(c.id)) ??
      []
    );
  }

  @ResolveField(() => [CaseGoalModel], { description: 'The EOR action plan' })
  async goals(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'caseGoals', (ids) => this.plan.goalsOf(ids)).load(c.id)) ?? []
    );
  }

  @ResolveField(() => [CaseTaskModel])
  async tasks(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'caseTasks', (ids) => this.plan.tasksOf(ids)).load(c.id)) ?? []
    );
  }
}

@Resolver(() => CaseParticipantModel)
export class CaseParticipantResolver {
  constructor(private readonly ds: DataSource) {}

  @ResolveField(() => OrganisationModel, { nullable: true })
  organisation(@Parent() p: CaseParticipantModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, p.organisationId);
  }
}

@Resolver(() => CaseNoteModel)
export class CaseNoteResolver {
  constructor(private readonly ds: DataSource) {}

  @ResolveField(() => OrganisationModel, { nullable: true })
  authorOrganisation(@Parent() n: CaseNoteModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, n.authorOrganisationId);
  }
}
