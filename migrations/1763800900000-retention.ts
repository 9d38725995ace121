import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (gallring, DESIGN.md §7): per-municipality retention periods, the marks the
 * purge leaves on rows it has stripped (so a second run finds nothing), an anonymised
 * young person (no personnummer), and one row per purge run with counts only.
 */
export class Retention1763800900000 implements MigrationInterface {
  name = 'Retention1763800900000';

  async up(q: QueryRunner): Promise<void> {
    // No row means the defaults below (the same numbers as retention-defaults.ts).
    await q.query(`
      CREATE TABLE retention_setting (
        municipality_code char(4) PRIMARY KEY REFERENCES municipality(code),
        kaa_months integer NOT NULL DEFAULT 24 CHECK (kaa_months BETWEEN 0 AND 240),
        closed_case_months integer NOT NULL DEFAULT 24 CHECK (closed_case_months BETWEEN 0 AND 240),
        notice_flag_months integer NOT NULL DEFAULT 12 CHECK (notice_flag_months BETWEEN 0 AND 240),
        withdrawn_consent_months integer NOT NULL DEFAULT 3 CHECK (withdrawn_consent_months BETWEEN 0 AND 240),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // An anonymised person keeps its row (the register events reports count point at it)
    // but loses the personnummer: NULL only together with anonymised_at.
    await q.query(`ALTER TABLE young_person ALTER COLUMN personal_number DROP NOT NULL`);
    await q.query(`ALTER TABLE young_person ADD COLUMN anonymised_at timestamptz`);
    await q.query(`
      ALTER TABLE young_person ADD CONSTRAINT young_person_anonymised_pnr
        CHECK ((personal_number IS NULL) = (anonymised_at IS NOT NULL))`);

    // When the purge stripped a record's personal content (idempotence and counting).
    for (const table of ['joint_case', 'risk_flag', 'school_notice', 'consent']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN content_purged_at timestamptz`);
    }
    await q.query(
      `CREATE INDEX joint_case_purge_idx ON joint_case (municipality_code, closed_at) WHERE status = 'CLOSED' AND content_purged_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX risk_flag_purge_idx ON risk_flag (school_municipality_code, status_changed_at) WHERE status IN ('RESOLVED','ESCALATED') AND content_purged_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX school_notice_purge_idx ON school_notice (home_municipality_code, acknowledged_at) WHERE status = 'ACKNOWLEDGED' AND content_purged_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX consent_purge_idx ON consent (municipality_code, withdrawn_at) WHERE withdrawn_at IS NOT NULL AND content_purged_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX kaa_period_left_idx ON kaa_period (young_person_id, exit_date DESC NULLS FIRST)`,
    );

    await q.query(`
      CREATE TABLE retention_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trigger text NOT NULL CHECK (trigger IN ('SCHEDULE','CLI','API')),
        status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING','COMPLETED','FAILED')),
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        CHECK ((status = 'RUNNING') = (finished_at IS NULL))
      )`);
    await q.query(`CREATE INDEX retention_run_started_idx ON retention_run (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_run`);
    await q.query(`DROP INDEX kaa_period_left_idx`);
    for (const table of ['joint_case', 'risk_flag', 'school_notice', 'consent']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN content_purged_at`);
    }
    await q.query(`ALTER TABLE young_person DROP CONSTRAINT young_person_anonymised_pnr`);
    await q.query(`ALTER TABLE young_person DROP COLUMN anonymised_at`);
    await q.query(`DELETE FROM young_person WHERE personal_number IS NULL`);
    await q.query(`ALTER TABLE young_person ALTER COLUMN personal_number SET NOT NULL`);
    await q.query(`DROP TABLE retention_setting`);
  }
}
