import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../../core/auth/decorators';
import { PortalRequest, RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { requestLoader } from '../../core/graphql/request-loader';
import { OrganisationModel } from '../../identity/models/organisation.model';
import { schoolLoader } from '../school-loaders';
import { RISK_FLAG } from '../schools.abilities';
import { StudentModel } from '../students/student.model';
import { studentLoader } from '../students/student.loader';
import {
  BookPreventiveMeetingInput,
  ChangeRiskFlagStatusInput,
  FlagConsentInput,
  RaiseRiskFlagInput,
  RiskFlagIdArgs,
  RiskFlagsArgs,
  UpdatePreventiveMeetingInput,
  WithdrawFlagConsentInput,
} from './dto/risk-flag.inputs';
import {
  FlagConsentModel,
  FlagConsentRow,
  PreventiveMeetingModel,
  RiskFlagConnection,
  RiskFlagModel,
} from './models/risk-flag.model';
import { PreventiveMeetingEntity } from './preventive-meeting.entity';
import { RiskFlagConsentService } from './risk-flag-consent.service';
import { RiskFlagQueriesService } from './risk-flag-queries.service';
import { RiskFlagsService } from './risk-flags.service';

@Resolver(() => RiskFlagModel)
export class RiskFlagsResolver {
  constructor(
    private readonly flags: RiskFlagsService,
    private readonly queries: RiskFlagQueriesService,
    private readonly consents: RiskFlagConsentService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, RISK_FLAG)
  @Query(() => RiskFlagConnection, {
    description:
      'COUNSELLOR: the flags of the own school. YOUTH_COORDINATOR: flags shared with the own municipality under a consent in force',
  })
  riskFlags(@Ctx() ctx: RequestContext, @Args() args: RiskFlagsArgs) {
    return this.queries.list(ctx, args);
  }

  @Allow(Action.Read, RISK_FLAG)
  @Query(() => RiskFlagModel)
  riskFlag(@Ctx() ctx: RequestContext, @Args() { id }: RiskFlagIdArgs) {
    return this.queries.get(ctx, id);
  }

  @Allow(Action.Create, RISK_FLAG)
  @Mutation(() => RiskFlagModel, {
    description: 'COUNSELLOR: flag a student of the own school, optionally with a sharing consent',
  })
  raiseRiskFlag(@Ctx() ctx: RequestContext, @Args('input') input: RaiseRiskFlagInput) {
    return this.flags.raise(ctx, input);
  }

  @Allow(Action.Update, RISK_FLAG)
  @Mutation(() => RiskFlagModel, { description: 'COUNSELLOR: PLAN_AGREED or RESOLVED' })
  changeRiskFlagStatus(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangeRiskFlagStatusInput,
  ) {
    return this.flags.changeStatus(ctx, input);
  }

  @Allow(Action.Update, RISK_FLAG)
  @Mutation(() => PreventiveMeetingModel, {
    description: 'COUNSELLOR: book a preventive meeting (an OPEN flag becomes MEETING_BOOKED)',
  })
  bookPreventiveMeeting(
    @Ctx() ctx: RequestContext,
    @Args('input') input: BookPreventiveMeetingInput,
  ) {
    return this.flags.bookMeeting(ctx, input);
  }

  @Allow(Action.Update, RISK_FLAG)
  @Mutation(() => PreventiveMeetingModel, {
    description: 'COUNSELLOR: record that a booked meeting was HELD or CANCELLED',
  })
  updatePreventiveMeeting(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdatePreventiveMeetingInput,
  ) {
    return this.flags.updateMeeting(ctx, input);
  }

  @Allow(Action.Update, RISK_FLAG)
  @Mutation(() => RiskFlagModel, {
    description:
      'COUNSELLOR: record the consent that shares the flag with the home municipality youth team',
  })
  recordRiskFlagConsent(
    @Ctx() ctx: RequestContext,
    @Args('riskFlagId', { type: () => ID }, ParseUUIDPipe) riskFlagId: string,
    @Args('input') input: FlagConsentInput,
  ) {
    return this.consents.record(ctx, riskFlagId, input);
  }

  @Allow(Action.Update, RISK_FLAG)
  @Mutation(() => RiskFlagModel, {
    description:
      "COUNSELLOR: record the withdrawal of the flag's consent (as withdrawConsent does): the youth team loses access on the next request and is told. withdrawnBy defaults to whoever gave it",
  })
  withdrawRiskFlagConsent(
    @Ctx() ctx: RequestContext,
    @Args('riskFlagId', { type: () => ID }, ParseUUIDPipe) riskFlagId: string,
    @Args('input', { type: () => WithdrawFlagConsentInput, nullable: true })
    input?: WithdrawFlagConsentInput,
  ) {
    return this.consents.withdraw(ctx, riskFlagId, input);
  }

  @ResolveField(() => FlagConsentModel, { nullable: true })
  async consent(@Parent() flag: RiskFlagModel, @Context('req') req: PortalRequest) {
    if (!flag.consentId) return null;
    // The flag's readers are the school that documented the consent and the team it names.
    const row = await requestLoader<FlagConsentRow>(req, 'schools.flagConsents', async (ids) => {
      const rows: FlagConsentRow[] = await this.ds.query(
        `SELECT c.id, c.given_by, c.method, c.valid_from, c.valid_until, c.withdrawn_at,
                c.municipality_code, c.created_at,
                EXISTS (SELECT 1 FROM consent_in_force cif WHERE cif.id = c.id) AS in_force
           FROM consent c WHERE c.id = ANY($1::uuid[])`,
        [[...ids]],
      );
      return new Map(rows.map((r) => [r.id, r]));
    }).load(flag.consentId);
    return row ? FlagConsentModel.from(row) : null;
  }

  @ResolveField(() => StudentModel, { nullable: true })
  student(@Parent() flag: RiskFlagModel, @Context('req') req: PortalRequest) {
    return studentLoader(req, this.ds).load(flag.youngPersonId);
  }

  @ResolveField(() => OrganisationModel)
  school(@Parent() flag: RiskFlagModel, @Context('req') req: PortalRequest) {
    return schoolLoader(req, this.ds).load(flag.schoolOrganisationId);
  }

  @ResolveField(() => [PreventiveMeetingModel])
  async meetings(@Parent() flag: RiskFlagModel, @Context('req') req: PortalRequest) {
    const found = await requestLoader<PreventiveMeetingModel[]>(
      req,
      'schools.meetingsByFlag',
      async (ids) => {
        const rows = await this.ds
          .getRepository(PreventiveMeetingEntity)
          .createQueryBuilder('m')
          .where('m.risk_flag_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('m.meeting_at')
          .getMany();
        const byFlag = new Map<string, PreventiveMeetingModel[]>();
        for (const m of rows) {
          const list = byFlag.get(m.riskFlagId) ?? [];
          list.push(PreventiveMeetingModel.from(m));
          byFlag.set(m.riskFlagId, list);
        }
        return byFlag;
      },
    ).load(flag.id);
    return found ?? [];
  }
}
