import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One clock and one calendar in the database. app_now() is the application's clock
 * (the session setting app.clock_offset carries a pinned clock's offset, see
 * src/core/clock/clock.ts); app_today(), stockholm_date() and age_on() are the Swedish
 * calendar, the same functions as src/core/clock/stockholm-calendar.ts. Column
 * defaults follow the same clock, so a pinned clock is coherent for reads and writes.
 */
export class StockholmClock1764600000000 implements MigrationInterface {
  name = 'StockholmClock1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT now() + make_interval(secs => coalesce(nullif(current_setting('app.clock_offset', true), ''), '0')::float8)
      $$`);
    await q.query(`
      CREATE FUNCTION stockholm_date(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
        SELECT (at AT TIME ZONE 'Europe/Stockholm')::date
      $$`);
    // When a Swedish calendar day begins: a timestamp compared with a date column.
    await q.query(`
      CREATE FUNCTION stockholm_day_start(day date) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
        SELECT (day::timestamp AT TIME ZONE 'Europe/Stockholm')
      $$`);
    await q.query(`
      CREATE FUNCTION app_today() RETURNS date LANGUAGE sql STABLE AS $$ SELECT stockholm_date(app_now()) $$`);
    // Whole years; a 29 February birthday counts from 1 March (as ageOn in TypeScript).
    await q.query(`
      CREATE FUNCTION age_on(birth date, on_date date) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
        SELECT date_part('year', age(on_date, birth))::integer
      $$`);
    await q.query(`
      CREATE OR REPLACE VIEW consent_in_force AS
      SELECT c.id, c.young_person_id, c.municipality_code, c.categories, c.given_by,
             c.valid_from, c.valid_until
        FROM consent c
        JOIN young_person yp ON yp.id = c.young_person_id
        LEFT JOIN consent_policy p ON p.municipality_code = yp.home_municipality_code
       WHERE c.withdrawn_at IS NULL
         AND c.valid_from <= app_now() AND app_now() < c.valid_until
         AND consent_is_sufficient(c.given_by, age_on(yp.birth_date, app_today()),
               coalesce(p.own_consent_from_age, 15),
               coalesce(p.guardian_also_required, false),
               coalesce(p.both_guardians_required, false))`);
    await this.setDefaults(q, 'now()', 'app_now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.setDefaults(q, 'app_now()', 'now()');
    await q.query(`
      CREATE OR REPLACE VIEW consent_in_force AS
      SELECT c.id, c.young_person_id, c.municipality_code, c.categories, c.given_by,
             c.valid_from, c.valid_until
        FROM consent c
        JOIN young_person yp ON yp.id = c.young_person_id
        LEFT JOIN consent_policy p ON p.municipality_code = yp.home_municipality_code
       WHERE c.withdrawn_at IS NULL
         AND c.valid_from <= now() AND now() < c.valid_until
         AND consent_is_sufficient(c.given_by,
               date_part('year', age(current_date, yp.birth_date))::integer,
               coalesce(p.own_consent_from_age, 15),
               coalesce(p.guardian_also_required, false),
               coalesce(p.both_guardians_required, false))`);
    await q.query(`DROP FUNCTION age_on(date, date)`);
    await q.query(`DROP FUNCTION app_today()`);
    await q.query(`DROP FUNCTION stockholm_day_start(date)`);
    await q.query(`DROP FUNCTION stockholm_date(timestamptz)`);
    await q.query(`DROP FUNCTION app_now()`);
  }

  /** Every column default that is the clock: now() ⇄ app_now(). */
  private async setDefaults(q: QueryRunner, from: string, to: string): Promise<void> {
    const columns: { table_name: string; column_name: string }[] = await q.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default = $1`,
      [from],
    );
    for (const c of columns) {
      await q.query(
        `ALTER TABLE "${c.table_name}" ALTER COLUMN "${c.column_name}" SET DEFAULT ${to}`,
      );
    }
  }
}
