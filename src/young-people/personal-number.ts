import { BadInputError } from '../core/errors/domain-error';

/**
 * Swedish personnummer and samordningsnummer (coordination number: day + 60).
 * Accepted forms: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN,
 * YYYYMMDDNNNN, YYYYMMDD-NNNN. Stored as 12 digits.
 */
export interface PersonalNumber {
  /** YYYYMMDDNNNN; for a samordningsnummer the day keeps its +60. */
  normalised: string;
  birthDate: string;
  coordinationNumber: boolean;
}

export type PersonalNumberProblem = 'FORMAT' | 'DATE' | 'CHECK_DIGIT' | 'FUTURE_DATE';

const PROBLEM_MESSAGES: Record<PersonalNumberProblem, string> = {
  FORMAT: 'must be 10 or 12 digits, optionally with "-" or "+" before the last four',
  DATE: 'does not contain a valid date of birth',
  CHECK_DIGIT: 'has a wrong check digit',
  FUTURE_DATE: 'has a date of birth in the future',
};

/** `today` is the Swedish calendar date (Clock.today()): the century and "born in the future" follow it. */
export function parsePersonalNumber(
  input: string,
  today: string,
): PersonalNumber | PersonalNumberProblem {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(input.trim());
  if (!m) return 'FORMAT';
  const [, century, yy, mm, dd, sep, serial, check] = m;
  if (century && sep === '+') return 'FORMAT';
  const day = Number(dd);
  const coordinationNumber = day > 60;
  const realDay = coordinationNumber ? day - 60 : day;
  const year = century
    ? Number(century + yy)
    : inferYear(Number(yy), Number(mm), realDay, sep === '+', today);
  if (!isValidDate(year, Number(mm), realDay)) return 'DATE';
  if (luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(check)) return 'CHECK_DIGIT';
  const birthDate = `${year}-${mm}-${String(realDay).padStart(2, '0')}`;
  if (birthDate > today) return 'FUTURE_DATE';
  return { normalised: `${year}${mm}${dd}${serial}${check}`, birthDate, coordinationNumber };
}

/** Parses or throws BAD_USER_INPUT naming the problem (never echoing the number itself). */
export function requirePersonalNumber(input: string, field: string, today: string): PersonalNumber {
  const parsed = parsePersonalNumber(input, today);
  if (typeof parsed === 'string') {
    throw new BadInputError(`${field} ${PROBLEM_MESSAGES[parsed]}`, { field, problem: parsed });
  }
  return parsed;
}

export function personalNumberProblemMessage(problem: PersonalNumberProblem): string {
  return PROBLEM_MESSAGES[problem];
}

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let v = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Ten-digit numbers omit the century: the person is the most recent one with that
 * date who is not born in the future, or 100 years older when '+' is used.
 */
function inferYear(
  yy: number,
  mm: number,
  dd: number,
  centenarian: boolean,
  today: string,
): number {
  const thisYear = Number(today.slice(0, 4));
  let year = Math.floor(thisYear / 100) * 100 + yy;
  const candidate = `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  if (year > thisYear || candidate > today) year -= 100;
  return centenarian ? year - 100 : year;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
