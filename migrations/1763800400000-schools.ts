import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schools: dropout-risk flags (avhoppsrisk) with their preventive meetings, and the
 * notices a school sends to the student's home municipality (Skollagen 15 kap. 15 §).
 */
export class Schools1763800400000 implements MigrationInterface {
  name = 'Schools1763800400000';

  async up(q: QueryRunner): Promise<void> {
    // The consent that lets the home municipality's youth team see a flag is kept on the
    // flag itself for now; consent_id links it to the generalised consent record later.
    await q.query(`
      CREATE TABLE risk_flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        school_organisation_id uuid NOT NULL,
        school_municipality_code char(4) NOT NULL,
        indicators text[] NOT NULL CHECK (cardinality(indicators) > 0 AND indicators <@ ARRAY['HIGH_ABSENCE','FAILING_COURSES','WELLBEING','SOCIAL_SITUATION','WANTS_TO_QUIT','OTHER']::text[]),
        absence_percentage numeric(5,2) CHECK (absence_percentage BETWEEN 0 AND 100),
        severity text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH')),
        note text CHECK (length(note) <= 500),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','MEETING_BOOKED','PLAN_AGREED','RESOLVED','ESCALATED')),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        raised_by uuid NOT NULL REFERENCES app_user(id),
        responsible_user_id uuid REFERENCES app_user(id),
        escalated_notice_id uuid,
        consent_id uuid,
        consent_given_by text CHECK (consent_given_by IN ('YOUNG_PERSON','GUARDIAN','BOTH_GUARDIANS')),
        consent_method text CHECK (consent_method IN ('WRITTEN','ORAL','DIGITAL')),
        consent_given_on date,
        consent_valid_until date,
        consent_recorded_by uuid REFERENCES app_user(id),
        consent_recorded_at timestamptz,
        consent_withdrawn_at timestamptz,
        consent_withdrawal_recorded_by uuid REFERENCES app_user(id),
        shared_with_municipality_code char(4) REFERENCES municipality(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (school_organisation_id, school_municipality_code) REFERENCES organisation(id, municipality_code),
        CHECK (('HIGH_ABSENCE' = ANY(indicators)) = (absence_percentage IS NOT NULL)),
        CHECK ((status = 'ESCALATED') = (escalated_notice_id IS NOT NULL)),
        CHECK ((consent_recorded_at IS NULL) = (consent_given_by IS NULL)
           AND (consent_recorded_at IS NULL) = (consent_method IS NULL)
           AND (consent_recorded_at IS NULL) = (consent_given_on IS NULL)
           AND (consent_recorded_at IS NULL) = (shared_with_municipality_code IS NULL)),
        CHECK (consent_withdrawn_at IS NULL OR consent_recorded_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX risk_flag_school_idx ON risk_flag (school_organisation_id, created_at DESC, id)`,
    );
    await q.query(
      `CREATE INDEX risk_flag_shared_idx ON risk_flag (shared_with_municipality_code, created_at DESC, id)
         WHERE consent_withdrawn_at IS NULL AND shared_with_municipality_code IS NOT NULL`,
    );
    await q.query(`CREATE INDEX risk_flag_young_person_idx ON risk_flag (young_person_id)`);
    await q.query(
      `CREATE INDEX risk_flag_figures_idx ON risk_flag (school_municipality_code, created_at)`,
    );

    await q.query(`
      CREATE TABLE preventive_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_flag_id uuid NOT NULL REFERENCES risk_flag(id) ON DELETE CASCADE,
        meeting_at timestamptz NOT NULL,
        participants text[] NOT NULL CHECK (cardinality(participants) BETWEEN 1 AND 20),
        status text NOT NULL DEFAULT 'BOOKED' CHECK (status IN ('BOOKED','HELD','CANCELLED')),
        booked_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX preventive_meeting_flag_idx ON preventive_meeting (risk_flag_id, meeting_at)`,
    );
    await q.query(
      `CREATE INDEX preventive_meeting_held_idx ON preventive_meeting (meeting_at) WHERE status = 'HELD'`,
    );

    // The receiver is the youth team of the home municipality at the time of sending,
    // which may be another tenant than the school's.
    await q.query(`
      CREATE TABLE school_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        school_organisation_id uuid NOT NULL,
        school_municipality_code char(4) NOT NULL,
        home_municipality_code char(4) NOT NULL REFERENCES municipality(code),
        kind text NOT NULL CHECK (kind IN ('DROPPED_OUT','SIGNIFICANT_ABSENCE')),
        last_attendance_date date NOT NULL,
        reason_category text NOT NULL CHECK (reason_category IN ('STUDY_MOTIVATION','WRONG_PROGRAMME','STUDY_DIFFICULTIES','PERSONAL_SITUATION','WORK','MOVED','UNKNOWN','OTHER')),
        left_with_plan boolean NOT NULL,
        note text CHECK (length(note) <= 500),
        risk_flag_id uuid REFERENCES risk_flag(id) ON DELETE SET NULL,
        sent_by uuid NOT NULL REFERENCES app_user(id),
        sent_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'SENT' CHECK (status IN ('SENT','ACKNOWLEDGED')),
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES app_user(id),
        kaa_period_id uuid REFERENCES kaa_period(id) ON DELETE SET NULL,
        FOREIGN KEY (school_organisation_id, school_municipality_code) REFERENCES organisation(id, municipality_code),
        CHECK ((status = 'ACKNOWLEDGED') = (acknowledged_at IS NOT NULL)),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      )`);
    await q.query(
      `CREATE INDEX school_notice_school_idx ON school_notice (school_organisation_id, sent_at DESC, id)`,
    );
    await q.query(
      `CREATE INDEX school_notice_home_idx ON school_notice (home_municipality_code, sent_at DESC, id)`,
    );
    await q.query(`CREATE INDEX school_notice_young_person_idx ON school_notice (young_person_id)`);
    await q.query(`
      ALTER TABLE risk_flag ADD CONSTRAINT risk_flag_escalated_notice_fk
        FOREIGN KEY (escalated_notice_id) REFERENCES school_notice(id)`);
    // The notification feed is read newest first, optionally unread only.
    await q.query(
      `CREATE INDEX notification_recipient_unread_idx ON notification (recipient_user_id, created_at DESC, id) WHERE read_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_recipient_unread_idx`);
    await q.query(`ALTER TABLE risk_flag DROP CONSTRAINT risk_flag_escalated_notice_fk`);
    await q.query(`DROP TABLE school_notice`);
    await q.query(`DROP TABLE preventive_meeting`);
    await q.query(`DROP TABLE risk_flag`);
  }
}
