import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig } from '../core/config/app-config';

const LOGIN_RATE_LIMITED = 'portal:loginRateLimited';

/** Marks login and refresh: they get the strictest limit, per client address. */
export const LoginRateLimit = () => SetMetadata(LOGIN_RATE_LIMITED, true);

/**
 * The "login" throttler, registered with the app's configuration (not read from the
 * environment at decoration time, which would ignore .env and per-app settings). It
 * counts only the handlers marked with @LoginRateLimit(), keyed by client address.
 */
export function loginThrottler(
  config: Pick<AppConfig, 'loginRateLimitPerMinute'>,
): ThrottlerOptions {
  return {
    name: 'login',
    ttl: 60_000,
    limit: config.loginRateLimitPerMinute,
    skipIf: (context: ExecutionContext) =>
      Reflect.getMetadata(LOGIN_RATE_LIMITED, context.getHandler()) !== true,
  };
}
