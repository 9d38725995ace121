import { ReportCellModel } from './models/monthly-report.model';

/** Cells counting fewer people than this are hidden from everyone but the youth team (DESIGN §6a). */
export const SUPPRESS_BELOW = 5;
export const SUPPRESSED_DISPLAY = '<5';

/**
 * What a cell counts, kept beside it (never in the answer): the region-wide report's
 * complementary suppression (region-totals.ts) needs the hidden members' true counts.
 * `count` is the people counted, for a share its numerator.
 */
export interface CellCount {
  kind: 'people' | 'share';
  count: number;
}

/** Builds the cells of one report: `suppress` is false only for the municipality's youth team. */
export class CellFactory {
  private readonly counts = new WeakMap<ReportCellModel, CellCount>();

  constructor(readonly suppress: boolean) {}

  /** The count behind a people or share cell this factory made; undefined for the others. */
  countOf(cell: ReportCellModel): CellCount | undefined {
    return this.counts.get(cell);
  }

  /** A cell hidden because it would give a hidden one away (shown as "<5" like a small count). */
  hidden(): ReportCellModel {
    return suppressed();
  }

  /** A count of young people or of events about individual young people. */
  people(n: number): ReportCellModel {
    const cell = this.suppress && n < SUPPRESS_BELOW ? suppressed() : shown(n, String(n));
    this.counts.set(cell, { kind: 'people', count: n });
    return cell;
  }

  /** A count of things that are not people (activities, positions): never suppressed. */
  plain(n: number): ReportCellModel {
    return shown(n, String(n));
  }

  /**
   * The sum of a flow over months. Suppressed months hide their numbers, so a total of
   * cells one of which is suppressed is suppressed too (otherwise the months would give it
   * away by subtraction); a total under 5 is suppressed like any cell.
   */
  total(cells: ReportCellModel[]): ReportCellModel {
    if (cells.some((c) => c.suppressed)) return suppressed();
    return this.people(cells.reduce((s, c) => s + (c.value ?? 0), 0));
  }

  /** numerator / denominator in percent; hidden when either count would be. */
  share(numerator: number, denominator: number): ReportCellModel {
    const cell = this.shareCell(numerator, denominator);
    this.counts.set(cell, { kind: 'share', count: numerator });
    return cell;
  }

  private shareCell(numerator: number, denominator: number): ReportCellModel {
    if (this.suppress && (numerator < SUPPRESS_BELOW || denominator < SUPPRESS_BELOW))
      return suppressed();
    if (denominator === 0) return shown(null, '');
    const percent = Math.round((numerator / denominator) * 1000) / 10;
    return shown(percent, `${Math.round((numerator / denominator) * 100)}%`);
  }
}

function shown(value: number | null, display: string): ReportCellModel {
  return Object.assign(new ReportCellModel(), { value, suppressed: false, display });
}

function suppressed(): ReportCellModel {
  return Object.assign(new ReportCellModel(), {
    value: null,
    suppressed: true,
    display: SUPPRESSED_DISPLAY,
  });
}

/** RFC 4180 field: quoted only when it holds a separator, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: string[]): string {
  return values.map(csvField).join(',');
}
