import { Injectable } from '@nestjs/common';
import { Args, ArgsType, Field, Query, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { Clock } from '../../core/clock/clock';
import { addYears, isCalendarDate } from '../../core/clock/stockholm-calendar';
import { BadInputError } from '../../core/errors/domain-error';
import { SqlParams, youthRegisterPeopleSql } from '../../outreach/youth-register-scope';
import {
  ExportFileModel,
  ExportFormat,
  TableColumn,
  tableFile,
} from '../../reports/document/table-file';
import { KAA_REGISTER } from '../../young-people/young-person-fields';
import { KaaEntryReason, KaaExitReason } from '../kaa-period.entity';
import { OccupationCategory } from '../occupation.entity';
import { registerExportSql } from './register-export.sql';

export const MAX_REGISTER_EXPORT_ROWS = 10000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ArgsType()
export class RegisterExportArgs {
  @Field(() => ExportFormat)
  @IsEnum(ExportFormat)
  format: ExportFormat;

  @Field({
    nullable: true,
    description: 'The periods open on this Swedish date (YYYY-MM-DD); the default is today',
  })
  @IsOptional()
  @Matches(DATE, { message: 'onDate must be a date YYYY-MM-DD' })
  onDate?: string;

  @Field({ nullable: true, description: 'With `to`: the periods open at any time from this date' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true, description: 'With `from`: …to this date, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

interface RegisterRow {
  period_id: string;
  young_person_id: string;
  personal_number: string | null;
  given_name: string | null;
  family_name: string | null;
  age: number | null;
  entry_date: string;
  entry_reason: KaaEntryReason;
  exit_date: string | null;
  exit_reason: KaaExitReason | null;
  responsible_name: string | null;
  next_follow_up_date: string | null;
  occupation: OccupationCategory;
  contact_shown: boolean;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
}

const ENTRY_REASONS: Record<KaaEntryReason, string> = {
  NEVER_STARTED: 'Har inte börjat gymnasiet',
  INTERRUPTED_STUDIES: 'Avbrutna studier',
  MOVED_IN: 'Inflyttad',
  STUDY_CERTIFICATE_ONLY: 'Studiebevis utan examen',
};
const EXIT_REASONS: Record<KaaExitReason, string> = {
  STARTED_STUDIES: 'Började studera',
  COMPLETED_STUDIES: 'Slutförda studier',
  TURNED_20: 'Fyllt 20',
  MOVED_AWAY: 'Utflyttad',
  OTHER: 'Annat',
};
const OCCUPATIONS: Record<OccupationCategory, string> = {
  STUDIES: 'Studier',
  WORK: 'Arbete',
  INTERNSHIP: 'Praktik',
  LABOUR_OFFICE_PROGRAMME: 'Arbetsförmedlingens program',
  MUNICIPAL_MEASURE: 'Kommunal insats',
  PARENTAL_LEAVE: 'Föräldraledig',
  SICK: 'Sjukskriven',
  ABROAD: 'Utomlands',
  NOTHING: 'Ingen sysselsättning',
  UNKNOWN: 'Okänd',
};

/** "YYYYMMDD-NNNN", the form IKE and the schools' lists use. */
const personnummer = (pn: string | null) => (pn ? `${pn.slice(0, 8)}-${pn.slice(8)}` : null);

const CONTACT_FIELDS = ['streetAddress', 'postalCode', 'city', 'phone'];
/** Swedish headings and, beside each, the field the access log names for it. */
const COLUMNS: [...TableColumn<RegisterRow>, string | null][] = [
  ['Personnummer', (r) => personnummer(r.personal_number), 'personalNumber'],
  ['Förnamn', (r) => r.given_name, 'givenName'],
  ['Efternamn', (r) => r.family_name, 'familyName'],
  ['Ålder', (r) => r.age, 'birthDate'],
  ['Adress', (r) => r.street_address, null],
  ['Postnummer', (r) => r.postal_code, null],
  ['Ort', (r) => r.city, null],
  ['Telefon', (r) => r.phone, null],
  ['Inskriven', (r) => r.entry_date, 'kaaPeriod.entryDate'],
  ['Inskrivningsorsak', (r) => ENTRY_REASONS[r.entry_reason], 'kaaPeriod.entryReason'],
  ['Utskriven', (r) => r.exit_date, 'kaaPeriod.exitDate'],
  [
    'Utskrivningsorsak',
    (r) => (r.exit_reason ? EXIT_REASONS[r.exit_reason] : null),
    'kaaPeriod.exitReason',
  ],
  ['Sysselsättning', (r) => OCCUPATIONS[r.occupation], 'occupation'],
  ['Ansvarig', (r) => r.responsible_name, 'responsibleUserId'],
  ['Nästa uppföljning', (r) => r.next_follow_up_date, 'nextFollowUpDate'],
];

/**
 * The coordinator's KAA register as CSV or XLSX (issue 11): the periods open at a date or
 * over a period, one statement and one access-log entry (EXPORT, every period and young
 * person in the file, the fields it showed and the selection) whatever the row count.
 */
@Injectable()
export class RegisterExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async export(ctx: RequestContext, args: RegisterExportArgs): Promise<ExportFileModel> {
    const { first, last, label } = this.selection(args);
    const scope = youthRegisterPeopleSql(ctx.actor);
    const rows: RegisterRow[] = [];
    if (scope) {
      const p = new SqlParams();
      const sql = registerExportSql({
        municipality: p.add(ctx.actor.municipalityCode),
        scope,
        first: p.add(first),
        last: p.add(last),
        limit: p.add(MAX_REGISTER_EXPORT_ROWS + 1),
      });
      rows.push(...((await this.ds.query(sql, p.values)) as RegisterRow[]));
    }
    if (rows.length > MAX_REGISTER_EXPORT_ROWS)
      throw new BadInputError(
        `More than ${MAX_REGISTER_EXPORT_ROWS} register periods: choose a shorter period`,
        { field: 'from' },
      );
    const fields = COLUMNS.flatMap(([, , field]) => (field ? [field] : []));
    if (rows.some((r) => r.contact_shown)) fields.push(...CONTACT_FIELDS);
    this.log.read(ctx, {
      action: AccessAction.EXPORT,
      subjectType: 'KAA_REGISTER',
      subjectIds: rows.map((r) => r.period_id),
      youngPersonIds: rows.map((r) => r.young_person_id),
      fields: [...fields, `selection:${label}`],
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
    return tableFile(args.format, {
      baseName: `kaa-register-${ctx.actor.municipalityCode}-${label}`,
      sheetName: 'KAA-register',
      columns: COLUMNS.map(([heading, value]) => [heading, value]),
      rows,
    });
  }

  /** onDate, or from and to; today when neither. Dates from 2000 and at most 5 years apart. */
  private selection(args: RegisterExportArgs): { first: string; last: string; label: string } {
    if (args.onDate !== undefined && (args.from !== undefined || args.to !== undefined))
      throw new BadInputError('Give onDate, or from and to, not both', { field: 'onDate' });
    if ((args.from === undefined) !== (args.to === undefined))
      throw new BadInputError('from and to go together', { field: args.from ? 'to' : 'from' });
    for (const field of ['onDate', 'from', 'to'] as const) {
      const value = args[field];
      if (value !== undefined && (!isCalendarDate(value) || value < '2000-01-01'))
        throw new BadInputError(`${field} must be a calendar date from 2000-01-01`, { field });
    }
    if (args.from !== undefined && args.to !== undefined) {
      if (args.to < args.from) throw new BadInputError('to is before from', { field: 'to' });
      if (args.to > addYears(args.from, 5))
        throw new BadInputError('At most five years at a time', { field: 'to' });
      return { first: args.from, last: args.to, label: `${args.from}--${args.to}` };
    }
    const on = args.onDate ?? this.clock.today();
    return { first: on, last: on, label: on };
  }
}

@Resolver()
export class RegisterExportResolver {
  constructor(private readonly exports: RegisterExportService) {}

  @Allow(Action.Read, KAA_REGISTER)
  @Query(() => ExportFileModel, {
    description: `YOUTH_COORDINATOR: the KAA register of the own municipality as CSV or XLSX with Swedish headings: the periods open on onDate (default today) or at any time from \`from\` to \`to\`, one row per period (at most ${MAX_REGISTER_EXPORT_ROWS}), sorted by name. Address and phone where the caller sees them, never for protected identity. Logged as one EXPORT entry.`,
  })
  kaaRegisterExport(@Ctx() ctx: RequestContext, @Args() args: RegisterExportArgs) {
    return this.exports.export(ctx, args);
  }
}
