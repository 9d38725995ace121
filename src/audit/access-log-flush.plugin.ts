import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { PortalRequest } from '../core/auth/request-context';
import { ErrorCode } from '../core/errors/error-code';
import { currentRequestTransaction } from '../core/database/request-transaction';
import { answerReads, noteShown } from './answer-reads';
import { RequestFlush } from './request-flush';

interface GqlContext {
  req: PortalRequest;
}

/**
 * HTTP's end of a request (RequestFlush): the buffered personal-data reads, then the
 * commit, before the response is sent. If either fails the data is withheld: nothing
 * is read unlogged. A mutation's answer is watched field by field, so what it shows of
 * the records it changed is logged as a read too (answer-reads.ts).
 */
@Plugin()
export class AccessLogFlushPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(private readonly flush: RequestFlush) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    return {
      executionDidStart: async ({ operation }) => {
        if (operation.operation !== 'mutation') return;
        return {
          willResolveField: ({ source, info, contextValue }) => {
            return (error, result) => {
              if (!error) noteShown(contextValue.req, source, info.fieldName, result);
            };
          },
        };
      },
      willSendResponse: async ({ contextValue, response }) => {
        const req = contextValue.req;
        if (req?.changes?.length && req.shownFields && req.pendingReads)
          req.pendingReads.push(...answerReads(req.changes, req.shownFields, req.pendingReads));
        const outcome = await this.flush.finish(req, currentRequestTransaction());
        if (!outcome.ok && response.body.kind === 'single') {
          response.body.singleResult = {
            errors: [{ message: outcome.message, extensions: { code: outcome.code } }],
          };
          if (outcome.code === ErrorCode.RECORD_BUDGET_EXCEEDED) response.http.status = 429;
          if (outcome.code === ErrorCode.SERVICE_UNAVAILABLE) response.http.status = 503;
        }
      },
    };
  }
}
