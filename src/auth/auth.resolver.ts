import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, Allow } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { UserModel } from '../identity/models/user.model';
import { UsersService } from '../identity/users.service';
import { AuthService } from './auth.service';
import { AuthPayload, LoginInput, RefreshInput } from './dto/auth.dto';
import { LoginRateLimit } from './login-rate-limit';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './session-cookie';
import { Response } from 'express';
import { UnauthenticatedError } from '../core/errors/domain-error';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @LoginRateLimit()
  @Mutation(() => AuthPayload, {
    description:
      'Log in with e-mail and password. The refresh token comes in the answer and in an httpOnly cookie (for browsers)',
  })
  async login(
    @Args('input') input: LoginInput,
    @Context('req') req: PortalRequest,
    @Context('res') res: Response,
  ): Promise<AuthPayload> {
    const payload = await this.auth.login(
      input.email,
      input.password,
      String(req.id ?? ''),
      input.secondFactor,
    );
    setRefreshCookie(res, payload.refreshToken, payload.refreshTokenExpiresAt);
    return payload;
  }

  @Public()
  @LoginRateLimit()
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token for new tokens (the old one is retired). Without input, the refresh cookie is used',
  })
  async refreshSession(
    @Context('req') req: PortalRequest,
    @Context('res') res: Response,
    @Args('input', { nullable: true }) input?: RefreshInput,
  ): Promise<AuthPayload> {
    // Without input the validation pipe hands over {}: the cookie is used then.
    const fromCookie = input?.refreshToken === undefined;
    const token = fromCookie ? readRefreshCookie(req) : input.refreshToken;
    if (!token) throw new UnauthenticatedError('No refresh token');
    try {
      const payload = await this.auth.refresh(token, String(req.id ?? ''));
      setRefreshCookie(res, payload.refreshToken, payload.refreshTokenExpiresAt);
      return payload;
    } catch (e) {
      // A refused token is of no further use to the browser either.
      if (fromCookie) clearRefreshCookie(res);
      throw e;
    }
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'End the session the refresh token belongs to. Without input, the refresh cookie is used (and cleared)',
  })
  async logout(
    @Context('req') req: PortalRequest,
    @Context('res') res: Response,
    @Args('input', { nullable: true }) input?: RefreshInput,
  ): Promise<boolean> {
    const token = input?.refreshToken ?? readRefreshCookie(req);
    clearRefreshCookie(res);
    return token ? this.auth.logout(token, String(req.id ?? '')) : false;
  }

  @Allow(Action.Read, 'Me')
  @Query(() => UserModel, { description: 'The logged-in user' })
  me(@Ctx() ctx: RequestContext): Promise<UserModel> {
    return this.users.me(ctx);
  }
}
