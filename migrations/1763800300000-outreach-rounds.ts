import { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNELS = `'LETTER','PHONE','SMS','EMAIL','SOCIAL_MEDIA','HOME_VISIT','IN_PERSON','VIA_GUARDIAN','VIA_SCHOOL'`;
const OUTCOMES = `'NO_RESPONSE','REACHED','DECLINED_CONTACT','WRONG_DETAILS','MOVED','GUARDIAN_DECLINED','MESSAGE_LEFT'`;

/**
 * Outreach rounds: one bulk contact (e.g. a letter to every young person in the register)
 * recorded as one row here plus one contact_attempt per recipient. Also the indexes the
 * work list needs.
 */
export class OutreachRounds1763800300000 implements MigrationInterface {
  name = 'OutreachRounds1763800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outreach_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        channel text NOT NULL CHECK (channel IN (${CHANNELS})),
        direction text NOT NULL CHECK (direction IN ('OUTBOUND','INBOUND')),
        outcome text NOT NULL CHECK (outcome IN (${OUTCOMES})),
        occurred_at timestamptz NOT NULL,
        note text CHECK (length(note) <= 500),
        recipient_count integer NOT NULL CHECK (recipient_count > 0),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX outreach_round_municipality_idx ON outreach_round (municipality_code, occurred_at DESC, id)`,
    );
    await q.query(`
      ALTER TABLE contact_attempt ADD CONSTRAINT contact_attempt_outreach_round_fk
        FOREIGN KEY (outreach_round_id) REFERENCES outreach_round(id)`);
    // The work list starts from the open periods of one municipality.
    await q.query(
      `CREATE INDEX kaa_period_open_idx ON kaa_period (municipality_code, young_person_id) WHERE exit_date IS NULL`,
    );
    await q.query(
      `CREATE INDEX guardian_declined_idx ON guardian (young_person_id) WHERE declined_contact`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX guardian_declined_idx`);
    await q.query(`DROP INDEX kaa_period_open_idx`);
    await q.query(`ALTER TABLE contact_attempt DROP CONSTRAINT contact_attempt_outreach_round_fk`);
    await q.query(`DROP TABLE outreach_round`);
  }
}
