import { Inject, Injectable } from '@nestjs/common';
import { AccessAction, AccessLogEntry } from './access-log-entry';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { RateWindow } from '../core/graphql/pipeline/rate-window';

/** Which budget a request would cross. */
export type BudgetWindow = 'perMinute' | 'perDay';

const READS = new Set<string>([AccessAction.READ, AccessAction.SEARCH]);

/**
 * The personal-data records one user may be shown per minute and per day
 * (RECORD_BUDGET_PER_MINUTE, RECORD_BUDGET_PER_DAY), counted from the reads a request's
 * answer logs, on every transport. Exports are not counted: they are the logged way to
 * take many records at once. Counted in this process, like the rate limits.
 */
@Injectable()
export class RecordBudget {
  private readonly windows: [BudgetWindow, RateWindow][];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.windows = [
      ['perMinute', new RateWindow(config.recordBudgetPerMinute)],
      ['perDay', new RateWindow(config.recordBudgetPerDay, 86_400_000)],
    ];
  }

  /** Counts the records for the user in both windows, or, if either would be crossed, in neither. */
  take(userId: string, records: number): BudgetWindow | undefined {
    if (records === 0) return undefined;
    const crossed = this.windows.find(([, w]) => !w.fits(userId, records));
    if (crossed) return crossed[0];
    for (const [, w] of this.windows) w.take(userId, records);
    return undefined;
  }

  /** A user with nothing left is refused before any work. */
  exhausted(userId: string): BudgetWindow | undefined {
    return this.windows.find(([, w]) => !w.fits(userId, 1))?.[0];
  }
}

/** Distinct records a batch of reads shows: the young people, or the subjects of reads about none. */
export function recordsShown(reads: AccessLogEntry[]): number {
  const seen = new Set<string>();
  for (const r of reads) {
    if (!READS.has(r.action)) continue;
    const ids = r.youngPersonIds?.length ? r.youngPersonIds : r.subjectIds;
    ids.forEach((id) => seen.add(id));
  }
  return seen.size;
}
