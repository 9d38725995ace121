import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { AccessLogWriter } from './access-log.writer';
import { ErrorCode } from '../core/errors/error-code';

interface GqlContext {
  req: PortalRequest;
}

/**
 * Writes the request's buffered personal-data reads in one INSERT before the response is
 * sent. If the log cannot be written, the data is withheld: nothing is read unlogged.
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
        if (reads.length === 0 || !req.user) return;
        req.pendingReads = [];
        try {
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
        } catch (e) {
          this.logger.error(`access log write failed: ${(e as Error).message}`);
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
