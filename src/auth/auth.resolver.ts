import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, Allow } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { UserModel } from '../identity/models/user.model';
import { UsersService } from '../identity/users.service';
import { AuthService } from './auth.service';
import { AuthPayload, LoginInput, RefreshInput } from './dto/auth.dto';
import { LoginRateLimit } from './login-rate-limit';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @LoginRateLimit()
  @Mutation(() => AuthPayload, { description: 'Log in with e-mail and password' })
  login(
    @Args('input') input: LoginInput,
    @Context('req') req: PortalRequest,
  ): Promise<AuthPayload> {
    return this.auth.login(input.email, input.password, String(req.id ?? ''));
  }

  @Public()
  @LoginRateLimit()
  @Mutation(() => AuthPayload, {
    description: 'Exchange a refresh token for new tokens (the old one is retired)',
  })
  refreshSession(
    @Args('input') input: RefreshInput,
    @Context('req') req: PortalRequest,
  ): Promise<AuthPayload> {
    return this.auth.refresh(input.refreshToken, String(req.id ?? ''));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'End the session the refresh token belongs to' })
  logout(@Args('input') input: RefreshInput, @Context('req') req: PortalRequest): Promise<boolean> {
    return this.auth.logout(input.refreshToken, String(req.id ?? ''));
  }

  @Allow(Action.Read, 'Me')
  @Query(() => UserModel, { description: 'The logged-in user' })
  me(@Ctx() ctx: RequestContext): Promise<UserModel> {
    return this.users.me(ctx);
  }
}
