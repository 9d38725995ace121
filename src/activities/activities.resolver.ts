import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { requestLoader } from '../core/graphql/request-loader';
import { ActivitiesService } from './activities.service';
import { ActivitiesArgs, AttendanceInput, CreateActivityInput } from './dto/activity.inputs';
import { MembershipReportInput, SummerJobOfferInput } from './dto/summer-job.inputs';
import { ActivityConnection, ActivityModel, AttendanceModel } from './models/activity.model';
import {
  MembershipReportModel,
  SummerJobChallengeModel,
  SummerJobOfferModel,
} from './models/summer-job.model';
import { SummerJobsService } from './summer-jobs.service';
import { IdArg } from '../core/graphql/id-arg';

@Resolver(() => ActivityModel)
export class ActivitiesResolver {
  constructor(private readonly service: ActivitiesService) {}

  @Allow(Action.Read, 'Activity')
  @Query(() => ActivityConnection, {
    description: 'Group activities of the own municipality, by start time',
  })
  activities(@Ctx() ctx: RequestContext, @Args() args: ActivitiesArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Create, 'Activity')
  @Mutation(() => ActivityModel, {
    description: 'YOUTH_COORDINATOR or ASSOCIATION_LEADER (hosting it)',
  })
  createActivity(@Ctx() ctx: RequestContext, @Args('input') input: CreateActivityInput) {
    return this.service.create(ctx, input);
  }

  @Allow(Action.Update, 'Activity')
  @Mutation(() => ActivityModel)
  cancelActivity(@Ctx() ctx: RequestContext, @IdArg() id: string) {
    return this.service.cancel(ctx, id);
  }

  @Allow(Action.Update, 'Activity')
  @Mutation(() => AttendanceModel, { description: 'Head counts only; no names are ever recorded' })
  reportAttendance(
    @Ctx() ctx: RequestContext,
    @IdArg('activityId') activityId: string,
    @Args('input') input: AttendanceInput,
  ) {
    return this.service.reportAttendance(ctx, activityId, input);
  }

  @ResolveField(() => AttendanceModel, { nullable: true })
  attendance(@Parent() activity: ActivityModel, @Context('req') req: PortalRequest) {
    return requestLoader(req, 'attendanceByActivity', (ids) =>
      this.service.attendanceByActivity(ids),
    ).load(activity.id);
  }
}

@Resolver()
export class SummerJobsResolver {
  constructor(private readonly summerJobs: SummerJobsService) {}

  @Allow(Action.Read, 'SummerJobOffer')
  @Query(() => [SummerJobOfferModel])
  summerJobOffers(@Ctx() ctx: RequestContext, @Args('year', { type: () => Int }) year: number) {
    return this.summerJobs.offers(ctx, year);
  }

  @Allow(Action.Read, 'SummerJobOffer')
  @Query(() => SummerJobChallengeModel)
  summerJobChallenge(@Ctx() ctx: RequestContext, @Args('year', { type: () => Int }) year: number) {
    return this.summerJobs.challenge(ctx, year);
  }

  @Allow(Action.Create, 'SummerJobOffer')
  @Mutation(() => SummerJobOfferModel, {
    description: "Add or correct an employer's summer-job offer",
  })
  saveSummerJobOffer(@Ctx() ctx: RequestContext, @Args('input') input: SummerJobOfferInput) {
    return this.summerJobs.saveOffer(ctx, input);
  }

  @Allow(Action.Read, 'MembershipReport')
  @Query(() => [MembershipReportModel])
  membershipReports(@Ctx() ctx: RequestContext) {
    return this.summerJobs.membershipReports(ctx);
  }

  @Allow(Action.Create, 'MembershipReport')
  @Mutation(() => MembershipReportModel, {
    description: 'ASSOCIATION_LEADER: members before and after a period',
  })
  reportMembership(@Ctx() ctx: RequestContext, @Args('input') input: MembershipReportInput) {
    return this.summerJobs.reportMembership(ctx, input);
  }
}
