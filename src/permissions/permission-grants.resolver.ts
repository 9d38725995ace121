import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import {
  GrantPermissionInput,
  PermissionGrantsArgs,
  RevokePermissionInput,
} from './dto/permission-grant.inputs';
import { PermissionGrantConnection, PermissionGrantModel } from './models/permission-grant.model';
import { PermissionGrantsService } from './permission-grants.service';

@Resolver(() => PermissionGrantModel)
export class PermissionGrantsResolver {
  constructor(private readonly service: PermissionGrantsService) {}

  @Allow(Action.Read, 'PermissionGrant')
  @Query(() => PermissionGrantConnection, {
    description:
      'MUNICIPALITY_ADMIN, AUDITOR: permission grants of the own municipality, newest first',
  })
  permissionGrants(@Ctx() ctx: RequestContext, @Args() args: PermissionGrantsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Manage, 'PermissionGrant')
  @Mutation(() => PermissionGrantModel, {
    description:
      'MUNICIPALITY_ADMIN: give a user of the own municipality EMERGENCY_ACCESS or PROTECTED_IDENTITY until an end date, with a reason (replaces an open grant of the same permission)',
  })
  grantPermission(@Ctx() ctx: RequestContext, @Args('input') input: GrantPermissionInput) {
    return this.service.grant(ctx, input);
  }

  @Allow(Action.Manage, 'PermissionGrant')
  @Mutation(() => PermissionGrantModel, {
    description:
      'MUNICIPALITY_ADMIN: end a grant now; the user loses the permission on the next request',
  })
  revokePermission(@Ctx() ctx: RequestContext, @Args('input') input: RevokePermissionInput) {
    return this.service.revoke(ctx, input);
  }
}
