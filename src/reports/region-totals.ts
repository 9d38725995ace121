import { MonthlyReportModel, ReportCellModel } from './models/monthly-report.model';
import { ReportCounts, withPeriodTotals } from './monthly-report.service';
import { CellFactory, SUPPRESS_BELOW } from './report-cells';

/**
 * A region's counts: every figure is the sum of its members' (a young person in the
 * registers of two members counts in both, as each municipality's responsibility is its
 * own; an organisation at network meetings of two members counts in each).
 */
export function sumCounts(members: ReportCounts[], regionCode: string): ReportCounts {
  const sum = <T extends object>(rows: T[], key: (r: T) => string): T[] => {
    const out = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const k = key(row);
      const acc = out.get(k);
      if (!acc) {
        out.set(k, { ...row, municipality_code: regionCode });
        continue;
      }
      for (const [field, value] of Object.entries(row))
        if (typeof value === 'number' && field !== 'year')
          acc[field] = (acc[field] as number) + value;
    }
    return [...out.values()] as unknown as T[];
  };
  // Per month, then per type, kind, channel or destination.
  const byMonth = <T extends { month: string | null }>(rows: T[], ...keys: (keyof T)[]) => {
    const key = (r: T) => [r.month, ...keys.map((k) => r[k])].join('|');
    return sum(rows, key).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  };
  const [totals] = sum(
    members.map((m) => m.totals),
    () => 'all',
  );
  return {
    figures: byMonth(members.flatMap((m) => m.figures)),
    totals: totals ?? {
      municipality_code: regionCode,
      in_register: 0,
      people_reached: 0,
      people_visited: 0,
      reached_in_register: 0,
      visited_in_register: 0,
    },
    measures: byMonth(
      members.flatMap((m) => m.measures),
      'type',
    ),
    measureOccupations: byMonth(
      members.flatMap((m) => m.measureOccupations),
      'type',
      'occupation',
    ),
    activities: byMonth(
      members.flatMap((m) => m.activities),
      'kind',
    ),
    closures: byMonth(
      members.flatMap((m) => m.closures),
      'kind',
      'destination',
    ),
    outreach: byMonth(
      members.flatMap((m) => m.outreach),
      'channel',
    ),
    summerJobs: sum(
      members.flatMap((m) => m.summerJobs),
      (s) => `${s.year}|${s.sector}`,
    ),
    networkMeetings: sum(
      members.flatMap((m) => m.networkMeetings),
      (n) => String(n.month),
    ),
  };
}

/** A share is shown only if the counts it is computed from are: a shown share and denominator give the numerator. */
const SHARE_PARTS: Record<string, string[]> = {
  knownOccupationShare: ['knownOccupationAtMonthEnd', 'inRegisterAtMonthEnd'],
  youngPeopleReachedShare: ['youngPeopleInRegister'],
  youngPeopleVisitedShare: ['youngPeopleInRegister'],
  answeredShare: ['answeredWithin14Days', 'sent'],
};

/**
 * Complementary suppression of the region's totals (DESIGN §6a: cells under 5 are hidden
 * from a region's MANAGER, who is never the youth team). A region total is the sum of its
 * members' cells, so beside the shown member cells it gives away the sum R of the hidden
 * ones (each 0–4). The region cell is hidden as well when that sum pins a hidden cell down:
 * exactly one member cell is hidden (R is its value), or all of the k hidden cells are 0
 * (R = 0) or all are 4 (R = 4k). With k ≥ 2 and 0 < R < 4k every hidden cell can still be
 * at least two values. A share is hidden with either of its counts. A member's row the
 * member's report does not have (no contact on a channel, no measure of a type) is a zero
 * the member's report already shows, so it is not hidden. The region's period totals are
 * then the sums of its months as before, hidden when a month is.
 *
 * The member reports themselves are exactly their monthly reports as a manager sees them.
 */
export function protectRegionTotals(
  region: MonthlyReportModel,
  members: MonthlyReportModel[],
  cells: CellFactory,
): MonthlyReportModel {
  region.months.forEach((month, i) =>
    protect(
      month,
      members.map((m) => m.months[i]),
      cells,
    ),
  );
  protect(
    region.totals,
    members.map((m) => m.totals),
    cells,
  );
  region.summerJobs.forEach((row) =>
    protect(
      row,
      members.map((m) => m.summerJobs.find((s) => s.year === row.year && s.sector === row.sector)),
      cells,
    ),
  );
  return withPeriodTotals(region, cells);
}

type Node = Record<string, unknown>;

/** Which row of a list this is: its kind, type, channel or destination code. */
function identity(row: Node): string {
  return Object.entries(row)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('|');
}

function protect(region: object, members: (object | undefined)[], cells: CellFactory): void {
  const node = region as Node;
  const of = (key: string) => members.map((m) => (m as Node | undefined)?.[key]);
  for (const [key, value] of Object.entries(node)) {
    if (value instanceof ReportCellModel) {
      if (reveals(value, of(key) as (ReportCellModel | undefined)[], cells))
        node[key] = cells.hidden();
    } else if (Array.isArray(value)) {
      for (const row of value as Node[]) {
        const id = identity(row);
        protect(
          row,
          of(key).map((list) => (list as Node[] | undefined)?.find((r) => identity(r) === id)),
          cells,
        );
      }
    } else if (value && typeof value === 'object') {
      protect(value, of(key) as (object | undefined)[], cells);
    }
  }
  for (const [share, parts] of Object.entries(SHARE_PARTS)) {
    const cell = node[share];
    if (!(cell instanceof ReportCellModel) || cell.suppressed) continue;
    if (parts.some((p) => (node[p] as ReportCellModel | undefined)?.suppressed))
      node[share] = cells.hidden();
  }
}

/** Whether showing the region's cell, beside the shown member cells, pins a hidden one down. */
function reveals(
  region: ReportCellModel,
  members: (ReportCellModel | undefined)[],
  cells: CellFactory,
): boolean {
  if (region.suppressed || !cells.countOf(region)) return false; // hidden already, or not people
  const hidden = members.filter((m): m is ReportCellModel => !!m?.suppressed);
  if (hidden.length === 0) return false;
  if (hidden.length === 1) return true;
  const counts = hidden.map((m) => cells.countOf(m)?.count);
  if (counts.some((c) => c === undefined)) return true; // not a count we know: keep it hidden
  const rest = (counts as number[]).reduce((sum, c) => sum + c, 0);
  return rest === 0 || rest >= (SUPPRESS_BELOW - 1) * hidden.length;
}
