import { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { JwtService } from '@nestjs/jwt';
import { GraphQLError } from 'graphql';
import type { Context } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AccessTokenPayload } from '../core/auth/jwt.strategy';
import { AppConfig } from '../core/config/app-config';
import { formatGraphqlError } from '../core/errors/format-graphql-error';

type WsContext = Context<Record<string, unknown> | undefined, unknown>;

/**
 * graphql-ws for subscriptions on /graphql. The client sends
 * connectionParams.authorization = 'Bearer <access token>'. The connection is refused
 * (4403) unless the token verifies; each subscription then passes the same guards as an
 * HTTP request (the JWT strategy reloads the user and refuses a disabled one, the
 * ability guard checks the declared action), through a request built from the params.
 */
export function graphqlWsOptions(config: AppConfig): GraphQLWsSubscriptionsConfig {
  const jwt = new JwtService({
    secret: config.jwtSecret,
    verifyOptions: { algorithms: ['HS256'] },
  });
  const options = {
    path: '/graphql',
    onConnect: async (ctx: WsContext): Promise<boolean> => {
      const token = bearerToken(ctx.connectionParams?.authorization);
      if (!token) return false;
      try {
        const payload = await jwt.verifyAsync<AccessTokenPayload>(token);
        return payload.typ === 'access' && typeof payload.sub === 'string';
      } catch {
        return false;
      }
    },
    context: (ctx: WsContext) => ({
      req: websocketRequest(ctx),
      res: {},
    }),
    // Errors leave through the same mapping as over HTTP: a code, no internals.
    onNext: (
      _ctx: unknown,
      _id: string,
      _payload: unknown,
      _args: unknown,
      result: { errors?: readonly GraphQLError[] },
    ) => {
      if (!result.errors?.length) return undefined;
      return {
        ...result,
        errors: result.errors.map((e) =>
          formatGraphqlError(e.toJSON(), e, config.nodeEnv === 'development'),
        ),
      };
    },
  };
  // `context` is not in Nest's type but GqlSubscriptionService passes every key on to
  // graphql-ws's useServer, after (so instead of) the HTTP context function.
  return options as GraphQLWsSubscriptionsConfig;
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer (\S+)$/.exec(header.trim());
  return m ? m[1] : null;
}

/** What the guards and the @Ctx decorator read from an HTTP request, for one operation. */
function websocketRequest(ctx: WsContext) {
  const auth = ctx.connectionParams?.authorization;
  return {
    id: randomUUID(),
    method: 'GET',
    url: '/graphql',
    ip: (ctx.extra as { request?: IncomingMessage })?.request?.socket?.remoteAddress ?? '',
    headers: { authorization: typeof auth === 'string' ? auth : '' },
  };
}
