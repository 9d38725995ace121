import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ReassignStaffWorkInput } from './dto/reassign-staff-work.input';
import { StaffWorkReassignmentModel } from './models/staff-work-reassignment.model';
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
}
