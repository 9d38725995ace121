import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { AccessLogWriter } from './access-log.writer';
import { ErrorCode } from '../core/errors/error-code';
import { currentRequestTransaction } from '../core/database/request-transaction';

interface GqlContext {
  req: PortalRequest;
}

/**
 * Writes the request's buffered personal-data reads in one INSERT, then commits the
 * request's transaction (request-transaction.ts), before the response is sent. If the log
 * cannot be written or the commit fails, the data is withheld: nothing is read unlogged.
 */
@Plugin()
export class AccessLogFlushPlugin implements ApolloServerPlugin<GqlContext> {
  private readonly logger = new Logger(AccessLogFlushPlugin.name);

  constructor(
    private readonly ds: DataSource,
    private readonly writer: AccessLogWriter,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    return {
      willSendResponse: async ({ contextValue, response }) => {
        const req = contextValue.req;
        const reads = req?.pendingReads ?? [];
        const transaction = currentRequestTransaction();
        if (req) req.pendingReads = [];
        try {
          if (reads.length > 0 && req.user)
            await this.writer.record(
              this.ds.manager,
              {
                requestId: String(req.id ?? ''),
                userId: req.user.userId,
                organisationId: req.user.organisationId,
                municipalityCode: req.user.municipalityCode,
              },
              reads,
            );
          await transaction?.finish(true);
        } catch (e) {
          await transaction?.finish(false).catch(() => undefined);
          this.logger.error(`access log write or commit failed: ${(e as Error).message}`);
          if (response.body.kind === 'single') {
            response.body.singleResult = {
              errors: [
                {
                  message: 'The request could not be completed',
                  extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
                },
              ],
            };
          }
        }
      },
    };
  }
}
