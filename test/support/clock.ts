import { clockFromEnv } from '../../src/core/clock/clock';
import { addDays, addYears } from '../../src/core/clock/stockholm-calendar';

/**
 * The tests' clock: the same as the app's in a run pinned with APP_NOW, so fixtures
 * ("three days ago", "due in a week") mean the same to both. Timeouts use real time.
 */
export const testClock = clockFromEnv(process.env.APP_NOW, 'test');

/** The birth date of someone who turned `age` `daysPast` days before today (Swedish dates). */
export function birthDateTurning(age: number, daysPast = 0): string {
  return addDays(addYears(testClock.today(), -age), -daysPast);
}

/** The first day of the month `months` after (negative: before) the month of a date. */
export function monthStart(date: string, months = 0): string {
  const m = +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1) + months;
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}
