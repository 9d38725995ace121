/**
 * Login and refresh are throttled hardest, per client address. Read from the
 * environment at decoration time because decorators run before DI exists.
 */
export function loginRateLimit() {
  const limit = Number.parseInt(process.env.LOGIN_RATE_LIMIT_PER_MINUTE ?? '', 10) || 20;
  return { default: { limit, ttl: 60_000 } };
}
