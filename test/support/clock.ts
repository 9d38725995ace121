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
