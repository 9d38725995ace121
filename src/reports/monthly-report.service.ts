import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { isYouthCoordinator } from '../outreach/outreach.abilities';
import { SummerJobSector } from '../activities/summer-job.entity';
import { ContactChannel } from '../outreach/outreach.enums';
import { MeasureType } from '../kaa-register/kaa.enums';
import { closureDestinations, closureDestinationTotals, ClosureRow } from './closure-destinations';
import {
  MeasureOccupationRow,
  occupationAfterMeasures,
  occupationAfterMeasureTotals,
} from './measure-occupations';
import { ActivityKind } from '../activities/activity.entity';
import { MonthlyReportArgs } from './dto/monthly-report.args';
import {
  MonthlyReportCsvModel,
  MonthlyReportModel,
  MonthlyReportMonthModel,
  MonthlyReportTotalsModel,
  ReportChannelOutreachModel,
  ReportActivitiesModel,
  ReportMeasuresModel,
  ReportNetworkMeetingsModel,
  ReportSummerJobsModel,
} from './models/monthly-report.model';
import {
  ACTIVITY_KINDS_SQL,
  CLOSURE_DESTINATIONS_SQL,
  MEASURE_OCCUPATIONS_SQL,
  MEASURES_SQL,
  MONTHLY_FIGURES_SQL,
  NETWORK_MEETINGS_SQL,
  OUTREACH_SQL,
  PERIOD_TOTALS_SQL,
  SUMMER_JOBS_SQL,
} from './monthly-report.sql';
import { CellFactory } from './report-cells';
import { reportToCsv } from './monthly-report.csv';
import { MONTHLY_REPORT } from './reports.abilities';
import {
  ReportDocumentArgs,
  ReportDocumentFormat,
  ReportDocumentModel,
} from './document/report-document.model';
import { reportToPdf } from './document/report-pdf';
import { reportToXlsx } from './document/report-xlsx';

export const MAX_MONTHS = 24;

/** The raw counts of one month as the figures statement returns them. */
export interface MonthFigures {
  municipality_code: string;
  month: string;
  in_register: number;
  entered: number;
  exited: number;
  at_month_end: number;
  known: number;
  closures_to_work: number;
  closures_to_studies: number;
  home_visits: number;
  contacts_made: number;
  contacts_reached: number;
  people_reached: number;
  people_visited: number;
  reached_in_register: number;
  visited_in_register: number;
  notices_received: number;
  notices_with_plan: number;
  preventive_meetings: number;
  referrals_sent: number;
  referrals_accepted: number;
  referrals_declined: number;
  referrals_completed: number;
  referrals_cancelled: number;
  activities_held: number;
  attendance: number;
  first_timers: number;
}

/** Distinct people over the whole range (PERIOD_TOTALS_SQL). */
export interface PeriodTotals {
  municipality_code: string;
  in_register: number;
  people_reached: number;
  people_visited: number;
  reached_in_register: number;
  visited_in_register: number;
}

export interface MeasureRow {
  municipality_code: string;
  month: string;
  type: MeasureType;
  offered: number;
  started: number;
  completed: number;
  aborted: number;
  to_work: number;
  to_studies: number;
}

const MEASURE_FIGURES = [
  'offered',
  'started',
  'completed',
  'aborted',
  'endedStartedWork',
  'endedStartedStudies',
] as const;

export interface ActivityKindRow {
  municipality_code: string;
  month: string;
  kind: ActivityKind;
  held: number;
  attendance: number;
  age_15_17: number;
  age_18_20: number;
  age_21_25: number;
  first_timers: number;
}

const ACTIVITY_FIGURES = [
  'held',
  'attendance',
  'age15To17',
  'age18To20',
  'age21To25',
  'firstTimers',
] as const;

export interface OutreachRow {
  municipality_code: string;
  month: string;
  channel: ContactChannel;
  sent: number;
  answered: number;
}

/** A month's meetings; the row with month null is the whole range. */
export interface NetworkMeetingRow {
  municipality_code: string;
  month: string | null;
  held: number;
  participants: number;
  organisations: number;
}

export interface SummerJobRow {
  municipality_code: string;
  year: number;
  sector: SummerJobSector;
  positions: number;
  placements: number;
}

/** Everything a report is built from, unsuppressed, for one municipality (or a region's sum). */
export interface ReportCounts {
  figures: MonthFigures[];
  totals: PeriodTotals;
  measures: MeasureRow[];
  measureOccupations: MeasureOccupationRow[];
  activities: ActivityKindRow[];
  closures: ClosureRow[];
  outreach: OutreachRow[];
  summerJobs: SummerJobRow[];
  networkMeetings: NetworkMeetingRow[];
}

/** Number of months from fromMonth to toMonth inclusive; refuses reversed or too long ranges. */
export function monthSpan(fromMonth: string, toMonth: string): number {
  const index = (m: string) => {
    const [y, mm] = m.split('-').map(Number);
    return y * 12 + mm - 1;
  };
  const span = index(toMonth) - index(fromMonth) + 1;
  if (span < 1) throw new BadInputError('toMonth is before fromMonth', { field: 'toMonth' });
  if (span > MAX_MONTHS)
    throw new BadInputError(`At most ${MAX_MONTHS} months at a time`, { field: 'toMonth' });
  return span;
}

/**
 * The KAA monthly report (seeds/004, DESIGN §8) of the caller's own municipality.
 * Aggregates only; small cells are suppressed for everyone but the youth team. Every
 * request is logged (READ, or EXPORT for the CSV) without any young-person id.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async report(ctx: RequestContext, args: MonthlyReportArgs): Promise<MonthlyReportModel> {
    const report = await this.build(ctx, args, Action.Read);
    await this.logRequest(ctx, args, AccessAction.READ);
    return report;
  }

  async csv(ctx: RequestContext, args: MonthlyReportArgs): Promise<MonthlyReportCsvModel> {
    const report = await this.build(ctx, args, Action.Export);
    await this.logRequest(ctx, args, AccessAction.EXPORT);
    return Object.assign(new MonthlyReportCsvModel(), {
      fileName: `kaa-monthly-report-${report.municipalityCode}-${args.fromMonth}-${args.toMonth}.csv`,
      csv: reportToCsv(report),
    });
  }

  /** The report as an XLSX or PDF file (seeds/004's layout), the same cells; logged as EXPORT. */
  async document(ctx: RequestContext, args: ReportDocumentArgs): Promise<ReportDocumentModel> {
    const report = await this.build(ctx, args, Action.Export);
    const lang = args.language;
    const base = `kaa-manadsrapport-${report.municipalityCode}-${args.fromMonth}-${args.toMonth}`;
    const file =
      args.format === ReportDocumentFormat.PDF
        ? {
            ext: 'pdf',
            type: 'application/pdf',
            bytes: await reportToPdf(report, lang, args.sections ?? []),
          }
        : {
            ext: 'xlsx',
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: await reportToXlsx(report, lang),
          };
    await this.logRequest(ctx, args, AccessAction.EXPORT);
    return Object.assign(new ReportDocumentModel(), {
      fileName: `${base}.${file.ext}`,
      contentType: file.type,
      base64: file.bytes.toString('base64'),
    });
  }

  /**
   * The unsuppressed counts behind the report, for trusted callers inside the API (e.g. the
   * retention job checking that a purge leaves past months unchanged). No access check.
   */
  async counts(
    municipalityCode: string,
    fromMonth: string,
    toMonth: string,
  ): Promise<ReportCounts> {
    return (await this.countsOf([municipalityCode], fromMonth, toMonth)).get(municipalityCode)!;
  }

  /**
   * The unsuppressed counts of several municipalities at once (a region's members): the same
   * nine statements as for one, each municipality's rows apart. No access check.
   */
  async countsOf(
    municipalityCodes: string[],
    fromMonth: string,
    toMonth: string,
  ): Promise<Map<string, ReportCounts>> {
    monthSpan(fromMonth, toMonth);
    const params = [municipalityCodes, `${fromMonth}-01`, `${toMonth}-01`];
    const [
      figures,
      totals,
      measures,
      measureOccupations,
      activities,
      closures,
      outreach,
      summerJobs,
      networkMeetings,
    ] = await Promise.all([
      this.ds.query(MONTHLY_FIGURES_SQL, params) as Promise<MonthFigures[]>,
      this.ds.query(PERIOD_TOTALS_SQL, params) as Promise<PeriodTotals[]>,
      this.ds.query(MEASURES_SQL, params) as Promise<MeasureRow[]>,
      this.ds.query(MEASURE_OCCUPATIONS_SQL, params) as Promise<MeasureOccupationRow[]>,
      this.ds.query(ACTIVITY_KINDS_SQL, params) as Promise<ActivityKindRow[]>,
      this.ds.query(CLOSURE_DESTINATIONS_SQL, params) as Promise<ClosureRow[]>,
      this.ds.query(OUTREACH_SQL, params) as Promise<OutreachRow[]>,
      this.ds.query(SUMMER_JOBS_SQL, params) as Promise<SummerJobRow[]>,
      this.ds.query(NETWORK_MEETINGS_SQL, params) as Promise<NetworkMeetingRow[]>,
    ]);
    const of = <T extends { municipality_code: string }>(rows: T[], code: string) =>
      rows.filter((r) => r.municipality_code === code);
    return new Map(
      municipalityCodes.map((code) => [
        code,
        {
          figures: of(figures, code),
          totals: of(totals, code)[0],
          measures: of(measures, code),
          measureOccupations: of(measureOccupations, code),
          activities: of(activities, code),
          closures: of(closures, code),
          outreach: of(outreach, code),
          summerJobs: of(summerJobs, code),
          networkMeetings: of(networkMeetings, code),
        },
      ]),
    );
  }

  private async build(
    ctx: RequestContext,
    args: MonthlyReportArgs,
    action: Action,
  ): Promise<MonthlyReportModel> {
    monthSpan(args.fromMonth, args.toMonth);
    const municipalityCode = ctx.actor.municipalityCode;
    if (!ctx.ability.can(action, subject(MONTHLY_REPORT, { municipalityCode })))
      throw new NotFoundError('Report');
    const counts = await this.counts(municipalityCode, args.fromMonth, args.toMonth);
    return toReport(
      municipalityCode,
      counts,
      args,
      new CellFactory(!isYouthCoordinator(ctx.actor)),
    );
  }

  private logRequest(ctx: RequestContext, args: MonthlyReportArgs, action: AccessAction) {
    return this.log.record(this.ds.manager, ctx, [
      {
        action,
        subjectType: 'MONTHLY_REPORT',
        subjectIds: [],
        fields: [`months:${args.fromMonth}..${args.toMonth}`],
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}

/** The report of one municipality (or a region's summed counts), with the cells `cells` makes. */
export function toReport(
  municipalityCode: string,
  counts: ReportCounts,
  args: MonthlyReportArgs,
  cells: CellFactory,
): MonthlyReportModel {
  const {
    figures,
    totals,
    measures,
    measureOccupations,
    activities,
    closures,
    outreach,
    summerJobs,
    networkMeetings,
  } = counts;
  const months = figures.map((f) =>
    Object.assign(
      toMonth(
        f,
        outreach.filter((o) => o.month === f.month),
        measures.filter((m) => m.month === f.month),
        activities.filter((a) => a.month === f.month),
        cells,
      ),
      {
        closureDestinations: closureDestinations(closures, f.month, cells),
        occupationAfterMeasures: occupationAfterMeasures(measureOccupations, f.month, cells),
      },
    ),
  );
  const meetings = (month: string | null) =>
    meetingCells(
      networkMeetings.find((n) => n.month === month),
      cells,
    );
  months.forEach((m) => (m.networkMeetings = meetings(m.month)));
  const report = Object.assign(new MonthlyReportModel(), {
    municipalityCode,
    fromMonth: args.fromMonth,
    toMonth: args.toMonth,
    smallCountsSuppressed: cells.suppress,
    months,
    networkMeetingTotals: meetings(null),
    totals: Object.assign(new MonthlyReportTotalsModel(), {
      youngPeopleInRegister: cells.people(totals.in_register),
      youngPeopleReached: cells.people(totals.people_reached),
      youngPeopleVisited: cells.people(totals.people_visited),
      youngPeopleReachedShare: cells.share(totals.reached_in_register, totals.in_register),
      youngPeopleVisitedShare: cells.share(totals.visited_in_register, totals.in_register),
    }),
    summerJobs: summerJobs.map((s) =>
      Object.assign(new ReportSummerJobsModel(), {
        year: s.year,
        sector: s.sector,
        positions: cells.plain(s.positions),
        placements: cells.people(s.placements),
      }),
    ),
  });
  return withPeriodTotals(report, cells);
}

/**
 * The period totals that are sums of the months' cells (measures, occupations after them,
 * activities, closures by destination): set after the months, and again after anything hides a month's cell.
 */
export function withPeriodTotals(
  report: MonthlyReportModel,
  cells: CellFactory,
): MonthlyReportModel {
  report.measureTotals = measureTotals(report.months, cells);
  report.occupationAfterMeasureTotals = occupationAfterMeasureTotals(report.months, cells);
  report.activityTotals = activityTotals(report.months, cells);
  report.closureDestinationTotals = closureDestinationTotals(report.months, cells);
  return report;
}

/** Meetings count professionals and organisations, not young people: never suppressed. */
function meetingCells(row: NetworkMeetingRow | undefined, c: CellFactory) {
  return Object.assign(new ReportNetworkMeetingsModel(), {
    held: c.plain(row?.held ?? 0),
    participants: c.plain(row?.participants ?? 0),
    organisations: c.plain(row?.organisations ?? 0),
  });
}

/** Per kind, the sum of the months (held is a count of events: a plain sum, never suppressed). */
function activityTotals(months: MonthlyReportMonthModel[], c: CellFactory) {
  const kinds = [...new Set(months.flatMap((m) => m.activities.map((x) => x.kind)))].sort();
  return kinds.map((kind) => {
    const of = (figure: (typeof ACTIVITY_FIGURES)[number]) => {
      const cells = months.map(
        (m) => m.activities.find((x) => x.kind === kind)?.[figure] ?? c.people(0),
      );
      if (figure !== 'held') return c.total(cells);
      return c.plain(cells.reduce((s, x) => s + (x.value ?? 0), 0));
    };
    return Object.assign(
      new ReportActivitiesModel(),
      { kind },
      Object.fromEntries(ACTIVITY_FIGURES.map((figure) => [figure, of(figure)])),
    );
  });
}

/** Per type, the sum of the months' cells (a month without the type counts as 0). */
function measureTotals(months: MonthlyReportMonthModel[], c: CellFactory) {
  const types = [...new Set(months.flatMap((m) => m.measures.map((x) => x.type)))].sort();
  return types.map((type) => {
    const of = (figure: (typeof MEASURE_FIGURES)[number]) =>
      c.total(months.map((m) => m.measures.find((x) => x.type === type)?.[figure] ?? c.people(0)));
    return Object.assign(
      new ReportMeasuresModel(),
      { type },
      Object.fromEntries(MEASURE_FIGURES.map((figure) => [figure, of(figure)])),
    );
  });
}

function toMonth(
  f: MonthFigures,
  outreach: OutreachRow[],
  measures: MeasureRow[],
  activities: ActivityKindRow[],
  c: CellFactory,
) {
  return Object.assign(new MonthlyReportMonthModel(), {
    month: f.month,
    youngPeopleInRegister: c.people(f.in_register),
    enteredRegister: c.people(f.entered),
    leftRegister: c.people(f.exited),
    inRegisterAtMonthEnd: c.people(f.at_month_end),
    knownOccupationAtMonthEnd: c.people(f.known),
    knownOccupationShare: c.share(f.known, f.at_month_end),
    closuresToWork: c.people(f.closures_to_work),
    closuresToStudies: c.people(f.closures_to_studies),
    homeVisits: c.people(f.home_visits),
    contactsMade: c.people(f.contacts_made),
    contactsReached: c.people(f.contacts_reached),
    youngPeopleReached: c.people(f.people_reached),
    youngPeopleVisited: c.people(f.people_visited),
    youngPeopleReachedShare: c.share(f.reached_in_register, f.in_register),
    youngPeopleVisitedShare: c.share(f.visited_in_register, f.in_register),
    noticesReceived: c.people(f.notices_received),
    noticesWithPlan: c.people(f.notices_with_plan),
    preventiveMeetingsHeld: c.people(f.preventive_meetings),
    referralsSent: c.people(f.referrals_sent),
    referralsAccepted: c.people(f.referrals_accepted),
    referralsDeclined: c.people(f.referrals_declined),
    referralsCompleted: c.people(f.referrals_completed),
    referralsCancelled: c.people(f.referrals_cancelled),
    activitiesHeld: c.plain(f.activities_held),
    activityAttendance: c.people(f.attendance),
    activityFirstTimers: c.people(f.first_timers),
    outreach: outreach.map((o) =>
      Object.assign(new ReportChannelOutreachModel(), {
        channel: o.channel,
        sent: c.people(o.sent),
        answeredWithin14Days: c.people(o.answered),
        answeredShare: c.share(o.answered, o.sent),
      }),
    ),
    measures: measures.map((m) =>
      Object.assign(new ReportMeasuresModel(), {
        type: m.type,
        offered: c.people(m.offered),
        started: c.people(m.started),
        completed: c.people(m.completed),
        aborted: c.people(m.aborted),
        endedStartedWork: c.people(m.to_work),
        endedStartedStudies: c.people(m.to_studies),
      }),
    ),
    activities: activities.map((a) =>
      Object.assign(new ReportActivitiesModel(), {
        kind: a.kind,
        held: c.plain(a.held),
        attendance: c.people(a.attendance),
        age15To17: c.people(a.age_15_17),
        age18To20: c.people(a.age_18_20),
        age21To25: c.people(a.age_21_25),
        firstTimers: c.people(a.first_timers),
      }),
    ),
  });
}
