import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import '../../activities/models/summer-job.model'; // registers the SummerJobSector enum
import { SummerJobSector } from '../../activities/summer-job.entity';
import { ContactChannel } from '../../outreach/outreach.enums';
import { ClosureKind, MeasureType } from '../../kaa-register/kaa.enums';
import { OccupationCategory } from '../../kaa-register/occupation.entity';
import { OccupationField, StudyProgramme } from '../../kaa-register/closure-codes';
import '../../activities/models/activity.model'; // registers the ActivityKind enum
import { ActivityKind } from '../../activities/activity.entity';

@ObjectType('ReportCell', {
  description:
    'One figure of a report. value is the number (a percentage for shares) or null when suppressed; ' +
    'suppressed is true when the cell counts fewer than 5 people and the caller is not the ' +
    "municipality's youth team; display is the text to print: the number, a percentage such as " +
    '"74%", or "<5" (which then covers 0–4).',
})
export class ReportCellModel {
  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field()
  suppressed: boolean;

  @Field()
  display: string;
}

@ObjectType('ReportChannelOutreach', {
  description: 'Outbound contact attempts of one channel in one month and how many were answered',
})
export class ReportChannelOutreachModel {
  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ReportCellModel, {
    description: 'Outbound contact attempts on this channel made in the month (e.g. letters sent)',
  })
  sent: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Of those, the attempts answered within 14 days: the attempt itself has outcome REACHED, or ' +
      'the same young person has a REACHED or an INBOUND contact with the municipality after it and ' +
      'at most 14 days (336 hours) later. Counted in the month the attempt was made, so the newest ' +
      'two weeks are still incomplete.',
  })
  answeredWithin14Days: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'answeredWithin14Days / sent in percent (the response rate)',
  })
  answeredShare: ReportCellModel;
}

@ObjectType('ReportMeasures', {
  description:
    'Measures (insatser) of one type in one month, or over the period (the sum of the months; ' +
    'suppressed when a month is). Each event counts in the month of its own date.',
})
export class ReportMeasuresModel {
  @Field(() => MeasureType)
  type: MeasureType;

  @Field(() => ReportCellModel, { description: 'Measures offered (offer date in the month)' })
  offered: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Measures started (start date in the month)' })
  started: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Measures COMPLETED (end date in the month)',
  })
  completed: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Measures ABORTED (end date in the month)' })
  aborted: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Of completed and aborted, those ended because the young person started work',
  })
  endedStartedWork: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Of completed and aborted, those ended because the young person started studies',
  })
  endedStartedStudies: ReportCellModel;
}

@ObjectType('ReportOccupationAfterMeasure', {
  description:
    'Occupation after a measure ended: measures of one type that ended in the month (COMPLETED ' +
    "or ABORTED, end date in the month) by the young person's first known occupation that starts " +
    'on the end date or at most 30 days later, as of today. Over the period: the sum of the ' +
    'months, suppressed when a month is. A month can change until 30 days after its last day.',
})
export class ReportOccupationAfterMeasureModel {
  @Field(() => MeasureType)
  type: MeasureType;

  @Field(() => OccupationCategory, {
    nullable: true,
    description:
      'The first occupation record of the municipality, not UNKNOWN, with a valid-from date from ' +
      'the end date to 30 days after it and not after today (two on one date: the later ' +
      'recorded). null: no known occupation within 30 days.',
  })
  occupation: OccupationCategory | null;

  @Field(() => ReportCellModel, {
    description: 'Measures ended (each measure once; they add up to completed + aborted)',
  })
  measures: ReportCellModel;
}

@ObjectType('ReportActivities', {
  description:
    'Group activities of one kind (OPEN_HALL is Öppen Hall) in one month, or over the period ' +
    '(the sum of the months; a people count is suppressed when a month is)',
})
export class ReportActivitiesModel {
  @Field(() => ActivityKind)
  kind: ActivityKind;

  @Field(() => ReportCellModel, { description: 'Activities held (events: never suppressed)' })
  held: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Reported attendance (visits, not distinct people)',
  })
  attendance: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Of the attendance, aged 15–17' })
  age15To17: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Of the attendance, aged 18–20' })
  age18To20: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Of the attendance, aged 21–25' })
  age21To25: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Of the attendance, first-timers' })
  firstTimers: ReportCellModel;
}

@ObjectType('ReportNetworkMeetings', {
  description:
    "The youth team's professional and network meetings (professionsmöten, nätverksträffar) in " +
    'one month, or over the period. They count professionals and organisations, not young ' +
    'people: never suppressed.',
})
export class ReportNetworkMeetingsModel {
  @Field(() => ReportCellModel, { description: 'Meetings held (date in the month)' })
  held: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Participants, summed over the meetings (someone at two meetings counts twice)',
  })
  participants: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Distinct organisations and municipalities named (case-insensitive); over the period an ' +
      'organisation at meetings in two months counts once, so not the sum of the months',
  })
  organisations: ReportCellModel;
}

@ObjectType('ReportClosureDestination', {
  description:
    'Closures (avslut) of one kind and destination in one month, or over the period (the sum of ' +
    'the months, suppressed when a month is): to work by occupation field, to studies by ' +
    'programme. Both codes null: the closure was recorded without one (not stated).',
})
export class ReportClosureDestinationModel {
  @Field(() => ClosureKind, { description: 'WORK or STUDIES' })
  kind: ClosureKind;

  @Field(() => OccupationField, { nullable: true, description: 'WORK: the occupation field' })
  occupationField: OccupationField | null;

  @Field(() => StudyProgramme, { nullable: true, description: 'STUDIES: the programme' })
  programmeCode: StudyProgramme | null;

  @Field(() => ReportCellModel, { description: 'Closures (closure date in the month)' })
  closures: ReportCellModel;
}

@ObjectType('MonthlyReportMonth', {
  description:
    'The figures of one calendar month in Swedish time (Europe/Stockholm): a timestamp belongs to ' +
    'the month its local time falls in, a date (entry, exit, closure) to its own month.',
})
export class MonthlyReportMonthModel {
  @Field({ description: 'YYYY-MM' })
  month: string;

  @Field(() => ReportCellModel, {
    description:
      'Young people in the register: distinct young people with a KAA period of the municipality ' +
      'open at any time in the month (entry date on or before the last day, and no exit date or an ' +
      'exit date on or after the first day). Someone entering on the last day or leaving on the first ' +
      'day counts.',
  })
  youngPeopleInRegister: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Young people with a KAA period whose entry date is in the month',
  })
  enteredRegister: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Young people with a KAA period whose exit date is in the month',
  })
  leftRegister: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Young people in the register at the end of the month: a period open on the last day and ' +
      'not ending that day (no exit date, or an exit date after the last day). Leaving on the last ' +
      'day means not in the register at month end.',
  })
  inRegisterAtMonthEnd: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Of inRegisterAtMonthEnd, those whose occupation at month end is known: the latest occupation ' +
      'record of the municipality valid from on or before the last day (ties: the latest recorded) ' +
      'exists and is not UNKNOWN.',
  })
  knownOccupationAtMonthEnd: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Andel vetskap: knownOccupationAtMonthEnd / inRegisterAtMonthEnd in percent (one decimal; ' +
      'display rounds to a whole percent). Suppressed when either count is suppressed.',
  })
  knownOccupationShare: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'KAA closures (avslut) of kind WORK whose closure date is in the month',
  })
  closuresToWork: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'KAA closures of kind STUDIES whose closure date is in the month',
  })
  closuresToStudies: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Outbound contact attempts on channel HOME_VISIT made in the month, any outcome',
  })
  homeVisits: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Outbound contact attempts (every channel) made in the month, any outcome',
  })
  contactsMade: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Contact attempts (either direction) in the month with outcome REACHED',
  })
  contactsReached: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Distinct young people with at least one REACHED contact in the month',
  })
  youngPeopleReached: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Distinct young people with at least one outbound HOME_VISIT contact attempt in the month, ' +
      'any outcome (a booked visit counts once it is done: it then is such a contact attempt)',
  })
  youngPeopleVisited: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Share of the target group reached: of youngPeopleInRegister (the target group of the ' +
      'month), those with a REACHED contact in the month, in percent. Suppressed when either ' +
      'count is under 5 for a suppressed report.',
  })
  youngPeopleReachedShare: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Share of the target group visited: of youngPeopleInRegister, those with an outbound ' +
      'HOME_VISIT contact attempt in the month, in percent',
  })
  youngPeopleVisitedShare: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'School notices (Skollagen 15 kap. 15 §) sent to the municipality as home municipality in the month',
  })
  noticesReceived: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Of noticesReceived, those recording that the student left with a plan',
  })
  noticesWithPlan: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Preventive meetings held in the month: HELD meetings on risk flags raised by a school of the ' +
      'municipality or shared with its youth team, plus held PREVENTIVE meetings of joint cases of ' +
      'the municipality (by meeting time)',
  })
  preventiveMeetingsHeld: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Referrals of joint cases of the municipality sent in the month (SENT transitions)',
  })
  referralsSent: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Referrals accepted in the month' })
  referralsAccepted: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Referrals declined in the month' })
  referralsDeclined: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Referrals completed (outcome given) in the month' })
  referralsCompleted: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Referrals cancelled in the month' })
  referralsCancelled: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Group activities of the municipality that started in the month, not cancelled and not in the ' +
      'future. Counts events, not people: never suppressed.',
  })
  activitiesHeld: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Total reported attendance of those activities (visits, not distinct people)',
  })
  activityAttendance: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'First-timers reported at those activities' })
  activityFirstTimers: ReportCellModel;

  @Field(() => [ReportChannelOutreachModel], {
    description:
      'Outreach effectiveness per channel; channels with no outbound attempt are left out',
  })
  outreach: ReportChannelOutreachModel[];

  @Field(() => [ReportMeasuresModel], {
    description: 'Measures per type; types with nothing offered, started or ended are left out',
  })
  measures: ReportMeasuresModel[];

  @Field(() => [ReportOccupationAfterMeasureModel], {
    description:
      'Occupation after the measures that ended in the month, per type and occupation; ' +
      'pairs without a measure are left out',
  })
  occupationAfterMeasures: ReportOccupationAfterMeasureModel[];

  @Field(() => [ReportActivitiesModel], {
    description: 'Activities per kind, with attendance by age band; kinds not held are left out',
  })
  activities: ReportActivitiesModel[];

  @Field(() => ReportNetworkMeetingsModel)
  networkMeetings: ReportNetworkMeetingsModel;

  @Field(() => [ReportClosureDestinationModel], {
    description:
      'Closures to work by occupation field and to studies by programme; destinations without a closure are left out',
  })
  closureDestinations: ReportClosureDestinationModel[];
}

@ObjectType('MonthlyReportTotals', {
  description:
    'Distinct young people over the whole period (fromMonth..toMonth), so not the sum of the ' +
    'months: someone reached in two months counts once. The target group is the register size ' +
    'youngPeopleInRegister, taken over the period.',
})
export class MonthlyReportTotalsModel {
  @Field(() => ReportCellModel, {
    description:
      'The target group: distinct young people with a KAA period of the municipality open at any ' +
      'time in the period (entry date on or before its last day, no exit date or an exit date on ' +
      'or after its first day)',
  })
  youngPeopleInRegister: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Distinct young people with at least one contact (either direction) with outcome REACHED in the period',
  })
  youngPeopleReached: ReportCellModel;

  @Field(() => ReportCellModel, {
    description:
      'Distinct young people with at least one outbound HOME_VISIT contact attempt in the period, any outcome',
  })
  youngPeopleVisited: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Of the target group, those reached in the period, in percent of the target group',
  })
  youngPeopleReachedShare: ReportCellModel;

  @Field(() => ReportCellModel, {
    description: 'Of the target group, those visited in the period, in percent of the target group',
  })
  youngPeopleVisitedShare: ReportCellModel;
}

@ObjectType('ReportSummerJobs', {
  description: 'Summer-job offers of one year and sector (feriejobb)',
})
export class ReportSummerJobsModel {
  @Field(() => Int)
  year: number;

  @Field(() => SummerJobSector)
  sector: SummerJobSector;

  @Field(() => ReportCellModel, {
    description: 'Positions offered that year (counts positions, not people: never suppressed)',
  })
  positions: ReportCellModel;

  @Field(() => ReportCellModel, { description: 'Young people placed in those positions' })
  placements: ReportCellModel;
}

@ObjectType('MonthlyReport', {
  description:
    "The KAA monthly report (seeds/004) of the caller's municipality: aggregates only, no personal data",
})
export class MonthlyReportModel {
  @Field()
  municipalityCode: string;

  @Field()
  fromMonth: string;

  @Field()
  toMonth: string;

  @Field({
    description:
      'True when cells counting fewer than 5 people are shown as "<5" (everyone but the youth team)',
  })
  smallCountsSuppressed: boolean;

  @Field(() => [MonthlyReportMonthModel])
  months: MonthlyReportMonthModel[];

  @Field(() => MonthlyReportTotalsModel, {
    description: 'Distinct young people over the whole period, with the same suppression',
  })
  totals: MonthlyReportTotalsModel;

  @Field(() => [ReportMeasuresModel], {
    description:
      'Measures per type over the whole period, for the types any month has: the sums of the ' +
      'months, suppressed when a month is (a month without the type counts as 0, suppressed too)',
  })
  measureTotals: ReportMeasuresModel[];

  @Field(() => [ReportOccupationAfterMeasureModel], {
    description:
      'Occupation after a measure ended over the whole period, for the type and occupation pairs ' +
      'any month has: the sums of the months, suppressed when a month is (a month without the ' +
      'pair counts as 0, suppressed too)',
  })
  occupationAfterMeasureTotals: ReportOccupationAfterMeasureModel[];

  @Field(() => [ReportActivitiesModel], {
    description:
      'Activities per kind over the whole period, for the kinds any month has: the sums of the months',
  })
  activityTotals: ReportActivitiesModel[];

  @Field(() => ReportNetworkMeetingsModel, {
    description: 'Professional and network meetings over the whole period',
  })
  networkMeetingTotals: ReportNetworkMeetingsModel;

  @Field(() => [ReportClosureDestinationModel], {
    description:
      'Closures by destination over the whole period, for the destinations any month has: the ' +
      'sums of the months, suppressed when a month is (a month without it counts as 0)',
  })
  closureDestinationTotals: ReportClosureDestinationModel[];

  @Field(() => [ReportSummerJobsModel], {
    description: 'Summer jobs per year touched by the range and sector',
  })
  summerJobs: ReportSummerJobsModel[];
}

@ObjectType('MonthlyReportCsv', { description: 'The monthly report as CSV text' })
export class MonthlyReportCsvModel {
  @Field()
  fileName: string;

  @Field({
    description:
      'RFC 4180 CSV, comma-separated: one row per figure, one column per month (the layout of ' +
      'seeds/004), the same cells and suppression as monthlyReport. Summer-job rows repeat the ' +
      "year's figure in every month of that year.",
  })
  csv: string;
}
