import { MeasureType } from '../kaa-register/kaa.enums';
import { OccupationCategory } from '../kaa-register/occupation.entity';
import {
  MonthlyReportMonthModel,
  ReportCellModel,
  ReportOccupationAfterMeasureModel,
} from './models/monthly-report.model';
import { CellFactory } from './report-cells';

/** No known occupation within 30 days of the measure's end. */
export const NO_OCCUPATION = 'NONE';

type OccupationAfter =
  Exclude<OccupationCategory, OccupationCategory.UNKNOWN> | typeof NO_OCCUPATION;

/** One row of MEASURE_OCCUPATIONS_SQL. */
export interface MeasureOccupationRow {
  municipality_code: string;
  month: string;
  type: MeasureType;
  occupation: OccupationAfter;
  measures: number;
}

/** The occupation code of a report row: the category, or NONE. */
export function occupationOf(d: ReportOccupationAfterMeasureModel): string {
  return d.occupation ?? NO_OCCUPATION;
}

const CATEGORIES: string[] = Object.values(OccupationCategory);

/** By measure type (alphabetical, as measureTotals), then occupation (the enum's order), none last. */
function order(typeA: string, a: string, typeB: string, b: string): number {
  const rank = (o: string) => (CATEGORIES.includes(o) ? CATEGORIES.indexOf(o) : 99);
  return typeA < typeB ? -1 : typeA > typeB ? 1 : rank(a) - rank(b);
}

function model(
  type: MeasureType,
  occupation: string,
  measures: ReportCellModel,
): ReportOccupationAfterMeasureModel {
  return Object.assign(new ReportOccupationAfterMeasureModel(), {
    type,
    occupation: occupation === NO_OCCUPATION ? null : (occupation as OccupationCategory),
    measures,
  });
}

/** The month's ended measures by type and occupation after, suppressed like every count of people. */
export function occupationAfterMeasures(
  rows: MeasureOccupationRow[],
  month: string,
  c: CellFactory,
): ReportOccupationAfterMeasureModel[] {
  return rows
    .filter((r) => r.month === month)
    .sort((a, b) => order(a.type, a.occupation, b.type, b.occupation))
    .map((r) => model(r.type, r.occupation, c.people(r.measures)));
}

/** Per type and occupation any month has, the sum of the months (a month without it counts as 0). */
export function occupationAfterMeasureTotals(
  months: MonthlyReportMonthModel[],
  c: CellFactory,
): ReportOccupationAfterMeasureModel[] {
  const seen = new Map<string, [MeasureType, string]>();
  for (const d of months.flatMap((m) => m.occupationAfterMeasures))
    seen.set(`${d.type}.${occupationOf(d)}`, [d.type, occupationOf(d)]);
  return [...seen.values()]
    .sort(([ta, oa], [tb, ob]) => order(ta, oa, tb, ob))
    .map(([type, occupation]) =>
      model(
        type,
        occupation,
        c.total(
          months.map(
            (m) =>
              m.occupationAfterMeasures.find(
                (d) => d.type === type && occupationOf(d) === occupation,
              )?.measures ?? c.people(0),
          ),
        ),
      ),
    );
}
