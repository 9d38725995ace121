import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { RequestTransaction } from '../core/database/request-transaction';
import { AccessLogWriter } from './access-log.writer';
import { describeError } from '../core/logging/redact-error';

/**
 * The end of every request, on every transport (HTTP: AccessLogFlushPlugin; a
 * subscription event: graphql-ws.transport.ts): the personal-data reads the answer
 * shows are written in one INSERT, in the request's transaction, which then commits.
 * False means the log or the commit failed, and the answer must be withheld.
 */
@Injectable()
export class RequestFlush {
  private readonly logger = new Logger(RequestFlush.name);

  constructor(
    private readonly ds: DataSource,
    private readonly writer: AccessLogWriter,
  ) {}

  async finish(
    req: PortalRequest | undefined,
    transaction: RequestTransaction | undefined,
  ): Promise<boolean> {
    const reads = req?.pendingReads ?? [];
    if (req) req.pendingReads = [];
    try {
      if (reads.length > 0 && req?.user)
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
      return true;
    } catch (e) {
      await transaction?.finish(false).catch(() => undefined);
      this.logger.error(`access log write or commit failed: ${describeError(e)}`);
      return false;
    }
  }
}
