import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sample item names its access-log row by id without a foreign key: a table referenced
 * by a foreign key answers TRUNCATE with PostgreSQL's own error before the access log's
 * append-only trigger can refuse it, and the log is append-only, so the id stays valid.
 */
export class LogSampleItemPlainLogId1764912500000 implements MigrationInterface {
  name = 'LogSampleItemPlainLogId1764912500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE log_sample_item DROP CONSTRAINT log_sample_item_access_log_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE log_sample_item ADD CONSTRAINT log_sample_item_access_log_id_fkey
      FOREIGN KEY (access_log_id) REFERENCES access_log(id)`);
  }
}
