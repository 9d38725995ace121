import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * A notification names a record about a young person (a referral, a notice, a case…),
 * so showing it is a read of that person's data (issue 16): the feed and the
 * subscription log it under the reader's legal basis for that record
 * (authz.notification_subject_access, installed here) and hide the subject from a reader
 * without one, and the register extract finds the person's notifications directly.
 *
 * - young_person_id is derived from the subject record by a BEFORE INSERT trigger, so
 *   every insert path (NotificationWriter, the register handover's batch, the demos, raw
 *   SQL) is covered and no caller can name another person.
 * - notification_subject_person() looks the subject up whatever rows the inserter may
 *   see (the notified organisation's subject is often hidden from the sender): SECURITY
 *   DEFINER, owned by the migration user; its result only fills the column.
 * - ON DELETE SET NULL: a purged person leaves content-free notifications behind; a merge
 *   of duplicates moves the column like any other foreign key to young_person.
 */
export class NotificationYoungPerson1764917000000 implements MigrationInterface {
  name = 'NotificationYoungPerson1764917000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification
        ADD COLUMN young_person_id uuid REFERENCES young_person(id) ON DELETE SET NULL`);
    await q.query(
      `CREATE INDEX notification_young_person_idx ON notification (young_person_id) WHERE young_person_id IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION notification_subject_person(p_type text, p_id uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT CASE p_type
          WHEN 'YOUNG_PERSON' THEN (SELECT id FROM young_person WHERE id = p_id)
          WHEN 'REFERRAL' THEN (SELECT young_person_id FROM referral WHERE id = p_id)
          WHEN 'JOINT_CASE' THEN (SELECT young_person_id FROM joint_case WHERE id = p_id)
          WHEN 'CASE_TASK' THEN (SELECT c.young_person_id FROM case_task t
                                   JOIN joint_case c ON c.id = t.case_id WHERE t.id = p_id)
          WHEN 'CONSENT' THEN (SELECT young_person_id FROM consent WHERE id = p_id)
          WHEN 'CONCERN_REPORT' THEN (SELECT young_person_id FROM concern_report WHERE id = p_id)
          WHEN 'EMERGENCY_ACCESS' THEN (SELECT young_person_id FROM emergency_access WHERE id = p_id)
          WHEN 'RISK_FLAG' THEN (SELECT young_person_id FROM risk_flag WHERE id = p_id)
          WHEN 'SCHOOL_NOTICE' THEN (SELECT young_person_id FROM school_notice WHERE id = p_id)
        END
      $$`);
    await q.query(`
      CREATE FUNCTION notification_young_person() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.young_person_id := notification_subject_person(NEW.subject_type, NEW.subject_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER notification_young_person BEFORE INSERT ON notification
      FOR EACH ROW EXECUTE FUNCTION notification_young_person()`);
    await q.query(`
      UPDATE notification SET young_person_id = notification_subject_person(subject_type, subject_id)
       WHERE subject_id IS NOT NULL`);
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION authz.notification_subject_access(text, uuid)`);
    await q.query(`DROP TYPE authz.subject_access`);
    await q.query(`DROP TRIGGER notification_young_person ON notification`);
    await q.query(`DROP FUNCTION notification_young_person()`);
    await q.query(`DROP FUNCTION notification_subject_person(text, uuid)`);
    await q.query(`ALTER TABLE notification DROP COLUMN young_person_id`);
  }
}
