import { MonthlyReportModel, ReportCellModel } from './models/monthly-report.model';
import { csvLine, SUPPRESSED_DISPLAY } from './report-cells';
import { MonthFigure, reportRows, TotalFigure } from './document/report-rows';

/** CSV rows in the order of seeds/004: register, closures, outreach, school, referrals, activities. */
export const CSV_FIGURES: MonthFigure[] = [
  'youngPeopleInRegister',
  'enteredRegister',
  'leftRegister',
  'inRegisterAtMonthEnd',
  'knownOccupationAtMonthEnd',
  'knownOccupationShare',
  'closuresToWork',
  'closuresToStudies',
  'homeVisits',
  'contactsMade',
  'contactsReached',
  'youngPeopleReached',
  'youngPeopleVisited',
  'youngPeopleReachedShare',
  'youngPeopleVisitedShare',
  'noticesReceived',
  'noticesWithPlan',
  'preventiveMeetingsHeld',
  'referralsSent',
  'referralsAccepted',
  'referralsDeclined',
  'referralsCompleted',
  'referralsCancelled',
  'activitiesHeld',
  'activityAttendance',
  'activityFirstTimers',
];

/** Distinct people over the whole period: rows totals.<figure>. */
export const CSV_TOTALS: TotalFigure[] = [
  'youngPeopleInRegister',
  'youngPeopleReached',
  'youngPeopleVisited',
  'youngPeopleReachedShare',
  'youngPeopleVisitedShare',
];

/**
 * One row per figure and one column per month, the cells' display text (so "<5" where the
 * report suppresses). Outreach rows are named outreach.<CHANNEL>.<figure>; summer-job rows
 * summerJobs.<SECTOR>.<figure> and repeat the year's figure in each month of that year;
 * totals.<figure> rows (distinct people over the whole period) repeat it in every month;
 * measures.<TYPE>.<figure>, measures.<TYPE>.occupationAfter.<CATEGORY|NONE> (occupation
 * after a measure ended), activities.<KIND>.<figure>, closures.<KIND>.<destination> and
 * networkMeetings.<figure> rows are each followed by their totals.<key> row.
 */
export function reportToCsv(report: MonthlyReportModel): string {
  const months = report.months;
  const lines = [csvLine(['figure', ...months.map((m) => m.month)])];
  for (const figure of CSV_FIGURES) {
    lines.push(csvLine([figure, ...months.map((m) => m[figure].display)]));
  }
  for (const figure of CSV_TOTALS) {
    lines.push(csvLine([`totals.${figure}`, ...months.map(() => report.totals[figure].display)]));
  }
  // Measures, activities, closures by destination, meetings: the rows of the document,
  // each followed by its period total.
  const listed = (r: { key: string }) =>
    /^(measures|activities|closures|networkMeetings)\./.test(r.key);
  for (const row of reportRows(report, 'EN').filter(listed)) {
    lines.push(csvLine([row.key, ...row.cells.map((c) => c.display)]));
    lines.push(csvLine([`totals.${row.key}`, ...months.map(() => row.total.display)]));
  }
  const channels = [...new Set(months.flatMap((m) => m.outreach.map((o) => o.channel)))].sort();
  for (const channel of channels) {
    for (const figure of ['sent', 'answeredWithin14Days', 'answeredShare'] as const) {
      lines.push(
        csvLine([
          `outreach.${channel}.${figure}`,
          ...months.map((m) => {
            const row = m.outreach.find((o) => o.channel === channel);
            if (row) return row[figure].display;
            // No attempt on this channel that month: a zero count, suppressed like any other.
            if (report.smallCountsSuppressed) return SUPPRESSED_DISPLAY;
            return figure === 'answeredShare' ? '' : '0';
          }),
        ]),
      );
    }
  }
  const sectors = [...new Set(report.summerJobs.map((s) => s.sector))];
  for (const sector of sectors) {
    for (const figure of ['positions', 'placements'] as const) {
      lines.push(
        csvLine([
          `summerJobs.${sector}.${figure}`,
          ...months.map((m) => {
            const year = Number(m.month.slice(0, 4));
            const row = report.summerJobs.find((s) => s.sector === sector && s.year === year);
            return (row?.[figure] as ReportCellModel | undefined)?.display ?? '';
          }),
        ]),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
