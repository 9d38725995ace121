import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring log sample checks (loggkontroll, IMY's guidance; HSLF-FS 2016:40 as the model):
 * per municipality and period, N reads of its residents' data drawn at random; the auditor
 * marks each as justified or as a deviation with a comment, then signs the check off. The
 * items point at access-log rows by id; nothing here names a person.
 */
export class LogSampleChecks1764912300000 implements MigrationInterface {
  name = 'LogSampleChecks1764912300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE log_sample_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        period_start date NOT NULL,
        period_end date NOT NULL,
        sample_size integer NOT NULL CHECK (sample_size BETWEEN 1 AND 200),
        drawn_at timestamptz NOT NULL DEFAULT app_now(),
        drawn_by_user_id uuid REFERENCES app_user(id),
        signed_off_at timestamptz,
        signed_off_by_user_id uuid REFERENCES app_user(id),
        sign_off_comment text CHECK (length(sign_off_comment) BETWEEN 1 AND 2000),
        CHECK (period_end > period_start),
        CHECK ((signed_off_at IS NULL) = (signed_off_by_user_id IS NULL)),
        UNIQUE (municipality_code, period_start, period_end)
      )`);
    await q.query(
      `CREATE INDEX log_sample_check_list_idx ON log_sample_check (municipality_code, period_start DESC, id)`,
    );
    await q.query(`
      CREATE TABLE log_sample_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        check_id uuid NOT NULL REFERENCES log_sample_check(id) ON DELETE CASCADE,
        access_log_id bigint NOT NULL REFERENCES access_log(id),
        verdict text CHECK (verdict IN ('JUSTIFIED', 'DEVIATION')),
        comment text CHECK (length(comment) BETWEEN 1 AND 2000),
        reviewed_by_user_id uuid REFERENCES app_user(id),
        reviewed_at timestamptz,
        CHECK (verdict IS DISTINCT FROM 'DEVIATION' OR comment IS NOT NULL),
        CHECK ((verdict IS NULL) = (reviewed_at IS NULL)),
        UNIQUE (check_id, access_log_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE log_sample_item`);
    await q.query(`DROP TABLE log_sample_check`);
  }
}
