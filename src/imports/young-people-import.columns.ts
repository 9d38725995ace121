import { ProgrammeType, SchoolingStatus } from '../young-people/schooling.entity';
import { parsePersonalNumber, personalNumberProblemMessage } from '../young-people/personal-number';
import { isCalendarDate } from '../core/clock/stockholm-calendar';

/**
 * The CSV columns of a young-people import (school lists, population-register
 * extracts). Header names are matched case-insensitively, in any order; the first four
 * are required, the rest optional. See README.md.
 */
export const IMPORT_COLUMNS = [
  'personnummer',
  'given_name',
  'family_name',
  'home_municipality',
  'address',
  'postal_code',
  'city',
  'phone',
  'email',
  'preferred_language',
  'protected_identity',
  'school',
  'programme_code',
  'programme_type',
  'start_date',
  'end_date',
  'status',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: ImportColumn[] = [
  'personnummer',
  'given_name',
  'family_name',
  'home_municipality',
];
const SCHOOLING_COLUMNS: ImportColumn[] = [
  'school',
  'programme_code',
  'programme_type',
  'start_date',
  'end_date',
  'status',
];

export enum ImportProblemCode {
  MISSING_COLUMN = 'MISSING_COLUMN',
  UNKNOWN_COLUMN = 'UNKNOWN_COLUMN',
  DUPLICATE_COLUMN = 'DUPLICATE_COLUMN',
  FIELD_COUNT = 'FIELD_COUNT',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  INVALID_FORMAT = 'INVALID_FORMAT',
  INVALID_VALUE = 'INVALID_VALUE',
  INVALID_DATE = 'INVALID_DATE',
  PERSONAL_NUMBER_FORMAT = 'PERSONAL_NUMBER_FORMAT',
  PERSONAL_NUMBER_DATE = 'PERSONAL_NUMBER_DATE',
  PERSONAL_NUMBER_CHECK_DIGIT = 'PERSONAL_NUMBER_CHECK_DIGIT',
  PERSONAL_NUMBER_FUTURE_DATE = 'PERSONAL_NUMBER_FUTURE_DATE',
  OTHER_MUNICIPALITY = 'OTHER_MUNICIPALITY',
  END_BEFORE_START = 'END_BEFORE_START',
  STATUS_END_DATE_MISMATCH = 'STATUS_END_DATE_MISMATCH',
  DUPLICATE_IN_FILE = 'DUPLICATE_IN_FILE',
  /** A warning: the person is already in the register; only the schooling is added. */
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  /** A warning (named sources): the row is about someone who is not the register's resident; skipped. */
  NOT_IN_REGISTER = 'NOT_IN_REGISTER',
  /** A warning (population extract): moved to a municipality outside the deployment. */
  MOVED_OUTSIDE_DEPLOYMENT = 'MOVED_OUTSIDE_DEPLOYMENT',
  UNTERMINATED_QUOTE = 'UNTERMINATED_QUOTE',
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
  EMPTY_FILE = 'EMPTY_FILE',
}

/** One problem, by file row (the header is row 1) and column; never the value itself. */
export interface ImportProblem {
  row: number;
  column: string | null;
  code: ImportProblemCode;
  message: string;
}

export interface ImportRow {
  row: number;
  personalNumber: string;
  birthDate: string;
  coordinationNumber: boolean;
  givenName: string;
  familyName: string;
  homeMunicipalityCode: string;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  protectedIdentity: boolean;
  schooling: {
    schoolName: string;
    programmeCode: string;
    programmeType: ProgrammeType;
    startDate: string;
    endDate: string | null;
    status: SchoolingStatus;
  } | null;
}

/** Maps header names to field positions, or reports what is wrong with the header. */
export function readHeader(fields: string[]): {
  index: Map<ImportColumn, number>;
  problems: ImportProblem[];
} {
  const index = new Map<ImportColumn, number>();
  const problems: ImportProblem[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push(problem(1, raw.trim(), ImportProblemCode.UNKNOWN_COLUMN, 'unknown column'));
    } else if (index.has(name as ImportColumn)) {
      problems.push(problem(1, name, ImportProblemCode.DUPLICATE_COLUMN, 'column given twice'));
    } else {
      index.set(name as ImportColumn, i);
    }
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!index.has(c))
      problems.push(problem(1, c, ImportProblemCode.MISSING_COLUMN, 'required column missing'));
  }
  return { index, problems };
}

export function problem(
  row: number,
  column: string | null,
  code: ImportProblemCode,
  message: string,
): ImportProblem {
  return { row, column, code, message };
}

const POSTAL_CODE = /^(\d{3}) ?(\d{2})$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROGRAMME_CODE = /^[A-Z0-9]{2,10}$/;
const TRUE_VALUES = ['true', '1', 'ja', 'yes', 'j', 'x'];
const FALSE_VALUES = ['', 'false', '0', 'nej', 'no', 'n'];

/**
 * Validates one record. Returns the row, or the problems found (every column is
 * checked, so one pass reports everything wrong with the row).
 */
export function validateRow(
  record: { line: number; fields: string[] },
  index: Map<ImportColumn, number>,
  municipalityAllowed: (code: string) => boolean,
  today: string,
): ImportRow | ImportProblem[] {
  const row = record.line;
  const problems: ImportProblem[] = [];
  const add = (column: ImportColumn, code: ImportProblemCode, message: string) =>
    problems.push(problem(row, column, code, message));
  const value = (c: ImportColumn): string => {
    const i = index.get(c);
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  const text = (c: ImportColumn, max: number, required = false): string | null => {
    const v = value(c);
    if (v === '') {
      if (required) add(c, ImportProblemCode.REQUIRED, 'value required');
      return null;
    }
    if (v.length > max) add(c, ImportProblemCode.TOO_LONG, `at most ${max} characters`);
    return v;
  };
  const pattern = (c: ImportColumn, re: RegExp, what: string): string | null => {
    const v = value(c);
    if (v === '') return null;
    if (!re.test(v)) add(c, ImportProblemCode.INVALID_FORMAT, `must be ${what}`);
    return v;
  };

  const pn = parsePersonalNumber(value('personnummer'), today);
  if (value('personnummer') === '')
    add('personnummer', ImportProblemCode.REQUIRED, 'value required');
  else if (typeof pn === 'string') {
    add(
      'personnummer',
      ImportProblemCode[`PERSONAL_NUMBER_${pn}` as keyof typeof ImportProblemCode],
      `personnummer ${personalNumberProblemMessage(pn)}`,
    );
  }
  const givenName = text('given_name', 100, true);
  const familyName = text('family_name', 100, true);
  const municipality = value('home_municipality');
  if (municipality === '') add('home_municipality', ImportProblemCode.REQUIRED, 'value required');
  else if (!/^\d{4}$/.test(municipality)) {
    add('home_municipality', ImportProblemCode.INVALID_FORMAT, 'must be a 4-digit kommunkod');
  } else if (!municipalityAllowed(municipality)) {
    add('home_municipality', ImportProblemCode.OTHER_MUNICIPALITY, 'must be your own municipality');
  }
  const streetAddress = text('address', 200);
  const postal = pattern('postal_code', POSTAL_CODE, 'five digits, e.g. 231 42');
  const city = text('city', 100);
  const phone = pattern('phone', PHONE, 'a phone number');
  const email = pattern('email', EMAIL, 'an e-mail address');
  if (email && email.length > 254)
    add('email', ImportProblemCode.TOO_LONG, 'at most 254 characters');
  const preferredLanguage = text('preferred_language', 50);
  const protectedRaw = value('protected_identity').toLowerCase();
  const protectedIdentity = TRUE_VALUES.includes(protectedRaw);
  if (!protectedIdentity && !FALSE_VALUES.includes(protectedRaw)) {
    add('protected_identity', ImportProblemCode.INVALID_VALUE, 'must be true/false (ja/nej)');
  }

  let schooling: ImportRow['schooling'] = null;
  if (SCHOOLING_COLUMNS.some((c) => value(c) !== '')) {
    const schoolName = text('school', 200, true);
    const programmeCode = value('programme_code').toUpperCase();
    if (programmeCode === '') add('programme_code', ImportProblemCode.REQUIRED, 'value required');
    else if (!PROGRAMME_CODE.test(programmeCode)) {
      add(
        'programme_code',
        ImportProblemCode.INVALID_FORMAT,
        'must be 2–10 letters or digits, e.g. NA or IMV',
      );
    }
    const programmeType = value('programme_type').toUpperCase();
    if (programmeType === '') add('programme_type', ImportProblemCode.REQUIRED, 'value required');
    else if (!(Object.values(ProgrammeType) as string[]).includes(programmeType)) {
      add(
        'programme_type',
        ImportProblemCode.INVALID_VALUE,
        `must be one of ${Object.values(ProgrammeType).join(', ')}`,
      );
    }
    const startDate = value('start_date');
    if (startDate === '') add('start_date', ImportProblemCode.REQUIRED, 'value required');
    else if (!isCalendarDate(startDate))
      add('start_date', ImportProblemCode.INVALID_DATE, 'must be a date YYYY-MM-DD');
    const endDate = value('end_date');
    if (endDate !== '' && !isCalendarDate(endDate)) {
      add('end_date', ImportProblemCode.INVALID_DATE, 'must be a date YYYY-MM-DD');
    } else if (endDate !== '' && isCalendarDate(startDate) && endDate < startDate) {
      add('end_date', ImportProblemCode.END_BEFORE_START, 'must not be before start_date');
    }
    const status = value('status').toUpperCase();
    if (status === '') add('status', ImportProblemCode.REQUIRED, 'value required');
    else if (!(Object.values(SchoolingStatus) as string[]).includes(status)) {
      add(
        'status',
        ImportProblemCode.INVALID_VALUE,
        `must be one of ${Object.values(SchoolingStatus).join(', ')}`,
      );
    } else if ((status === SchoolingStatus.ACTIVE) !== (endDate === '')) {
      add(
        'status',
        ImportProblemCode.STATUS_END_DATE_MISMATCH,
        'ACTIVE exactly when end_date is empty',
      );
    }
    schooling = {
      schoolName: schoolName ?? '',
      programmeCode,
      programmeType: programmeType as ProgrammeType,
      startDate,
      endDate: endDate || null,
      status: status as SchoolingStatus,
    };
  }

  if (problems.length > 0 || typeof pn === 'string') return problems;
  const m = POSTAL_CODE.exec(postal ?? '');
  return {
    row,
    personalNumber: pn.normalised,
    birthDate: pn.birthDate,
    coordinationNumber: pn.coordinationNumber,
    givenName: givenName!,
    familyName: familyName!,
    homeMunicipalityCode: municipality,
    streetAddress,
    postalCode: m ? `${m[1]} ${m[2]}` : null,
    city,
    phone,
    email,
    preferredLanguage,
    protectedIdentity,
    schooling,
  };
}
