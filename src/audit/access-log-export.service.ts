import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { queryRows } from '../core/database/query-rows';
import { NotFoundError } from '../core/errors/domain-error';
import { CANONICAL } from './access-log-chain.service';
import { EXPORT_FORMAT } from './access-log-export';

export const MAX_EXPORT_ROWS = 10_000;

export interface AccessLogExportResult {
  jsonLines: string;
  rows: number;
  lastSeq: string | null;
  lastHash: string | null;
}

/**
 * Sealed access-log rows from a chain position on, as JSON lines (format in
 * access-log-export.ts): the auditor's municipality's rows in full, others as links.
 */
@Injectable()
export class AccessLogExportService {
  constructor(private readonly ds: DataSource) {}

  async export(
    ctx: RequestContext,
    afterSeq: string,
    first: number,
  ): Promise<AccessLogExportResult> {
    if (!ctx.ability.can('read', 'AccessLog')) throw new NotFoundError('Access log');
    const municipality = ctx.actor.municipalityCode;
    const rows = await queryRows<{
      seal_seq: string;
      prev_hash: string;
      hash: string;
      canonical: string;
      own: boolean;
    }>(
      this.ds,
      // Rows removed after their log period go out as links (their tombstone's hashes).
      `SELECT * FROM (
         (SELECT seal_seq, prev_hash, hash, ${CANONICAL} AS canonical,
                 (subject_municipality_code = $3 OR actor_municipality_code = $3) AS own
            FROM access_log WHERE seal_seq > $1 ORDER BY seal_seq LIMIT $2)
         UNION ALL
         (SELECT seal_seq, prev_hash, hash, NULL, false
            FROM access_log_tombstone WHERE seal_seq > $1 ORDER BY seal_seq LIMIT $2)) r
       ORDER BY seal_seq LIMIT $2`,
      [afterSeq, Math.min(first, MAX_EXPORT_ROWS), municipality],
    );
    const fromSeq = (BigInt(afterSeq) + 1n).toString();
    const lines = [
      JSON.stringify({
        type: 'header',
        format: EXPORT_FORMAT,
        municipalityCode: municipality,
        fromSeq,
        fromPrevHash: rows[0]?.prev_hash ?? null,
      }),
      ...rows.map((r) =>
        JSON.stringify(
          r.own
            ? {
                type: 'row',
                seq: r.seal_seq,
                prevHash: r.prev_hash,
                hash: r.hash,
                canonical: r.canonical,
              }
            : { type: 'link', seq: r.seal_seq, prevHash: r.prev_hash, hash: r.hash },
        ),
      ),
    ];
    const last = rows[rows.length - 1];
    lines.push(
      JSON.stringify({
        type: 'anchor',
        lastSeq: last?.seal_seq ?? BigInt(afterSeq).toString(),
        lastHash: last?.hash ?? '',
        rows: rows.length,
      }),
    );
    return {
      jsonLines: lines.join('\n') + '\n',
      rows: rows.length,
      lastSeq: last?.seal_seq ?? null,
      lastHash: last?.hash ?? null,
    };
  }

  /** Whether the live log still holds the kept anchor's row with the same hash. */
  async holdsAnchor(seq: string, hash: string): Promise<boolean> {
    const [row] = await queryRows<{ hash: string }>(
      this.ds,
      `SELECT hash FROM access_log WHERE seal_seq = $1
       UNION ALL SELECT hash FROM access_log_tombstone WHERE seal_seq = $1`,
      [seq],
    );
    return row?.hash === hash;
  }
}
