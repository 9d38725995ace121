import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * Booked home visits (a planned contact with a time and the staff who go; two is the
 * routine in the Skaraborg KAA handbook) and the contact-frequency rule per municipality
 * ("everyone in the register is contacted at least every N weeks"). The visits hold
 * personal data: row-level security from ROW_POLICIES, installed again below.
 */
export class HomeVisitsContactFrequency1764840000000 implements MigrationInterface {
  name = 'HomeVisitsContactFrequency1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE home_visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        planned_at timestamptz NOT NULL,
        staff_user_ids uuid[] NOT NULL CHECK (cardinality(staff_user_ids) BETWEEN 1 AND 4),
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','DONE','CANCELLED')),
        note text CHECK (length(note) <= 500),
        contact_attempt_id uuid REFERENCES contact_attempt(id) ON DELETE SET NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    // The agenda: a municipality's planned visits by time; a coordinator's by membership.
    await q.query(
      `CREATE INDEX home_visit_agenda_idx ON home_visit (municipality_code, planned_at) WHERE status = 'PLANNED'`,
    );
    await q.query(`CREATE INDEX home_visit_staff_idx ON home_visit USING gin (staff_user_ids)`);
    await q.query(
      `CREATE INDEX home_visit_person_idx ON home_visit (young_person_id, municipality_code, planned_at)`,
    );
    await q.query(`
      CREATE TABLE outreach_setting (
        municipality_code char(4) PRIMARY KEY REFERENCES municipality(code),
        contact_every_weeks integer CHECK (contact_every_weeks BETWEEN 1 AND 52),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outreach_setting`);
    await q.query(`DROP TABLE home_visit`);
  }
}
