import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { IdArg } from '../../core/graphql/id-arg';
import { BookHomeVisitInput, HomeVisitAgendaArgs, RecordHomeVisitInput } from './home-visit.inputs';
import { HomeVisitModel } from './home-visit.model';
import { HomeVisitsService } from './home-visits.service';

@Resolver()
export class HomeVisitsResolver {
  constructor(private readonly visits: HomeVisitsService) {}

  @Allow(Action.Create, 'ContactAttempt')
  @Mutation(() => HomeVisitModel, {
    description:
      'YOUTH_COORDINATOR: book a home visit with a young person of the own register, with the two (up to four) coordinators of the own team who go',
  })
  bookHomeVisit(@Ctx() ctx: RequestContext, @Args('input') input: BookHomeVisitInput) {
    return this.visits.book(ctx, input);
  }

  @Allow(Action.Create, 'ContactAttempt')
  @Mutation(() => HomeVisitModel, {
    description:
      'YOUTH_COORDINATOR: the booked visit happened; records it as a HOME_VISIT contact attempt',
  })
  recordHomeVisit(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: RecordHomeVisitInput,
  ) {
    return this.visits.record(ctx, id, input);
  }

  @Allow(Action.Create, 'ContactAttempt')
  @Mutation(() => HomeVisitModel, { description: 'YOUTH_COORDINATOR: cancel a booked visit' })
  cancelHomeVisit(@Ctx() ctx: RequestContext, @IdArg() id: string) {
    return this.visits.cancel(ctx, id);
  }

  @Allow(Action.Read, 'ContactAttempt')
  @Query(() => [HomeVisitModel], {
    description:
      'YOUTH_COORDINATOR: the home visits (planned and done) of a coordinator — the caller by default — or of the whole team, between two days, by time; at most 500',
  })
  homeVisitAgenda(@Ctx() ctx: RequestContext, @Args() args: HomeVisitAgendaArgs) {
    return this.visits.agenda(ctx, args);
  }
}
