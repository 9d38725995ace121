import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ContactAttemptsService } from './contact-attempts.service';
import {
  ContactAttemptsArgs,
  OutreachRoundsArgs,
  RecordContactAttemptInput,
  RecordOutreachRoundInput,
} from './dto/contact-attempt.inputs';
import {
  AssignResponsibleCoordinatorInput,
  ScheduleFollowUpInput,
  WorkListArgs,
} from './dto/work-list.inputs';
import { FollowUpService } from './follow-up.service';
import {
  ContactAttemptConnection,
  ContactAttemptModel,
  OutreachRoundConnection,
  OutreachRoundModel,
} from './models/contact-attempt.model';
import { FollowUpPlanModel, WorkListConnection } from './models/work-list.model';
import { OutreachRoundsService } from './outreach-rounds.service';
import { WorkListService } from './work-list.service';

@Resolver()
export class OutreachResolver {
  constructor(
    private readonly contacts: ContactAttemptsService,
    private readonly rounds: OutreachRoundsService,
    private readonly workLists: WorkListService,
    private readonly followUps: FollowUpService,
  ) {}

  @Allow(Action.Create, 'ContactAttempt')
  @Mutation(() => ContactAttemptModel, {
    description:
      'YOUTH_COORDINATOR: record one contact attempt with a young person of the own register',
  })
  recordContactAttempt(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordContactAttemptInput,
  ) {
    return this.contacts.record(ctx, input);
  }

  @Allow(Action.Read, 'ContactAttempt')
  @Query(() => ContactAttemptConnection, {
    description: 'YOUTH_COORDINATOR: contact history of one young person, newest first',
  })
  contactAttempts(@Ctx() ctx: RequestContext, @Args() args: ContactAttemptsArgs) {
    return this.contacts.list(ctx, args);
  }

  @Allow(Action.Create, 'OutreachRound')
  @Mutation(() => OutreachRoundModel, {
    description:
      'YOUTH_COORDINATOR: record the same contact (e.g. a letter) for many young people at once; all or nothing',
  })
  recordOutreachRound(@Ctx() ctx: RequestContext, @Args('input') input: RecordOutreachRoundInput) {
    return this.rounds.record(ctx, input);
  }

  @Allow(Action.Read, 'OutreachRound')
  @Query(() => OutreachRoundConnection, {
    description: 'YOUTH_COORDINATOR: the municipality’s outreach rounds, newest first',
  })
  outreachRounds(@Ctx() ctx: RequestContext, @Args() args: OutreachRoundsArgs) {
    return this.rounds.list(ctx, args);
  }

  @Allow(Action.Read, 'WorkList')
  @Query(() => WorkListConnection, {
    description:
      'YOUTH_COORDINATOR: everyone in an open KAA period with unknown occupation, most urgent first',
  })
  workList(@Ctx() ctx: RequestContext, @Args() args: WorkListArgs) {
    return this.workLists.list(ctx, args);
  }

  @Allow(Action.Update, 'WorkList')
  @Mutation(() => FollowUpPlanModel, {
    description:
      'YOUTH_COORDINATOR: make a coordinator of the own team responsible for a young person',
  })
  assignResponsibleCoordinator(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AssignResponsibleCoordinatorInput,
  ) {
    return this.followUps.assignResponsible(ctx, input);
  }

  @Allow(Action.Update, 'WorkList')
  @Mutation(() => FollowUpPlanModel, {
    description:
      'YOUTH_COORDINATOR: set the next follow-up date of a young person’s open KAA period',
  })
  scheduleFollowUp(@Ctx() ctx: RequestContext, @Args('input') input: ScheduleFollowUpInput) {
    return this.followUps.scheduleFollowUp(ctx, input);
  }
}
