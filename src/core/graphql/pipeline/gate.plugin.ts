import { ApolloServerPlugin } from '@apollo/server';
import { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { PortalRequest } from '../../auth/request-context';
import { GraphqlGate } from './graphql-gate';

/**
 * HTTP's way through the gate, part 0: before the body is read or parsed, every request to
 * /graphql counts for its address, so an address over its limit costs no JSON parsing.
 */
export function addressEdge(gate: GraphqlGate) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/graphql')) return next();
    const refused = gate.admitAddress(req.ip ?? '');
    if (!refused) return next();
    // The unread body is left behind: the connection is closed after the answer, which
    // waits REFUSAL_DELAY_MS like the other refusals at the edge (answerOverLimit), so an
    // address over its limit cannot have its connections accepted and closed back to back.
    gate.answerOverLimit(() => {
      res.setHeader('connection', 'close');
      answerRefusal(res, refused);
    });
  };
}

/**
 * Part 1: an Express middleware on /graphql after the body parser, before Apollo parses
 * anything: an oversized or too costly document is refused here, weighs heavily against
 * its address (admitSourceFrom), and is answered after REFUSAL_DELAY_MS (answerOverLimit).
 */
export function gateEdge(gate: GraphqlGate) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/graphql')) return next();
    const params = (req.method === 'GET' ? req.query : req.body) as
      { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    const variables =
      typeof params?.variables === 'string' ? safeJson(params.variables) : params?.variables;
    const refused = gate.admitSourceFrom(
      req.ip ?? '',
      params?.query,
      params?.operationName,
      variables,
    );
    if (!refused) return next();
    gate.answerOverLimit((close) => {
      if (close) res.setHeader('connection', 'close');
      answerRefusal(res, refused);
    });
  };
}

/** A refusal in GraphQL's error shape, with the HTTP status its code carries. */
export function answerRefusal(res: Response, refused: GraphQLError): void {
  const { code, http } = refused.extensions as { code: string; http: { status: number } };
  res.status(http.status).json({ errors: [{ message: refused.message, extensions: { code } }] });
}

/** Part 2: once Apollo has parsed and validated (with the gate's options), the gate admits the operation. */
export function gatePlugin(gate: GraphqlGate): ApolloServerPlugin<{ req: PortalRequest }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, source, document, operation, contextValue }) {
          if (!operation) return;
          const refused: GraphQLError | undefined = gate.admit({
            transport: 'http',
            source,
            document,
            operation,
            variables: request.variables ?? {},
            authorization: contextValue.req?.headers?.authorization,
            address: contextValue.req?.ip ?? '',
          });
          if (refused) throw refused;
        },
      };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
