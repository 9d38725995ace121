import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application's clock for timestamps that must order writes inside one transaction
 * (the access log, case notes, referral transitions): clock_timestamp() plus the same
 * offset as app_now(), so a pinned clock is coherent for these too.
 */
export class ClockTimestamps1764600050000 implements MigrationInterface {
  name = 'ClockTimestamps1764600050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_clock_timestamp() RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
        SELECT clock_timestamp() + make_interval(secs => coalesce(nullif(current_setting('app.clock_offset', true), ''), '0')::float8)
      $$`);
    await this.setDefaults(q, 'clock_timestamp()', 'app_clock_timestamp()');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.setDefaults(q, 'app_clock_timestamp()', 'clock_timestamp()');
    await q.query(`DROP FUNCTION app_clock_timestamp()`);
  }

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
