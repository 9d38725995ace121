import { describeError } from '../core/logging/redact-error';
import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import {
  ACKNOWLEDGED_NOTICES_SQL,
  CLOSED_CASES_SQL,
  KAA_CONTENT_SQL,
  LEFT_FOR_GOOD_SQL,
  OLD_LOG_ROWS_SQL,
  RESOLVED_FLAGS_SQL,
  WITHDRAWN_CONSENTS_SQL,
} from './purge-candidates.sql';
import {
  addCounts,
  anonymisePeople,
  purgeCaseContent,
  purgeFlagContent,
  purgeNoticeContent,
  purgeWithdrawnConsents,
  PurgeCounts,
  removeOldLogRows,
  stripKaaContent,
} from './purge-content.sql';

/** Session advisory lock key: one purge at a time across every API instance and the CLI. */
export const RETENTION_LOCK = 727_060;
const DEFAULT_BATCH = 100;

export type PurgeTrigger = 'SCHEDULE' | 'CLI' | 'API';

export interface PurgeResult {
  /** True when another instance held the lock: this call did nothing. */
  skipped: boolean;
  runId: string | null;
  counts: PurgeCounts;
}

interface Pass {
  select: string;
  apply: (em: EntityManager, ids: string[]) => Promise<PurgeCounts>;
}

/** Record-level passes first, then whole people (who may still have unstripped records). */
const PASSES: Pass[] = [
  { select: CLOSED_CASES_SQL, apply: purgeCaseContent },
  { select: RESOLVED_FLAGS_SQL, apply: purgeFlagContent },
  { select: ACKNOWLEDGED_NOTICES_SQL, apply: purgeNoticeContent },
  { select: WITHDRAWN_CONSENTS_SQL, apply: purgeWithdrawnConsents },
  { select: KAA_CONTENT_SQL, apply: stripKaaContent },
  { select: LEFT_FOR_GOOD_SQL, apply: anonymisePeople },
  // The access log on its own period, not the data's.
  { select: OLD_LOG_ROWS_SQL, apply: removeOldLogRows },
];

/**
 * The retention purge (gallring, DESIGN.md §7). Holds a session advisory lock for the
 * whole run on one dedicated connection, so a second caller returns at once; works in
 * small transactions (one batch of one kind in one municipality each), each writing its
 * own counts-only access-log row and the run's running totals, so a crash leaves
 * committed batches done and the rest for the next run. Every step only picks rows not
 * yet stripped, so a second run removes nothing.
 */
@Injectable()
export class RetentionPurgeService {
  private readonly logger = new Logger(RetentionPurgeService.name);

  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async run(trigger: PurgeTrigger, batchSize = DEFAULT_BATCH): Promise<PurgeResult> {
    const lockConnection = this.ds.createQueryRunner();
    await lockConnection.connect();
    try {
      const [{ locked }] = await lockConnection.query(`SELECT pg_try_advisory_lock($1) AS locked`, [
        RETENTION_LOCK,
      ]);
      if (!locked) return { skipped: true, runId: null, counts: {} };
      try {
        return await this.runLocked(trigger, batchSize);
      } finally {
        await lockConnection.query(`SELECT pg_advisory_unlock($1)`, [RETENTION_LOCK]);
      }
    } finally {
      await lockConnection.release();
    }
  }

  private async runLocked(trigger: PurgeTrigger, batchSize: number): Promise<PurgeResult> {
    // We hold the lock, so a RUNNING run is one whose process died mid-way.
    await this.ds.query(
      `UPDATE retention_run SET status = 'FAILED', finished_at = app_clock_timestamp() WHERE status = 'RUNNING'`,
    );
    const [{ id: runId }] = await this.ds.query(
      `INSERT INTO retention_run (trigger) VALUES ($1) RETURNING id`,
      [trigger],
    );
    const totals: PurgeCounts = {};
    try {
      const municipalities: { code: string }[] = await this.ds.query(
        `SELECT code FROM municipality ORDER BY code`,
      );
      for (const { code } of municipalities) {
        for (const pass of PASSES) {
          for (;;) {
            const picked = await this.batch(runId, code, pass, batchSize, totals);
            if (picked < batchSize) break;
          }
        }
      }
      await this.ds.query(
        `UPDATE retention_run SET status = 'COMPLETED', finished_at = app_clock_timestamp(), counts = $2 WHERE id = $1`,
        [runId, JSON.stringify(totals)],
      );
    } catch (e) {
      await this.ds.query(
        `UPDATE retention_run SET status = 'FAILED', finished_at = app_clock_timestamp(), counts = $2 WHERE id = $1`,
        [runId, JSON.stringify(totals)],
      );
      this.logger.error(`retention purge failed: ${describeError(e)}`);
      throw e;
    }
    return { skipped: false, runId, counts: totals };
  }

  /** One transaction: pick, strip, log the counts. Returns how many records it picked. */
  private batch(
    runId: string,
    municipalityCode: string,
    pass: Pass,
    batchSize: number,
    totals: PurgeCounts,
  ): Promise<number> {
    return this.ds.transaction('READ COMMITTED', async (em) => {
      const rows: { id: string }[] = await em.query(pass.select, [municipalityCode, batchSize]);
      if (rows.length === 0) return 0;
      const counts = await pass.apply(
        em,
        rows.map((r) => r.id),
      );
      if (Object.keys(counts).length > 0) {
        await this.log.record(em, { requestId: `retention:${runId}` }, [
          {
            action: AccessAction.DELETE,
            subjectType: 'RETENTION_PURGE',
            subjectIds: [runId],
            fields: countFields(counts),
            legalBasis: LegalBasis.STATUTORY_DUTY,
            subjectMunicipalityCode: municipalityCode,
          },
        ]);
        addCounts(totals, counts);
        await em.query(`UPDATE retention_run SET counts = $2 WHERE id = $1`, [
          runId,
          JSON.stringify(totals),
        ]);
      }
      return rows.length;
    });
  }
}

/** ['case_note:12', 'young_person:3']: kinds and numbers, nothing else. */
export function countFields(counts: PurgeCounts): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}:${n}`);
}
