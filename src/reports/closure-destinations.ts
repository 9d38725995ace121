import { ClosureKind } from '../kaa-register/kaa.enums';
import { OccupationField, StudyProgramme } from '../kaa-register/closure-codes';
import {
  MonthlyReportMonthModel,
  ReportClosureDestinationModel,
} from './models/monthly-report.model';
import { CellFactory } from './report-cells';

/** A closure without a destination code (recorded before the codes, or without one). */
export const NOT_STATED = 'NOT_STATED';

/** One row of CLOSURE_DESTINATIONS_SQL. */
export interface ClosureRow {
  municipality_code: string;
  month: string;
  kind: ClosureKind.WORK | ClosureKind.STUDIES;
  destination: OccupationField | StudyProgramme | typeof NOT_STATED;
  closures: number;
}

/** The destination code of a report row: the field, the programme or NOT_STATED. */
export function destinationOf(d: ReportClosureDestinationModel): string {
  return d.occupationField ?? d.programmeCode ?? NOT_STATED;
}

/** Work before studies, then the order of the code lists, not stated last. */
function rank(kind: ClosureKind, destination: string): number {
  const codes: string[] = Object.values(
    kind === ClosureKind.WORK ? OccupationField : StudyProgramme,
  );
  const i = codes.indexOf(destination);
  return (kind === ClosureKind.WORK ? 0 : 1000) + (i < 0 ? 999 : i);
}

function destination(
  kind: ClosureKind,
  code: string,
  closures: ReportClosureDestinationModel['closures'],
): ReportClosureDestinationModel {
  return Object.assign(new ReportClosureDestinationModel(), {
    kind,
    occupationField: kind === ClosureKind.WORK && code !== NOT_STATED ? code : null,
    programmeCode: kind === ClosureKind.STUDIES && code !== NOT_STATED ? code : null,
    closures,
  });
}

/** The month's closures by destination, suppressed like every count of people. */
export function closureDestinations(
  rows: ClosureRow[],
  month: string,
  c: CellFactory,
): ReportClosureDestinationModel[] {
  return rows
    .filter((r) => r.month === month)
    .sort((a, b) => rank(a.kind, a.destination) - rank(b.kind, b.destination))
    .map((r) => destination(r.kind, r.destination, c.people(r.closures)));
}

/** Per destination any month has, the sum of the months (a month without it counts as 0). */
export function closureDestinationTotals(
  months: MonthlyReportMonthModel[],
  c: CellFactory,
): ReportClosureDestinationModel[] {
  const seen = new Map<string, [ClosureKind, string]>();
  for (const d of months.flatMap((m) => m.closureDestinations))
    seen.set(`${d.kind}.${destinationOf(d)}`, [d.kind, destinationOf(d)]);
  return [...seen.values()]
    .sort(([ka, da], [kb, db]) => rank(ka, da) - rank(kb, db))
    .map(([kind, code]) =>
      destination(
        kind,
        code,
        c.total(
          months.map(
            (m) =>
              m.closureDestinations.find((d) => d.kind === kind && destinationOf(d) === code)
                ?.closures ?? c.people(0),
          ),
        ),
      ),
    );
}
