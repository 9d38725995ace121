import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { RequestTransaction } from '../core/database/request-transaction';
import { isDatabaseUnavailable } from '../core/errors/database-error';
import { ErrorCode } from '../core/errors/error-code';
import { describeError } from '../core/logging/redact-error';
import { AccessAction, LegalBasis } from './access-log-entry';
import { AccessLogWriter } from './access-log.writer';
import { BudgetWindow, RecordBudget, recordsShown } from './record-budget';

/** How a request ended: committed with its reads logged, or withheld with a code. */
export type FlushOutcome = { ok: true } | { ok: false; code: ErrorCode; message: string };

const FAILED: FlushOutcome = {
  ok: false,
  code: ErrorCode.INTERNAL_SERVER_ERROR,
  message: 'The request could not be completed',
};

const UNAVAILABLE: FlushOutcome = {
  ok: false,
  code: ErrorCode.SERVICE_UNAVAILABLE,
  message: 'The database is not available; try again shortly',
};

/**
 * The end of every request, on every transport (HTTP: AccessLogFlushPlugin; a
 * subscription event: graphql-ws.transport.ts): the personal-data reads the answer
 * shows are written in one INSERT, in the request's transaction, which then commits.
 * An answer that would take the user over their record budget is withheld and the
 * request rolled back whole; the breach is logged for the auditors (unusual access).
 * A failed log write or commit withholds the answer too.
 */
@Injectable()
export class RequestFlush {
  private readonly logger = new Logger(RequestFlush.name);

  constructor(
    private readonly ds: DataSource,
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly writer: AccessLogWriter,
    private readonly budget: RecordBudget,
  ) {}

  async finish(
    req: PortalRequest | undefined,
    transaction: RequestTransaction | undefined,
  ): Promise<FlushOutcome> {
    // Emptied in place: a subscription's resolver holds its context (and this array) for
    // as long as it runs, and its events' reads must reach the next flush.
    const reads = req?.pendingReads?.splice(0) ?? [];
    const user = req?.user;
    const crossed = user && this.budget.take(user.userId, recordsShown(reads));
    if (crossed) {
      await transaction?.finish(false).catch(() => undefined);
      await this.breach(req, crossed);
      return budgetRefusal(crossed);
    }
    try {
      if (reads.length > 0 && user) await this.writer.record(this.ds.manager, actorOf(req), reads);
      await transaction?.finish(true);
      return { ok: true };
    } catch (e) {
      await transaction?.finish(false).catch(() => undefined);
      this.logger.error(`access log write or commit failed: ${describeError(e)}`);
      // The answer is withheld either way; an outage says so, so clients keep their session and retry.
      return isDatabaseUnavailable(e) || connectionGone(e) ? UNAVAILABLE : FAILED;
    }
  }

  /**
   * The breach is evidence for the auditors, so it is written by the owner, outside the
   * request's transaction that was just rolled back. Ids only: the user, and the window.
   */
  async breach(req: PortalRequest, crossed: BudgetWindow): Promise<void> {
    try {
      await this.system.transaction((em) =>
        this.writer.record(em, actorOf(req), [
          {
            action: AccessAction.RECORD_BUDGET_EXCEEDED,
            subjectType: 'USER',
            subjectIds: [req.user!.userId],
            fields: [crossed],
            legalBasis: LegalBasis.AUDIT,
            subjectMunicipalityCode: req.user!.municipalityCode,
          },
        ]),
      );
    } catch (e) {
      this.logger.error(`record budget breach not logged: ${describeError(e)}`);
    }
  }
}

export function budgetRefusal(crossed: BudgetWindow): FlushOutcome {
  return {
    ok: false,
    code: ErrorCode.RECORD_BUDGET_EXCEEDED,
    message: `This answer would exceed your budget of personal-data records ${crossed === 'perMinute' ? 'per minute' : 'per day'}; narrow the request or use an export`,
  };
}

/**
 * The request's connection broke under it (a database restart): TypeORM released the
 * runner before the flush could use it.
 */
function connectionGone(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'QueryRunnerAlreadyReleasedError';
}

function actorOf(req: PortalRequest) {
  return {
    requestId: String(req.id ?? ''),
    userId: req.user!.userId,
    organisationId: req.user!.organisationId,
    municipalityCode: req.user!.municipalityCode,
  };
}
