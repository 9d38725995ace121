import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the data-protection tools: the register extract and the unusual-access list
 * look rows up by young person; staff leave finds a user's open work by the user columns.
 */
export class DataProtectionIndexes1763800800000 implements MigrationInterface {
  name = 'DataProtectionIndexes1763800800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX referral_young_person_idx ON referral (young_person_id)`);
    await q.query(
      `CREATE INDEX referral_section_young_person_idx ON referral_section (young_person_id)`,
    );
    await q.query(
      `CREATE INDEX concern_report_young_person_idx ON concern_report (young_person_id)`,
    );
    await q.query(
      `CREATE INDEX emergency_access_young_person_idx ON emergency_access (young_person_id)`,
    );
    await q.query(
      `CREATE INDEX notification_subject_idx ON notification (subject_id) WHERE subject_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX joint_case_open_lead_user_idx ON joint_case (lead_user_id) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX case_task_open_owner_user_idx ON case_task (owner_user_id) WHERE status = 'OPEN'`,
    );
    await q.query(
      `CREATE INDEX referral_open_sender_user_idx ON referral (sender_user_id) WHERE state IN ('SENT','ACCEPTED')`,
    );
    await q.query(
      `CREATE INDEX risk_flag_open_owner_idx ON risk_flag (coalesce(responsible_user_id, raised_by))
         WHERE status IN ('OPEN','MEETING_BOOKED','PLAN_AGREED')`,
    );
    await q.query(
      `CREATE INDEX kaa_period_open_responsible_idx ON kaa_period (responsible_user_id) WHERE exit_date IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'kaa_period_open_responsible_idx',
      'risk_flag_open_owner_idx',
      'referral_open_sender_user_idx',
      'case_task_open_owner_user_idx',
      'joint_case_open_lead_user_idx',
      'notification_subject_idx',
      'emergency_access_young_person_idx',
      'concern_report_young_person_idx',
      'referral_section_young_person_idx',
      'referral_young_person_idx',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
