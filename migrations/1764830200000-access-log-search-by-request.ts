import { MigrationInterface, QueryRunner } from 'typeorm';

/** The auditor finds a request's rows by its id (the x-request-id of a response or server log). */
export class AccessLogSearchByRequest1764830200000 implements MigrationInterface {
  name = 'AccessLogSearchByRequest1764830200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX access_log_request_idx ON access_log (request_id) WHERE request_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX access_log_request_idx`);
  }
}
