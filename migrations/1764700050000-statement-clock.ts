import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request is now one transaction (request-transaction.ts), and now() stands still for
 * a whole transaction while the TypeScript clock runs on: a consent recorded at the
 * TypeScript clock's instant would look "not yet valid" to a later statement of the same
 * request. app_now() follows each statement's start instead, still one instant per
 * statement.
 */
export class StatementClock1764700050000 implements MigrationInterface {
  name = 'StatementClock1764700050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(this.appNow('statement_timestamp()'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(this.appNow('now()'));
  }

  private appNow(base: string): string {
    return `
      CREATE OR REPLACE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT ${base} + make_interval(secs => coalesce(nullif(current_setting('app.clock_offset', true), ''), '0')::float8)
      $$`;
  }
}
