import { MeasureType } from '../../kaa-register/kaa.enums';
import { ActivityKind } from '../../activities/activity.entity';
import {
  MonthlyReportModel,
  ReportActivitiesModel,
  ReportMeasuresModel,
  MonthlyReportMonthModel,
  ReportNetworkMeetingsModel,
  ReportCellModel,
} from '../models/monthly-report.model';
import { CellFactory } from '../report-cells';
import { destinationOf } from '../closure-destinations';
import { occupationOf } from '../measure-occupations';
import {
  OCCUPATION_FIELD_LABELS,
  OccupationField,
  STUDY_PROGRAMME_LABELS,
  StudyProgramme,
} from '../../kaa-register/closure-codes';

export type ReportLanguage = 'SV' | 'EN';

/** The month figures that are one cell each (the lists by kind are rows of their own). */
export type MonthFigure = Exclude<
  keyof MonthlyReportMonthModel,
  | 'month'
  | 'outreach'
  | 'measures'
  | 'occupationAfterMeasures'
  | 'activities'
  | 'networkMeetings'
  | 'closureDestinations'
>;
export type TotalFigure = keyof MonthlyReportModel['totals'];

/**
 * How a figure adds up over the period. FLOW figures are events in a month (entries,
 * closures, contacts): the total is their sum. STOCK figures describe a state at a time
 * (the register at month end, the share known): they do not add up, so the total is empty.
 * DISTINCT figures count people per month: the total is the distinct count over the period
 * (report.totals), not the sum.
 */
type Kind = 'FLOW' | 'STOCK' | 'DISTINCT';

interface FigureDef {
  key: MonthFigure;
  kind: Kind;
  sv: string;
  en: string;
}

/**
 * The report's rows in the order of seeds/004. "Aktuella i IKE" is inRegisterAtMonthEnd:
 * the young people with a KAA period open at the end of the month (README: "Aktuella").
 */
export const REPORT_FIGURES: FigureDef[] = [
  {
    key: 'inRegisterAtMonthEnd',
    kind: 'STOCK',
    sv: 'Aktuella i IKE (i registret vid månadens slut)',
    en: 'Current in IKE (in the register at month end)',
  },
  {
    key: 'knownOccupationShare',
    kind: 'STOCK',
    sv: 'Andel vetskap',
    en: 'Share with known occupation',
  },
  {
    key: 'knownOccupationAtMonthEnd',
    kind: 'STOCK',
    sv: 'Med känd sysselsättning vid månadens slut',
    en: 'Known occupation at month end',
  },
  {
    key: 'youngPeopleInRegister',
    kind: 'DISTINCT',
    sv: 'I registret någon gång under månaden',
    en: 'In the register at any time in the month',
  },
  { key: 'enteredRegister', kind: 'FLOW', sv: 'Nya i registret', en: 'Entered the register' },
  { key: 'leftRegister', kind: 'FLOW', sv: 'Lämnat registret', en: 'Left the register' },
  { key: 'closuresToWork', kind: 'FLOW', sv: 'Avslut till arbete', en: 'Closures to work' },
  { key: 'closuresToStudies', kind: 'FLOW', sv: 'Avslut till studier', en: 'Closures to studies' },
  { key: 'homeVisits', kind: 'FLOW', sv: 'Hembesök', en: 'Home visits' },
  { key: 'contactsMade', kind: 'FLOW', sv: 'Kontaktförsök', en: 'Contact attempts' },
  {
    key: 'contactsReached',
    kind: 'FLOW',
    sv: 'Kontakter där ungdomen nåddes',
    en: 'Contacts that reached the young person',
  },
  {
    key: 'youngPeopleReached',
    kind: 'DISTINCT',
    sv: 'Ungdomar som nåtts',
    en: 'Young people reached',
  },
  {
    key: 'youngPeopleReachedShare',
    kind: 'DISTINCT',
    sv: 'Andel av målgruppen som nåtts',
    en: 'Share of the target group reached',
  },
  {
    key: 'youngPeopleVisited',
    kind: 'DISTINCT',
    sv: 'Ungdomar som fått hembesök',
    en: 'Young people visited at home',
  },
  {
    key: 'youngPeopleVisitedShare',
    kind: 'DISTINCT',
    sv: 'Andel av målgruppen som fått hembesök',
    en: 'Share of the target group visited',
  },
  {
    key: 'noticesReceived',
    kind: 'FLOW',
    sv: 'Information om avhopp från skolan',
    en: 'School drop-out notices received',
  },
  {
    key: 'noticesWithPlan',
    kind: 'FLOW',
    sv: 'Varav med tydlig plan vid avhopp',
    en: 'Of which with a plan',
  },
  {
    key: 'preventiveMeetingsHeld',
    kind: 'FLOW',
    sv: 'Förebyggande möten',
    en: 'Preventive meetings held',
  },
  { key: 'referralsSent', kind: 'FLOW', sv: 'Remisser skickade', en: 'Referrals sent' },
  { key: 'referralsAccepted', kind: 'FLOW', sv: 'Remisser accepterade', en: 'Referrals accepted' },
  { key: 'referralsDeclined', kind: 'FLOW', sv: 'Remisser avböjda', en: 'Referrals declined' },
  { key: 'referralsCompleted', kind: 'FLOW', sv: 'Remisser slutförda', en: 'Referrals completed' },
  {
    key: 'referralsCancelled',
    kind: 'FLOW',
    sv: 'Remisser återkallade',
    en: 'Referrals cancelled',
  },
  { key: 'activitiesHeld', kind: 'FLOW', sv: 'Aktiviteter', en: 'Activities held' },
  {
    key: 'activityAttendance',
    kind: 'FLOW',
    sv: 'Deltagare på aktiviteter',
    en: 'Activity attendance',
  },
  {
    key: 'activityFirstTimers',
    kind: 'FLOW',
    sv: 'Varav första gången',
    en: 'Of which first-timers',
  },
];

const MONTHS_SV = [
  'jan',
  'feb',
  'mar',
  'apr',
  'maj',
  'jun',
  'jul',
  'aug',
  'sep',
  'okt',
  'nov',
  'dec',
];
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const LONG_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
const LONG_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "okt-21" (seeds/004) or "Oct-21". */
export function monthLabel(month: string, lang: ReportLanguage): string {
  const [y, m] = month.split('-').map(Number);
  return `${(lang === 'SV' ? MONTHS_SV : MONTHS_EN)[m - 1]}-${String(y).slice(2)}`;
}

/** "oktober 2021 – februari 2022". */
export function periodLabel(from: string, to: string, lang: ReportLanguage): string {
  const long = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return `${(lang === 'SV' ? LONG_SV : LONG_EN)[m - 1]} ${y}`;
  };
  return from === to ? long(from) : `${long(from)} – ${long(to)}`;
}

export interface ReportRow {
  key: string;
  label: string;
  cells: ReportCellModel[];
  total: ReportCellModel;
}

/** Rows for a document: label, one cell per month and the period's total (same suppression). */
export function reportRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  // Each kind's split follows its closure row (seeds/004: "Båda ungdomar avslutades till
  // yrket restaurangbiträde").
  const split = closureRows(report, lang);
  return [
    ...figureRows(report, lang).flatMap((row) =>
      row.key === 'closuresToWork' || row.key === 'closuresToStudies'
        ? [row, ...split.filter((r) => r.key.startsWith(`closures.${KIND_OF[row.key]}.`))]
        : [row],
    ),
    ...measureRows(report, lang),
    ...activityRows(report, lang),
    ...meetingRows(report, lang),
  ];
}

const KIND_OF: Record<string, string> = { closuresToWork: 'WORK', closuresToStudies: 'STUDIES' };

/** Closures by destination (those of closureDestinationTotals), keyed closures.<KIND>.<code>. */
function closureRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  const cells = new CellFactory(report.smallCountsSuppressed);
  const i = lang === 'SV' ? 0 : 1;
  return report.closureDestinationTotals.map((total) => {
    const code = destinationOf(total);
    // "Varav ..." under its closure row, like "Varav med tydlig plan vid avhopp".
    const name = total.occupationField
      ? OCCUPATION_FIELD_LABELS[total.occupationField as OccupationField][i]
      : total.programmeCode
        ? STUDY_PROGRAMME_LABELS[total.programmeCode as StudyProgramme][i]
        : total.kind === 'WORK'
          ? ['yrkesområde ej angivet', 'occupation field not stated'][i]
          : ['program ej angivet', 'programme not stated'][i];
    return {
      key: `closures.${total.kind}.${code}`,
      label: `${['Varav', 'Of which'][i]} ${name}`,
      // A month without the destination is a zero count, suppressed like any other.
      cells: report.months.map(
        (m) =>
          m.closureDestinations.find((d) => d.kind === total.kind && destinationOf(d) === code)
            ?.closures ?? cells.people(0),
      ),
      total: total.closures,
    };
  });
}

const MEASURE_TYPES: Record<MeasureType, [string, string]> = {
  COACHING: ['Coachning', 'Coaching'],
  STUDY_CAREER_GUIDANCE: ['Studie- och yrkesvägledning', 'Study and career guidance'],
  INTERNSHIP: ['Praktik', 'Internship'],
  MENTORSHIP: ['Mentorskap', 'Mentorship'],
  STUDY_VISIT: ['Studiebesök', 'Study visit'],
  ASSOCIATION_MATCHING: ['Föreningsmatchning', 'Association matching'],
  SUMMER_JOB: ['Feriejobb', 'Summer job'],
  JOB_FAIR: ['Jobbmässa', 'Job fair'],
  LABOUR_OFFICE_PROGRAMME: ['Arbetsförmedlingens program', 'Labour office programme'],
  STUDIES_PREPARATION: ['Studieförberedande', 'Studies preparation'],
  OTHER: ['Annan insats', 'Other measure'],
};

const MEASURE_FIGURES: [keyof Omit<ReportMeasuresModel, 'type'>, string, string][] = [
  ['offered', 'erbjudna', 'offered'],
  ['started', 'påbörjade', 'started'],
  ['completed', 'genomförda', 'completed'],
  ['aborted', 'avbrutna', 'aborted'],
  ['endedStartedWork', 'avslutade till arbete', 'ended, started work'],
  ['endedStartedStudies', 'avslutade till studier', 'ended, started studies'],
];

/**
 * The first known occupation after a measure ended (seeds/004: "2 ungdomar kom ut på en
 * praktikplats"), lower case after "därefter" / "then"; NONE: nothing known within 30 days.
 */
const OCCUPATIONS_AFTER: Record<string, [string, string]> = {
  STUDIES: ['därefter studier', 'then studies'],
  WORK: ['därefter arbete', 'then work'],
  INTERNSHIP: ['därefter praktik', 'then internship'],
  LABOUR_OFFICE_PROGRAMME: ['därefter Arbetsförmedlingens program', 'then labour office programme'],
  MUNICIPAL_MEASURE: ['därefter kommunal insats', 'then municipal measure'],
  PARENTAL_LEAVE: ['därefter föräldraledig', 'then parental leave'],
  SICK: ['därefter sjukskriven', 'then sick leave'],
  ABROAD: ['därefter utomlands', 'then abroad'],
  NOTHING: ['därefter ingen sysselsättning', 'then no occupation'],
  NONE: ['ingen känd sysselsättning inom 30 dagar', 'no known occupation within 30 days'],
};

/**
 * Measures: a row per type (those of measureTotals) and figure, keyed
 * measures.<TYPE>.<figure>, each type followed by its occupation after the measure ended
 * (those of occupationAfterMeasureTotals), keyed measures.<TYPE>.occupationAfter.<CATEGORY|NONE>.
 */
function measureRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  const cells = new CellFactory(report.smallCountsSuppressed);
  const i = lang === 'SV' ? 0 : 1;
  return report.measureTotals.flatMap((total) => {
    const type = MEASURE_TYPES[total.type][i];
    const prefix = lang === 'SV' ? `Insatser, ${type}` : `Measures, ${type}`;
    const figures = MEASURE_FIGURES.map(([figure, sv, en]) => ({
      key: `measures.${total.type}.${figure}`,
      label: `${prefix}: ${lang === 'SV' ? sv : en}`,
      // A month without the type is a zero count, suppressed like any other.
      cells: report.months.map(
        (m) => m.measures.find((x) => x.type === total.type)?.[figure] ?? cells.people(0),
      ),
      total: total[figure],
    }));
    const after = report.occupationAfterMeasureTotals
      .filter((o) => o.type === total.type)
      .map((o) => {
        const code = occupationOf(o);
        return {
          key: `measures.${total.type}.occupationAfter.${code}`,
          label: `${prefix}: ${OCCUPATIONS_AFTER[code][i]}`,
          cells: report.months.map(
            (m) =>
              m.occupationAfterMeasures.find(
                (x) => x.type === total.type && occupationOf(x) === code,
              )?.measures ?? cells.people(0),
          ),
          total: o.measures,
        };
      });
    return [...figures, ...after];
  });
}

const ACTIVITY_KINDS: Record<ActivityKind, [string, string]> = {
  OPEN_HALL: ['Öppen Hall', 'Öppen Hall (open hall)'],
  STUDY_VISIT: ['Studiebesök', 'Study visit'],
  JOB_FAIR: ['Jobbmässa', 'Job fair'],
  THEME_EVENING: ['Temakväll', 'Theme evening'],
  SCHOOL_LECTURE: ['Föreläsning i skolan', 'School lecture'],
  RECRUITMENT_FAIR: ['Rekryteringsmässa', 'Recruitment fair'],
  OTHER: ['Annan aktivitet', 'Other activity'],
};

const ACTIVITY_FIGURES: [keyof Omit<ReportActivitiesModel, 'kind'>, string, string][] = [
  ['held', 'tillfällen', 'held'],
  ['attendance', 'deltagare', 'attendance'],
  ['age15To17', 'deltagare 15–17 år', 'attendance aged 15–17'],
  ['age18To20', 'deltagare 18–20 år', 'attendance aged 18–20'],
  ['age21To25', 'deltagare 21–25 år', 'attendance aged 21–25'],
  ['firstTimers', 'första gången', 'first-timers'],
];

/** Activities: a row per kind (those of activityTotals) and figure, keyed activities.<KIND>.<figure>. */
function activityRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  const cells = new CellFactory(report.smallCountsSuppressed);
  return report.activityTotals.flatMap((total) =>
    ACTIVITY_FIGURES.map(([figure, sv, en]) => {
      const [kindSv, kindEn] = ACTIVITY_KINDS[total.kind];
      // A month without the kind: no activity held (never suppressed), no people (suppressed).
      const none = figure === 'held' ? cells.plain(0) : cells.people(0);
      return {
        key: `activities.${total.kind}.${figure}`,
        label: lang === 'SV' ? `${kindSv}: ${sv}` : `${kindEn}: ${en}`,
        cells: report.months.map(
          (m) => m.activities.find((x) => x.kind === total.kind)?.[figure] ?? none,
        ),
        total: total[figure],
      };
    }),
  );
}

const MEETING_FIGURES: [keyof ReportNetworkMeetingsModel, string, string][] = [
  ['held', 'antal', 'held'],
  ['participants', 'deltagare', 'participants'],
  ['organisations', 'organisationer', 'organisations'],
];

/** Professional and network meetings: a row per figure, keyed networkMeetings.<figure>. */
function meetingRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  return MEETING_FIGURES.map(([figure, sv, en]) => ({
    key: `networkMeetings.${figure}`,
    label:
      lang === 'SV'
        ? `Professions- och nätverksmöten: ${sv}`
        : `Professional and network meetings: ${en}`,
    cells: report.months.map((m) => m.networkMeetings[figure]),
    total: report.networkMeetingTotals[figure],
  }));
}

function figureRows(report: MonthlyReportModel, lang: ReportLanguage): ReportRow[] {
  return REPORT_FIGURES.map((f) => {
    const cells = report.months.map((m) => m[f.key]);
    return {
      key: f.key,
      label: lang === 'SV' ? f.sv : f.en,
      cells,
      total:
        f.kind === 'FLOW'
          ? new CellFactory(report.smallCountsSuppressed).total(cells)
          : f.kind === 'DISTINCT'
            ? report.totals[f.key as TotalFigure]
            : empty(),
    };
  });
}

function empty(): ReportCellModel {
  return Object.assign(new ReportCellModel(), { value: null, suppressed: false, display: '' });
}

export const DOCUMENT_TEXT = {
  SV: {
    title: 'Kommunens aktivitetsansvar',
    period: 'Rapport avser perioden',
    table: 'Månad för månad',
    total: 'Totalt',
    chart: 'Aktuella i IKE och andel vetskap',
    suppressed: 'Celler med färre än 5 ungdomar visas som "<5".',
    aktuella:
      'Aktuella = ungdomar med en öppen period i KAA-registret den sista dagen i månaden (samma urval som "Aktuella i IKE").',
    occupationAfter:
      'Insatser "därefter ..." = avslutade insatser fördelade på ungdomens första kända sysselsättning från insatsens slutdatum till 30 dagar efter. En månads siffror kan ändras tills 30 dagar efter månadens slut.',
    sheet: 'Rapport',
    figure: 'Uppgift',
  },
  EN: {
    title: 'Municipal activity responsibility (KAA)',
    period: 'Report for the period',
    table: 'Month by month',
    total: 'Total',
    chart: 'Current in the register and share known',
    suppressed: 'Cells counting fewer than 5 young people show "<5".',
    aktuella:
      'Current = young people with a KAA register period open on the last day of the month (the selection of "Aktuella i IKE").',
    occupationAfter:
      "Measures \"then ...\" = ended measures by the young person's first known occupation from the measure's end date to 30 days after. A month's figures can change until 30 days after the month.",
    sheet: 'Report',
    figure: 'Figure',
  },
};
