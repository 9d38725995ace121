import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { In } from 'typeorm';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { IdArg } from '../core/graphql/id-arg';
import { requestLoader } from '../core/graphql/request-loader';
import {
  CreateOrganisationInput,
  CreateUserInput,
  IdArgs,
  OrganisationsArgs,
  UpdateOrganisationInput,
  UpdateUserInput,
  UsersArgs,
} from './dto/identity.inputs';
import {
  OrganisationConnection,
  OrganisationModel,
  UserConnection,
} from './models/organisation.model';
import { UserModel } from './models/user.model';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsService } from './organisations.service';
import { UsersService } from './users.service';

@Resolver(() => OrganisationModel)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Allow(Action.Read, 'Organisation')
  @Query(() => OrganisationConnection, {
    description: 'Organisations the caller may administer or belongs to',
  })
  organisations(@Ctx() ctx: RequestContext, @Args() args: OrganisationsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Read, 'Organisation')
  @Query(() => OrganisationModel)
  async organisation(@Ctx() ctx: RequestContext, @Args() { id }: IdArgs) {
    return OrganisationModel.from(await this.service.get(ctx, id));
  }

  @Allow(Action.Create, 'Organisation')
  @Mutation(() => OrganisationModel, {
    description: 'MUNICIPALITY_ADMIN: add an organisation to the own municipality',
  })
  createOrganisation(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrganisationInput) {
    return this.service.create(ctx, input);
  }

  @Allow(Action.Update, 'Organisation')
  @Mutation(() => OrganisationModel)
  updateOrganisation(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: UpdateOrganisationInput,
  ) {
    return this.service.update(ctx, id, input);
  }
}

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(
    private readonly service: UsersService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, 'User')
  @Query(() => UserConnection, { description: 'Users the caller administers' })
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Read, 'User')
  @Query(() => UserModel)
  user(@Ctx() ctx: RequestContext, @Args() { id }: IdArgs) {
    return this.service.get(ctx, id);
  }

  @Allow(Action.Create, 'User')
  @Mutation(() => UserModel, {
    description: 'MUNICIPALITY_ADMIN (own municipality) or ORG_ADMIN (own organisation)',
  })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput) {
    return this.service.create(ctx, input);
  }

  @Allow(Action.Update, 'User')
  @Mutation(() => UserModel, {
    description: 'Rename, change roles, disable/enable or set a new password',
  })
  updateUser(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: UpdateUserInput,
  ) {
    return this.service.update(ctx, id, input);
  }

  /** A user's own organisation is public to whoever may see the user; batched per request. */
  @ResolveField(() => OrganisationModel)
  async organisation(
    @Parent() user: UserModel,
    @Context('req') req: PortalRequest,
  ): Promise<OrganisationModel | null> {
    return requestLoader(req, 'organisationById', async (ids) => {
      const rows = await this.ds.getRepository(OrganisationEntity).findBy({ id: In([...ids]) });
      return new Map(rows.map((o) => [o.id, OrganisationModel.from(o)]));
    }).load(user.organisationId);
  }
}
