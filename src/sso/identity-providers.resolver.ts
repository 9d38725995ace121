import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsString, Matches } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ConfigureIdentityProviderInput, IdentityProviderModel } from './identity-provider.dto';
import { IdentityProvidersService } from './identity-providers.service';

@ArgsType()
class ProviderIdArgs {
  @Field()
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'id must be 1–40 lower-case letters, digits and -' })
  id: string;
}

@Resolver(() => IdentityProviderModel)
export class IdentityProvidersResolver {
  constructor(private readonly service: IdentityProvidersService) {}

  @Allow(Action.Read, 'IdentityProvider')
  @Query(() => [IdentityProviderModel], {
    description:
      "MUNICIPALITY_ADMIN: the own municipality's identity providers (configured and admin-made)",
  })
  identityProviders(@Ctx() ctx: RequestContext): Promise<IdentityProviderModel[]> {
    return this.service.list(ctx);
  }

  @Allow(Action.Update, 'IdentityProvider')
  @Mutation(() => IdentityProviderModel, {
    description:
      'MUNICIPALITY_ADMIN: add or change an OpenID Connect provider of the own municipality (logged); in force at the next login',
  })
  configureIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ConfigureIdentityProviderInput,
  ): Promise<IdentityProviderModel> {
    return this.service.configure(ctx, input);
  }

  @Allow(Action.Delete, 'IdentityProvider')
  @Mutation(() => Boolean, {
    description:
      "MUNICIPALITY_ADMIN: remove an admin-made provider: its users' links and its sessions end (logged)",
  })
  removeIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args() { id }: ProviderIdArgs,
  ): Promise<boolean> {
    return this.service.remove(ctx, id);
  }
}
