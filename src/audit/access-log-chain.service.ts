import { describeError } from '../core/logging/redact-error';
import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';

/** The columns a row's hash covers, in a fixed order and text form. */
export const CANONICAL = `json_build_array(id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
  request_id, actor_user_id, actor_organisation_id, actor_municipality_code, subject_municipality_code,
  action, subject_type, subject_ids, young_person_ids, fields, legal_basis, consent_ids)::text`;

const SEALER_LOCK = 727_001;
const BATCH = 5000;

export interface ChainVerification {
  valid: boolean;
  checkedRows: number;
  unsealedRows: number;
  firstInvalidSeq: string | null;
}

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('|').update(canonical).digest('hex');
}

/**
 * Links access-log rows into a hash chain. Writers insert freely; this sealer assigns
 * each unsealed row the next sequence number and hash moments later, holding an
 * advisory lock so several API instances never seal concurrently.
 */
@Injectable()
export class AccessLogChainService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessLogChainService.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * AUDIT_SEAL_INTERVAL_MS is the longest a new row stays unsealed, not the period: the
   * sealer runs twice per interval, each run timed from the end of the one before, so a
   * row waits at most half an interval plus one run, and a slow run under load never
   * overlaps the next.
   */
  onModuleInit(): void {
    if (this.config.auditSealIntervalMs <= 0) return;
    this.scheduleSeal(this.config.auditSealIntervalMs / 2);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private scheduleSeal(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.seal()
        .catch((e: Error) => this.logger.warn(`access log sealing failed: ${describeError(e)}`))
        .finally(() => this.scheduleSeal(delayMs));
    }, delayMs);
    this.timer.unref();
  }

  /** Seals every row written so far; returns how many rows it sealed. */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private sealBatch(): Promise<number> {
    return this.ds.transaction(async (em) => {
      const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SEALER_LOCK,
      ]);
      if (!locked) return 0;
      // The chain's end may be a tombstone when retention removed the newest sealed rows.
      const last = await em.query(
        `SELECT seal_seq, hash FROM (
           (SELECT seal_seq, hash FROM access_log WHERE seal_seq IS NOT NULL ORDER BY seal_seq DESC LIMIT 1)
           UNION ALL
           (SELECT seal_seq, hash FROM access_log_tombstone ORDER BY seal_seq DESC LIMIT 1)) e
         ORDER BY seal_seq DESC LIMIT 1`,
      );
      let seq = last.length ? BigInt(last[0].seal_seq) : 0n;
      let prev: string = last.length ? last[0].hash : '';
      const rows: { id: string; canonical: string }[] = await em.query(
        `SELECT id, ${CANONICAL} AS canonical FROM access_log WHERE hash IS NULL ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      const ids: string[] = [],
        seqs: string[] = [],
        prevs: string[] = [],
        hashes: string[] = [];
      for (const row of rows) {
        seq += 1n;
        const hash = chainHash(prev, row.canonical);
        ids.push(row.id);
        seqs.push(seq.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await em.query(
        `UPDATE access_log a SET seal_seq = v.seq, prev_hash = v.prev, hash = v.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
         WHERE a.id = v.id`,
        [ids, seqs, prevs, hashes],
      );
      return rows.length;
    });
  }

  /** Recomputes the chain over every sealed row; any edited, removed or reordered row breaks it. */
  async verify(): Promise<ChainVerification> {
    await this.seal();
    let prev = '';
    let expectedSeq = 1n;
    let checked = 0;
    for (;;) {
      // A tombstone (a row removed after its log period) links by its kept hashes; one
      // whose row was younger than its period is a removal, and breaks the chain.
      const rows: {
        seal_seq: string;
        prev_hash: string;
        hash: string;
        canonical: string | null;
        removed_in_time: boolean | null;
      }[] = await this.ds.query(
        `SELECT * FROM (
           (SELECT seal_seq, prev_hash, hash, ${CANONICAL} AS canonical, NULL::boolean AS removed_in_time
              FROM access_log WHERE seal_seq >= $1 ORDER BY seal_seq LIMIT ${BATCH})
           UNION ALL
           (SELECT seal_seq, prev_hash, hash, NULL,
                   occurred_at < app_now() - make_interval(years => access_log_years(municipality_code))
              FROM access_log_tombstone WHERE seal_seq >= $1 ORDER BY seal_seq LIMIT ${BATCH})) r
         ORDER BY seal_seq LIMIT ${BATCH}`,
        [expectedSeq.toString()],
      );
      for (const row of rows) {
        const ok =
          BigInt(row.seal_seq) === expectedSeq &&
          row.prev_hash === prev &&
          (row.canonical === null
            ? row.removed_in_time === true
            : row.hash === chainHash(prev, row.canonical));
        if (!ok)
          return {
            valid: false,
            checkedRows: checked,
            unsealedRows: await this.unsealed(),
            firstInvalidSeq: expectedSeq.toString(),
          };
        prev = row.hash;
        expectedSeq += 1n;
        checked += 1;
      }
      if (rows.length < BATCH) break;
    }
    return {
      valid: true,
      checkedRows: checked,
      unsealedRows: await this.unsealed(),
      firstInvalidSeq: null,
    };
  }

  private async unsealed(): Promise<number> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM access_log WHERE hash IS NULL`,
    );
    return n;
  }
}
