import { MigrationInterface, QueryRunner } from 'typeorm';

const SAME_CONTENT = `ROW(OLD.id, OLD.occurred_at, OLD.request_id, OLD.actor_user_id, OLD.actor_organisation_id,
                   OLD.actor_municipality_code, OLD.subject_municipality_code, OLD.action, OLD.subject_type,
                   OLD.subject_ids, OLD.young_person_ids, OLD.fields, OLD.legal_basis, OLD.consent_ids)
               IS NOT DISTINCT FROM
               ROW(NEW.id, NEW.occurred_at, NEW.request_id, NEW.actor_user_id, NEW.actor_organisation_id,
                   NEW.actor_municipality_code, NEW.subject_municipality_code, NEW.action, NEW.subject_type,
                   NEW.subject_ids, NEW.young_person_ids, NEW.fields, NEW.legal_basis, NEW.consent_ids)`;

/**
 * Access-log rows are kept for their own period (DESIGN §7, IMY): access_log_years per
 * municipality, 5 unless it sets otherwise, independent of data retention. A row past its
 * period leaves a tombstone with its chain position and hashes, so the chain still links
 * through it (verification and exports treat it as a link) and a removal before its time
 * shows. The append-only trigger lets a sealed row go only once its tombstone is written
 * and its period has passed; everything else stays refused.
 */
export class AccessLogRetention1764912600000 implements MigrationInterface {
  name = 'AccessLogRetention1764912600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE retention_setting
      ADD COLUMN access_log_years integer NOT NULL DEFAULT 5 CHECK (access_log_years BETWEEN 1 AND 100)`);
    await q.query(`
      CREATE FUNCTION access_log_years(municipality text) RETURNS integer
        LANGUAGE sql STABLE AS $$
          SELECT coalesce((SELECT r.access_log_years FROM retention_setting r
                            WHERE r.municipality_code = municipality), 5) $$`);
    await q.query(`
      CREATE TABLE access_log_tombstone (
        seal_seq bigint PRIMARY KEY,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        occurred_at timestamptz NOT NULL,
        municipality_code char(4),
        removed_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    // Only the owner (the retention job) writes tombstones.
    await q.query(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON access_log_tombstone FROM portal_app`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND ${SAME_CONTENT}
        THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND OLD.hash IS NOT NULL
           AND OLD.occurred_at < app_now() - make_interval(years =>
                 access_log_years(coalesce(OLD.subject_municipality_code, OLD.actor_municipality_code)))
           AND EXISTS (SELECT 1 FROM access_log_tombstone t
                        WHERE t.seal_seq = OLD.seal_seq AND t.hash = OLD.hash)
        THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND ${SAME_CONTENT}
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TABLE access_log_tombstone`);
    await q.query(`DROP FUNCTION access_log_years(text)`);
    await q.query(`ALTER TABLE retention_setting DROP COLUMN access_log_years`);
  }
}
