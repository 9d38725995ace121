import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ReassignStaffWorkInput } from './dto/reassign-staff-work.input';
import { StaffWorkPreviewArgs } from './dto/staff-work-preview.args';
import {
  StaffWorkPreviewModel,
  StaffWorkReassignmentModel,
} from './models/staff-work-reassignment.model';
import { StaffLeaveService } from './staff-leave.service';

@Resolver()
export class StaffLeaveResolver {
  constructor(private readonly service: StaffLeaveService) {}

  @Allow(Action.Update, 'StaffWork')
  @Mutation(() => StaffWorkReassignmentModel, {
    description:
      'ORG_ADMIN (own organisation) or MUNICIPALITY_ADMIN (own municipality): move all of a ' +
      'user’s open cases, tasks, referrals, risk flags and KAA periods to an active colleague in ' +
      'the same organisation, in one transaction. Returns the counts per kind.',
  })
  reassignStaffWork(@Ctx() ctx: RequestContext, @Args('input') input: ReassignStaffWorkInput) {
    return this.service.reassign(ctx, input);
  }

  @Allow(Action.Update, 'StaffWork')
  @Query(() => StaffWorkPreviewModel, {
    description:
      'ORG_ADMIN, MUNICIPALITY_ADMIN: what reassignStaffWork would move now, per kind, for a ' +
      'user the caller administers; with toUserId, the receiver is checked the same way. ' +
      'Nothing changes.',
  })
  staffWorkPreview(@Ctx() ctx: RequestContext, @Args() args: StaffWorkPreviewArgs) {
    return this.service.preview(ctx, args.fromUserId, args.toUserId);
  }
}
