import { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { JwtService } from '@nestjs/jwt';
import {
  createSourceEventStream,
  execute,
  ExecutionArgs,
  ExecutionResult,
  GraphQLError,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestFlush } from '../../../audit/request-flush';
import { AccessTokenPayload } from '../../auth/jwt.strategy';
import { PortalRequest } from '../../auth/request-context';
import { AppConfig } from '../../config/app-config';
import { RequestTransaction, withRequestTransaction } from '../../database/request-transaction';
import { ErrorCode } from '../../errors/error-code';
import { formatGraphqlError } from '../../errors/format-graphql-error';
import { GraphqlGate, refusal } from './graphql-gate';
import { sessionRevocations } from '../../auth/session-revocations';
import { accessTokenKey } from '../../auth/access-token-key';

type WsContext = Context<Record<string, unknown> | undefined, { request?: IncomingMessage }>;

/**
 * graphql-ws on /graphql, through the same gate as HTTP (GraphqlGate). The client sends
 * connectionParams.authorization = 'Bearer <access token>'; the connection is refused
 * (4403) unless the token verifies and the address is within its rate. Each subscribe
 * message is counted, limited, parsed and validated like an HTTP request; the socket
 * carries subscriptions only (SUBSCRIPTIONS_ONLY otherwise). The subscription then passes
 * the same guards as an HTTP request, inside a request transaction with the actor's
 * settings, and so does each event: its own transaction, its reads written to the access
 * log in it (RequestFlush) before it is delivered.
 */
export function graphqlWsOptions(
  config: AppConfig,
  gate: GraphqlGate,
  flush: RequestFlush,
): GraphQLWsSubscriptionsConfig {
  const jwt = new JwtService({
    secret: accessTokenKey(config.jwtSecret),
    verifyOptions: { algorithms: ['HS256'] },
  });
  const exposeStack = config.nodeEnv === 'development';
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatGraphqlError(e.toJSON(), e, exposeStack));
  const options = {
    path: '/graphql',
    onConnect: async (ctx: WsContext): Promise<boolean> => {
      if (gate.admitAddress(addressOf(ctx))) return false;
      const token = bearerToken(ctx.connectionParams?.authorization);
      if (!token) return false;
      try {
        const payload = await jwt.verifyAsync<AccessTokenPayload>(token);
        if (payload.typ !== 'access' || typeof payload.sub !== 'string') return false;
        closeWhenRevoked(ctx, payload.sub);
        return true;
      } catch {
        return false;
      }
    },
    onSubscribe: (ctx: WsContext, _id: string, payload: SubscribePayload) => {
      const address = addressOf(ctx);
      const refused =
        gate.admitAddress(address) ??
        gate.admitSourceFrom(address, payload.query, payload.operationName, payload.variables);
      if (refused) return [refused];
      const parsed = gate.parseAndValidate(payload.query, payload.operationName);
      if (Array.isArray(parsed)) return parsed;
      const req = websocketRequest(ctx);
      const denied = gate.admit({
        transport: 'websocket',
        source: payload.query,
        document: parsed.document,
        operation: parsed.operation,
        variables: payload.variables ?? {},
        authorization: req.headers.authorization,
        address,
      });
      if (denied) return [denied];
      return {
        schema: gate.schema!,
        document: parsed.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: { req, res: {} },
      } satisfies ExecutionArgs;
    },
    // onSubscribe refuses every query and mutation; this is the second lock.
    execute: (): ExecutionResult => ({
      errors: [refusal(ErrorCode.SUBSCRIPTIONS_ONLY, 'The WebSocket carries subscriptions only')],
    }),
    subscribe: (args: ExecutionArgs) => subscribeInRequestTransactions(args, flush),
    // Errors leave through the same mapping as over HTTP: a code, no internals.
    onNext: (
      _ctx: unknown,
      _id: string,
      _payload: unknown,
      _args: unknown,
      result: { errors?: readonly GraphQLError[] },
    ) => (result.errors?.length ? { ...result, errors: format(result.errors) } : undefined),
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
      format(errors),
  };
  // `context` is not needed: onSubscribe builds the context value. Nest passes every key
  // on to graphql-ws's useServer, after (so instead of) its own.
  return options as unknown as GraphQLWsSubscriptionsConfig;
}

/**
 * graphql's subscribe, with a request transaction around the subscription's start (the
 * guards, the resolver) and around each event's resolution, each committed after its
 * access-log rows are written. No connection is held while waiting for an event: the
 * transaction begins at its first statement.
 */
async function subscribeInRequestTransactions(
  args: ExecutionArgs,
  flush: RequestFlush,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const req = (args.contextValue as { req: PortalRequest }).req;
  const opening = new RequestTransaction(() => req.user);
  const stream = await withRequestTransaction(opening, () => createSourceEventStream(args));
  const opened = await flush.finish(req, opening);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  if (!opened.ok) {
    await source.return?.();
    return withheld(opened);
  }
  return {
    async next() {
      const scope = new RequestTransaction(() => req.user);
      const event = await withRequestTransaction(scope, () => source.next());
      if (event.done) {
        await scope.finish(false);
        return { value: undefined, done: true };
      }
      const result = await withRequestTransaction(scope, () =>
        execute({ ...args, rootValue: event.value }),
      );
      const logged = await flush.finish(req, scope);
      return { value: logged.ok ? (result as ExecutionResult) : withheld(logged), done: false };
    },
    // Forwarded at once (not queued behind a pending next()), so unsubscribing frees the listener.
    return: () => source.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    throw: (e?: unknown) => source.throw?.(e) ?? Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncIterableIterator<ExecutionResult>;
}

function withheld(outcome: { message: string; code: ErrorCode }): ExecutionResult {
  return {
    errors: [new GraphQLError(outcome.message, { extensions: { code: outcome.code } })],
  };
}

/**
 * A user's ended sessions (deactivation, deletion, back-channel logout) close the user's
 * open sockets (4401), so subscriptions stop then and not at their next event.
 */
function closeWhenRevoked(ctx: WsContext, userId: string): void {
  const socket = (ctx.extra as { socket?: import('ws').WebSocket } | undefined)?.socket;
  if (!socket) return;
  const stop = sessionRevocations.onRevoked((revoked) => {
    if (revoked === userId) socket.close(4401, 'Session ended');
  });
  socket.once('close', stop);
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer (\S+)$/.exec(header.trim());
  return m ? m[1] : null;
}

function addressOf(ctx: WsContext): string {
  return ctx.extra?.request?.socket?.remoteAddress ?? '';
}

/** What the guards and the @Ctx decorator read from an HTTP request, for one operation. */
function websocketRequest(ctx: WsContext): PortalRequest & { headers: { authorization: string } } {
  const auth = ctx.connectionParams?.authorization;
  return {
    id: randomUUID(),
    method: 'GET',
    url: '/graphql',
    ip: addressOf(ctx),
    headers: { authorization: typeof auth === 'string' ? auth : '' },
  } as unknown as PortalRequest & { headers: { authorization: string } };
}
