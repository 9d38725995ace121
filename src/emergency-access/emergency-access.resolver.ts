import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { PageArgs } from '../core/graphql/connection';
import {
  EmergencyReviewArgs,
  OpenEmergencyAccessInput,
  ReviewEmergencyAccessInput,
} from './dto/emergency-access.inputs';
import { EmergencyAccessService } from './emergency-access.service';
import { EmergencyAccessConnection, EmergencyAccessModel } from './models/emergency-access.model';

@Resolver(() => EmergencyAccessModel)
export class EmergencyAccessResolver {
  constructor(private readonly service: EmergencyAccessService) {}

  @Allow(Action.Create, 'EmergencyAccess')
  @Mutation(() => EmergencyAccessModel, {
    description:
      'Break the glass (EMERGENCY_ACCESS permission): open a young person or case of the own municipality for 4 hours with a written reason',
  })
  openEmergencyAccess(@Ctx() ctx: RequestContext, @Args('input') input: OpenEmergencyAccessInput) {
    return this.service.open(ctx, input);
  }

  @Allow(Action.Update, 'EmergencyAccessEnd')
  @Mutation(() => EmergencyAccessModel, {
    description:
      'End one of the caller’s own emergency openings now; the access is gone on the next request',
  })
  endEmergencyAccess(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ) {
    return this.service.end(ctx, id);
  }

  @Allow(Action.Read, 'EmergencyAccess')
  @Query(() => EmergencyAccessConnection, { description: 'The caller’s own emergency openings' })
  myEmergencyAccesses(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return this.service.mine(ctx, args);
  }

  @Allow(Action.Update, 'EmergencyAccess')
  @Query(() => EmergencyAccessConnection, {
    description:
      'AUDITOR: emergency openings awaiting review, of the own municipality’s residents or by its users',
  })
  emergencyAccessReviewList(@Ctx() ctx: RequestContext, @Args() args: EmergencyReviewArgs) {
    return this.service.reviewList(ctx, args);
  }

  @Allow(Action.Update, 'EmergencyAccess')
  @Mutation(() => EmergencyAccessModel, { description: 'AUDITOR: mark an opening reviewed' })
  markEmergencyAccessReviewed(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input', { nullable: true }) input?: ReviewEmergencyAccessInput,
  ) {
    return this.service.markReviewed(ctx, id, input ?? {});
  }
}
