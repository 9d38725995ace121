import fc from 'fast-check';
import { Clock } from '../../src/core/clock/clock';
import {
  addDays,
  addYears,
  ageOn,
  startOfStockholmDay,
  stockholmDate,
} from '../../src/core/clock/stockholm-calendar';
import { ConsentGiver } from '../../src/consent/consent-category';
import { missingConsent } from '../../src/consent/consent-policy';
import {
  belongsInRegister,
  exitReasonFor,
  SchoolingFact,
} from '../../src/kaa-register/register-rules';
import {
  BELONGS_IN_REGISTER_SQL,
  SHOULD_LEAVE_SQL,
} from '../../src/kaa-register/register-rules.sql';
import { ProgrammeType, SchoolingStatus } from '../../src/young-people/schooling.entity';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Rules that exist both in SQL and in TypeScript, checked against each other over
 * generated dates and facts: birthdays (29 February included), month and year ends and
 * the daylight saving changes are generated on purpose, not only by chance.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1995, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2035, 11, 31) / DAY;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const anyDay = fc
  .integer({ min: FIRST_DAY, max: LAST_DAY })
  .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const leapDay = fc
  .integer({ min: 1996, max: 2032 })
  .filter(isLeap)
  .map((y) => `${y}-02-29`);
const monthEnd = fc
  .tuple(fc.integer({ min: 1996, max: 2034 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => addDays(`${y}-${String(m).padStart(2, '0')}-01`, -1));
const birthDate = fc.oneof(anyDay, leapDay, monthEnd);
/** A date near a birthday (the interesting one) or anywhere. */
const onDateFor = (birth: string) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: -2, max: 2 }))
      .map(([years, days]) => addDays(addYears(birth, years), days)),
    anyDay,
  );
// Ages of people not yet born mean nothing (the functions differ there, harmlessly).
const birthAndDay = birthDate
  .chain((b) => fc.tuple(fc.constant(b), onDateFor(b)))
  .filter(([b, on]) => on >= b);

/** Instants around Swedish midnight and the DST changes (last Sundays of March and October). */
const lastSunday = (y: number, m: number) => {
  const last = new Date(Date.UTC(y, m, 0));
  return Date.UTC(y, m - 1, last.getUTCDate() - last.getUTCDay());
};
const instant = fc.oneof(
  fc.integer({ min: FIRST_DAY * DAY, max: LAST_DAY * DAY }),
  fc
    .tuple(anyDay, fc.integer({ min: -3 * 3600_000, max: 3 * 3600_000 }))
    .map(([d, ms]) => startOfStockholmDay(d).getTime() + ms),
  fc
    .tuple(
      fc.integer({ min: 1996, max: 2034 }),
      fc.constantFrom(3, 10),
      fc.integer({ min: -26 * 3600_000, max: 26 * 3600_000 }),
    )
    .map(([y, m, ms]) => lastSunday(y, m) + ms),
);

describe('rules written in SQL and in TypeScript agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Runs `sql` with the database clock's today pinned to `today` (Swedish date). */
  async function onDay<T>(today: string, sql: string, values: unknown[]): Promise<T> {
    await t.db.query(
      `SELECT set_config('app.clock_offset',
         extract(epoch FROM (($1::date + time '12:00') AT TIME ZONE 'Europe/Stockholm') - now())::text, false)`,
      [today],
    );
    const { rows } = await t.db.query(sql, values);
    return rows[0] as T;
  }

  afterEach(() => t.db.query(`RESET app.clock_offset`));

  it('age in whole years: age_on() and ageOn()', async () => {
    await fc.assert(
      fc.asyncProperty(birthAndDay, async ([birth, on]) => {
        const { rows } = await t.db.query(`SELECT age_on($1::date, $2::date) AS age`, [birth, on]);
        expect([birth, on, rows[0].age]).toEqual([birth, on, ageOn(birth, on)]);
      }),
      { numRuns: RUNS },
    );
  });

  it('the Swedish date of an instant and the start of a Swedish day', async () => {
    await fc.assert(
      fc.asyncProperty(instant, async (ms) => {
        const at = new Date(ms);
        const date = stockholmDate(at);
        const { rows } = await t.db.query(
          `SELECT stockholm_date($1::timestamptz)::text AS date, stockholm_day_start($2::date) AS start`,
          [at.toISOString(), date],
        );
        expect([at.toISOString(), rows[0].date]).toEqual([at.toISOString(), date]);
        expect(rows[0].start.getTime()).toBe(startOfStockholmDay(date).getTime());
      }),
      { numRuns: RUNS },
    );
  });

  it("the database's clock is the application's clock, pinned anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(instant, async (ms) => {
        const clock = Clock.pinnedAt(new Date(ms));
        await t.db.query(`SELECT set_config('app.clock_offset', $1, false)`, [
          (clock.offsetMs / 1000).toFixed(3),
        ]);
        const { rows } = await t.db.query(
          `SELECT app_today()::text AS today, extract(epoch FROM app_now()) * 1000 AS now`,
        );
        // A pin within two seconds of a midnight (either side) may legitimately straddle
        // it while the clock runs on; skip those.
        const day = stockholmDate(new Date(ms));
        const nearMidnight =
          ms - startOfStockholmDay(day).getTime() < 2000 ||
          startOfStockholmDay(addDays(day, 1)).getTime() - ms < 2000;
        if (!nearMidnight) expect(rows[0].today).toBe(clock.today());
        expect(Math.abs(Number(rows[0].now) - clock.now().getTime())).toBeLessThan(2000);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('consent sufficiency by age: consent_is_sufficient() and missingConsent()', async () => {
    const givers = fc.subarray(Object.values(ConsentGiver));
    const policy = fc.record({
      ownConsentFromAge: fc.integer({ min: 12, max: 18 }),
      guardianAlsoRequired: fc.boolean(),
      bothGuardiansRequired: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(givers, policy, birthAndDay, async (givenBy, p, [birth, on]) => {
        const { rows } = await t.db.query(
          `SELECT consent_is_sufficient($1::text[], age_on($2::date, $3::date), $4, $5, $6) AS ok`,
          [
            givenBy,
            birth,
            on,
            p.ownConsentFromAge,
            p.guardianAlsoRequired,
            p.bothGuardiansRequired,
          ],
        );
        const age = ageOn(birth, on);
        expect([givenBy, age, p, rows[0].ok]).toEqual([
          givenBy,
          age,
          p,
          missingConsent(givenBy, age, p).length === 0,
        ]);
      }),
      { numRuns: RUNS },
    );
  });

  it('the KAA register rules: register-rules.sql.ts and register-rules.ts', async () => {
    const schoolingFact = fc.record({
      programmeType: fc.constantFrom(...Object.values(ProgrammeType)),
      status: fc.constantFrom(...Object.values(SchoolingStatus)),
    });
    const facts = fc.record({
      person: fc
        .integer({ min: 14, max: 22 })
        .chain((age) => fc.tuple(fc.constant(age), birthDate, fc.integer({ min: -2, max: 2 }))),
      home: fc.constantFrom('1287', '1280'),
      period: fc.constantFrom('1287', '1280'),
      schooling: fc.array(schoolingFact, { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(facts, async (f) => {
        const [age, birth, days] = f.person;
        // Today is near the birthday that makes the person `age`.
        const today = addDays(addYears(birth, age), days);
        const schooling: SchoolingFact[] = f.schooling;
        const row = await onDay<{ belongs: boolean; leaves: boolean }>(
          today,
          `WITH schooling (young_person_id, programme_type, status) AS (
             SELECT '00000000-0000-0000-0000-000000000001'::uuid, t, s
               FROM unnest($3::text[], $4::text[]) AS x(t, s)),
           yp AS (SELECT '00000000-0000-0000-0000-000000000001'::uuid AS id,
                         $1::date AS birth_date, $2::text AS home_municipality_code),
           kp AS (SELECT $5::text AS municipality_code)
           SELECT ${BELONGS_IN_REGISTER_SQL} AS belongs, ${SHOULD_LEAVE_SQL} AS leaves FROM yp, kp`,
          [
            birth,
            f.home,
            schooling.map((s) => s.programmeType),
            schooling.map((s) => s.status),
            f.period,
          ],
        );
        const exactAge = ageOn(birth, today);
        expect({ today, ...row }).toEqual({
          today,
          belongs: belongsInRegister(exactAge, schooling),
          leaves:
            exitReasonFor({
              age: exactAge,
              homeMunicipalityCode: f.home,
              periodMunicipalityCode: f.period,
              schooling,
            }) !== null,
        });
      }),
      { numRuns: RUNS },
    );
  });
});
