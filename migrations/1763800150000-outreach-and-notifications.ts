import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact attempts (outreach) and the in-app notification feed. Shared early because
 * several domains read them: the young-people list filters on last contact, and
 * notices, referrals and consent withdrawals all notify.
 */
export class OutreachAndNotifications1763800150000 implements MigrationInterface {
  name = 'OutreachAndNotifications1763800150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        channel text NOT NULL CHECK (channel IN ('LETTER','PHONE','SMS','EMAIL','SOCIAL_MEDIA','HOME_VISIT','IN_PERSON','VIA_GUARDIAN','VIA_SCHOOL')),
        direction text NOT NULL CHECK (direction IN ('OUTBOUND','INBOUND')),
        occurred_at timestamptz NOT NULL,
        performed_by uuid REFERENCES app_user(id),
        outcome text NOT NULL CHECK (outcome IN ('NO_RESPONSE','REACHED','DECLINED_CONTACT','WRONG_DETAILS','MOVED','GUARDIAN_DECLINED','MESSAGE_LEFT')),
        note text CHECK (length(note) <= 500),
        outreach_round_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX contact_attempt_person_idx ON contact_attempt (young_person_id, occurred_at DESC)`,
    );
    await q.query(
      `CREATE INDEX contact_attempt_municipality_idx ON contact_attempt (municipality_code, occurred_at)`,
    );
    await q.query(
      `CREATE INDEX contact_attempt_round_idx ON contact_attempt (outreach_round_id) WHERE outreach_round_id IS NOT NULL`,
    );

    // One row per recipient user, so each user marks their own as read. The message is
    // content-free: a kind and a subject id the recipient may open if entitled.
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        recipient_organisation_id uuid NOT NULL REFERENCES organisation(id),
        kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,60}$'),
        subject_type text CHECK (subject_type ~ '^[A-Z_]{2,40}$'),
        subject_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX notification_recipient_idx ON notification (recipient_user_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX notification_unread_idx ON notification (recipient_user_id) WHERE read_at IS NULL`,
    );
    // Fan-out to every API instance: each LISTENs and forwards to its own subscribers.
    await q.query(`
      CREATE FUNCTION notification_published() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('portal_notification', json_build_object('id', NEW.id, 'recipientUserId', NEW.recipient_user_id)::text);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER notification_publish AFTER INSERT ON notification
      FOR EACH ROW EXECUTE FUNCTION notification_published()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP FUNCTION notification_published()`);
    await q.query(`DROP TABLE contact_attempt`);
  }
}
