import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * Reconciliation (issue 11): the files a municipality gets — the population-register
 * extract (folkbokföring), school organisers' enrolment lists, admissions lists — each
 * imported as a named source with its own date. A fact remembers its source: a schooling
 * row the list it came from, a person the population extract that last confirmed where
 * they live. A source names no person; only its municipality's youth team sees it.
 */
export class RegisterSources1764911000000 implements MigrationInterface {
  name = 'RegisterSources1764911000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        kind text NOT NULL CHECK (kind IN ('POPULATION_REGISTER','SCHOOL_ENROLMENT','ADMISSIONS')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        source_date date NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        created_by uuid NOT NULL REFERENCES app_user(id),
        -- The app's clock, like young_person.created_at: who was known before the
        -- latest extract was imported is decided on one clock.
        created_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    // The latest population extract of a municipality decides who is still folkbokförd there.
    await q.query(
      `CREATE INDEX register_source_latest_idx ON register_source (municipality_code, kind, source_date DESC, created_at DESC)`,
    );
    await q.query(
      `ALTER TABLE schooling ADD COLUMN source_id uuid REFERENCES register_source(id) ON DELETE SET NULL`,
    );
    await q.query(`
      ALTER TABLE young_person
        ADD COLUMN residence_source_id uuid REFERENCES register_source(id) ON DELETE SET NULL,
        ADD COLUMN moved_in_on date`);
    await q.query(
      `CREATE INDEX young_person_residence_source_idx ON young_person (residence_source_id)`,
    );
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX young_person_residence_source_idx`);
    await q.query(
      `ALTER TABLE young_person DROP COLUMN moved_in_on, DROP COLUMN residence_source_id`,
    );
    await q.query(`ALTER TABLE schooling DROP COLUMN source_id`);
    await q.query(`DROP TABLE register_source`);
  }
}
