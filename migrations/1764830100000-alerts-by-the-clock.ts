import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts by the clock: when the alerts job told about a consent ending soon and about a
 * task falling due, so each is told once, also when the job catches up after downtime.
 */
export class AlertsByTheClock1764830100000 implements MigrationInterface {
  name = 'AlertsByTheClock1764830100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent ADD COLUMN ending_notified_at timestamptz`);
    await q.query(`ALTER TABLE case_task ADD COLUMN due_notified_at timestamptz`);
    await q.query(`CREATE INDEX case_task_due_pending_idx ON case_task (due_date)
      WHERE status = 'OPEN' AND due_notified_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_task_due_pending_idx`);
    await q.query(`ALTER TABLE case_task DROP COLUMN due_notified_at`);
    await q.query(`ALTER TABLE consent DROP COLUMN ending_notified_at`);
  }
}
