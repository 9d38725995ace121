import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly report's answered-within-14-days figure reads each person's contacts of a
 * municipality in time order (a window per person, issue 17 point 4): this index gives that
 * order and the columns it needs without a sort or a visit to the table.
 */
export class ReportContactIndex1765020000002 implements MigrationInterface {
  name = 'ReportContactIndex1765020000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX contact_attempt_report_idx ON contact_attempt (municipality_code, young_person_id, occurred_at)
         INCLUDE (direction, channel, outcome)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contact_attempt_report_idx`);
  }
}
