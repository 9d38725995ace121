import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { NetworkMeetingsArgs, RecordNetworkMeetingInput } from './dto/network-meeting.inputs';
import { NetworkMeetingConnection, NetworkMeetingModel } from './models/network-meeting.model';
import { NETWORK_MEETING } from './network-meetings.abilities';
import { NetworkMeetingsService } from './network-meetings.service';

@Resolver(() => NetworkMeetingModel)
export class NetworkMeetingsResolver {
  constructor(private readonly service: NetworkMeetingsService) {}

  @Allow(Action.Read, NETWORK_MEETING)
  @Query(() => NetworkMeetingConnection, {
    description:
      "YOUTH_COORDINATOR: the own municipality's professional and network meetings, newest first",
  })
  networkMeetings(@Ctx() ctx: RequestContext, @Args() args: NetworkMeetingsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Create, NETWORK_MEETING)
  @Mutation(() => NetworkMeetingModel, {
    description:
      'YOUTH_COORDINATOR: record a professional or network meeting that was held (counts and organisation names only; no personal data). Counted in the monthly report.',
  })
  recordNetworkMeeting(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordNetworkMeetingInput,
  ) {
    return this.service.record(ctx, input);
  }
}
