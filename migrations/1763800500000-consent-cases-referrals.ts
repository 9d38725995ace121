import { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `ARRAY['IDENTITY','CONTACT','SCHOOL','SOCIAL','EMPLOYMENT','HEALTH','ACTIVITIES']::text[]`;

/**
 * Consent (samtycke) and the per-municipality age policy, joint cases (notes, meetings,
 * EOR action plan, tasks), closed-loop referrals, concern reports (orosanmälan) and
 * emergency access ("break the glass"). DESIGN.md §5, §6, §6a.
 */
export class ConsentCasesReferrals1763800500000 implements MigrationInterface {
  name = 'ConsentCasesReferrals1763800500000';

  async up(q: QueryRunner): Promise<void> {
    // Who may consent by age. No row means the defaults of DESIGN.md §6: a guardian under
    // 15, the young person's own consent from 15, only the young person from 18.
    await q.query(`
      CREATE TABLE consent_policy (
        municipality_code char(4) PRIMARY KEY REFERENCES municipality(code),
        own_consent_from_age integer NOT NULL DEFAULT 15 CHECK (own_consent_from_age BETWEEN 12 AND 18),
        guardian_also_required boolean NOT NULL DEFAULT false,
        both_guardians_required boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        given_by text[] NOT NULL CHECK (cardinality(given_by) > 0
          AND given_by <@ ARRAY['YOUNG_PERSON','ONE_GUARDIAN','BOTH_GUARDIANS']::text[]
          AND NOT (given_by @> ARRAY['ONE_GUARDIAN','BOTH_GUARDIANS']::text[])),
        method text NOT NULL CHECK (method IN ('WRITTEN','ORAL','DIGITAL')),
        documented_by_user_id uuid NOT NULL REFERENCES app_user(id),
        documented_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ${CATEGORIES}),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by text CHECK (withdrawn_by IN ('YOUNG_PERSON','GUARDIAN')),
        withdrawal_recorded_by_user_id uuid REFERENCES app_user(id),
        withdrawal_reason text CHECK (length(withdrawal_reason) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until > valid_from),
        CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL)),
        CHECK ((withdrawn_at IS NULL) = (withdrawal_recorded_by_user_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX consent_young_person_idx ON consent (young_person_id, valid_until)`,
    );
    await q.query(
      `CREATE INDEX consent_municipality_idx ON consent (municipality_code, valid_until)`,
    );
    await q.query(
      `CREATE INDEX consent_documented_by_idx ON consent (documented_by_organisation_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE consent_recipient (
        consent_id uuid NOT NULL REFERENCES consent(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        PRIMARY KEY (consent_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX consent_recipient_organisation_idx ON consent_recipient (organisation_id, consent_id)`,
    );

    // Sufficiency under the policy for the age NOW: the same rule as consent-policy.ts.
    await q.query(`
      CREATE FUNCTION consent_is_sufficient(given_by text[], age integer, own_from integer,
                                            guardian_also boolean, both_guardians boolean)
      RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN age >= 18 THEN 'YOUNG_PERSON' = ANY(given_by)
          ELSE (age < own_from OR 'YOUNG_PERSON' = ANY(given_by))
           AND ((age >= own_from AND NOT guardian_also)
                OR (CASE WHEN both_guardians THEN 'BOTH_GUARDIANS' = ANY(given_by)
                         ELSE given_by && ARRAY['ONE_GUARDIAN','BOTH_GUARDIANS']::text[] END))
        END
      $$`);
    // In force = valid now, not withdrawn, sufficient for the person's age today. A view,
    // never a cache: withdrawal, expiry and an 18th birthday count on the next request.
    await q.query(`
      CREATE VIEW consent_in_force AS
      SELECT c.id, c.young_person_id, c.municipality_code, c.categories, c.given_by,
             c.valid_from, c.valid_until
        FROM consent c
        JOIN young_person yp ON yp.id = c.young_person_id
        LEFT JOIN consent_policy p ON p.municipality_code = yp.home_municipality_code
       WHERE c.withdrawn_at IS NULL
         AND c.valid_from <= now() AND now() < c.valid_until
         AND consent_is_sufficient(c.given_by,
               date_part('year', age(current_date, yp.birth_date))::integer,
               coalesce(p.own_consent_from_age, 15),
               coalesce(p.guardian_also_required, false),
               coalesce(p.both_guardians_required, false))`);

    // Joint case (samverkansärende).
    await q.query(`
      CREATE TABLE joint_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        lead_organisation_id uuid NOT NULL REFERENCES organisation(id),
        lead_user_id uuid NOT NULL REFERENCES app_user(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CLOSED')),
        closure_outcome text CHECK (closure_outcome IN ('WORK','STUDIES','LABOUR_OFFICE_PROGRAMME','OTHER_SUPPORT','MOVED_AWAY','DECLINED_SUPPORT','OTHER')),
        closure_note text CHECK (length(closure_note) <= 1000),
        closed_at timestamptz,
        closed_by uuid REFERENCES app_user(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
        CHECK ((status = 'CLOSED') = (closure_outcome IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX joint_case_lead_idx ON joint_case (lead_organisation_id, created_at DESC, id)`,
    );
    await q.query(`CREATE INDEX joint_case_person_idx ON joint_case (young_person_id)`);
    await q.query(`CREATE INDEX joint_case_list_idx ON joint_case (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE case_participant (
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        role text NOT NULL DEFAULT 'PARTICIPANT' CHECK (role IN ('LEAD','PARTICIPANT')),
        added_by uuid REFERENCES app_user(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX case_participant_organisation_idx ON case_participant (organisation_id, case_id)`,
    );

    // Notes are append-only: a correction is a new row pointing at the one it replaces.
    await q.query(`
      CREATE TABLE case_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        root_note_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        previous_version_id uuid UNIQUE REFERENCES case_note(id),
        superseded boolean NOT NULL DEFAULT false,
        author_organisation_id uuid NOT NULL REFERENCES organisation(id),
        author_user_id uuid NOT NULL REFERENCES app_user(id),
        category text NOT NULL CHECK (category = ANY(${CATEGORIES})),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (root_note_id, version),
        CHECK ((version = 1) = (previous_version_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX case_note_current_idx ON case_note (case_id, created_at DESC, id) WHERE NOT superseded`,
    );
    await q.query(`CREATE INDEX case_note_root_idx ON case_note (root_note_id, version)`);
    // The only permitted change is marking a version superseded when its correction is written.
    await q.query(`
      CREATE FUNCTION case_note_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT OLD.superseded AND NEW.superseded
           AND ROW(OLD.id, OLD.case_id, OLD.root_note_id, OLD.version, OLD.previous_version_id,
                   OLD.author_organisation_id, OLD.author_user_id, OLD.category, OLD.body, OLD.created_at)
               IS NOT DISTINCT FROM
               ROW(NEW.id, NEW.case_id, NEW.root_note_id, NEW.version, NEW.previous_version_id,
                   NEW.author_organisation_id, NEW.author_user_id, NEW.category, NEW.body, NEW.created_at)
        THEN RETURN NEW; END IF;
        IF TG_OP = 'DELETE' AND current_setting('portal.retention', true) = 'on' THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'case_note is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_note_no_change BEFORE UPDATE OR DELETE ON case_note
      FOR EACH ROW EXECUTE FUNCTION case_note_append_only()`);

    await q.query(`
      CREATE TABLE case_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('PREVENTIVE','FOLLOW_UP','SIP')),
        scheduled_at timestamptz NOT NULL,
        held_at timestamptz,
        minutes text CHECK (length(minutes) <= 10000),
        young_person_attended boolean,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_meeting_case_idx ON case_meeting (case_id, scheduled_at)`);
    await q.query(`
      CREATE TABLE case_meeting_participant (
        meeting_id uuid NOT NULL REFERENCES case_meeting(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        PRIMARY KEY (meeting_id, organisation_id)
      )`);

    // EOR action plan: a goal and sub-goals planned backwards from it.
    await q.query(`
      CREATE TABLE case_goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        parent_goal_id uuid REFERENCES case_goal(id) ON DELETE CASCADE,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
        target_date date NOT NULL,
        responsible text NOT NULL CHECK (responsible IN ('YOUNG_PERSON','ORGANISATION')),
        owner_organisation_id uuid REFERENCES organisation(id),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACHIEVED','NOT_ACHIEVED')),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((responsible = 'ORGANISATION') = (owner_organisation_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX case_goal_case_idx ON case_goal (case_id, target_date)`);

    await q.query(`
      CREATE TABLE case_task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'GENERAL' CHECK (kind IN ('GENERAL','RE_CONSENT')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        owner_organisation_id uuid NOT NULL REFERENCES organisation(id),
        owner_user_id uuid REFERENCES app_user(id),
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','DONE')),
        consent_id uuid REFERENCES consent(id) ON DELETE CASCADE,
        completed_at timestamptz,
        completed_by uuid REFERENCES app_user(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'RE_CONSENT') = (consent_id IS NOT NULL)),
        CHECK ((status = 'DONE') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX case_task_case_idx ON case_task (case_id, due_date)`);
    await q.query(
      `CREATE INDEX case_task_owner_idx ON case_task (owner_organisation_id, due_date) WHERE status = 'OPEN'`,
    );
    // One re-consent task per case and outdated consent: the turning-18 job is idempotent.
    await q.query(
      `CREATE UNIQUE INDEX case_task_reconsent_once ON case_task (case_id, consent_id) WHERE kind = 'RE_CONSENT'`,
    );

    // Referral (remiss): a closed loop between two organisations about one case.
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES joint_case(id) ON DELETE CASCADE,
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        sender_organisation_id uuid NOT NULL REFERENCES organisation(id),
        sender_user_id uuid NOT NULL REFERENCES app_user(id),
        receiver_organisation_id uuid NOT NULL REFERENCES organisation(id),
        purpose text NOT NULL CHECK (purpose IN ('UTBILDNINGSKONTRAKT','EXTRATJANST','LONESTOD','LABOUR_OFFICE_OTHER','SOCIAL_SUPPORT','ASSOCIATION_ACTIVITY','YOUTH_CLINIC','RETURN_TO_SCHOOL','GUIDANCE')),
        activity text CHECK (length(activity) <= 200),
        shared_categories text[] NOT NULL CHECK (shared_categories <@ ${CATEGORIES}),
        response_due_date date NOT NULL,
        state text NOT NULL DEFAULT 'SENT' CHECK (state IN ('SENT','ACCEPTED','DECLINED','COMPLETED','CANCELLED')),
        decline_reason text CHECK (decline_reason IN ('NOT_ELIGIBLE','NO_CAPACITY','YOUNG_PERSON_DECLINED','WRONG_RECEIVER','OTHER')),
        outcome_code text CHECK (outcome_code IN ('STARTED_PROGRAMME','STARTED_WORK','STARTED_STUDIES','SUPPORT_GIVEN','JOINED_ACTIVITY','DID_NOT_ATTEND','OTHER')),
        receiver_note text CHECK (length(receiver_note) <= 2000),
        overdue_notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (sender_organisation_id <> receiver_organisation_id),
        CHECK ((state = 'DECLINED') = (decline_reason IS NOT NULL)),
        CHECK ((state = 'COMPLETED') = (outcome_code IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX referral_sender_idx ON referral (sender_organisation_id, created_at DESC, id)`,
    );
    await q.query(
      `CREATE INDEX referral_receiver_idx ON referral (receiver_organisation_id, created_at DESC, id)`,
    );
    await q.query(`CREATE INDEX referral_case_idx ON referral (case_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX referral_overdue_idx ON referral (response_due_date) WHERE state = 'SENT'`,
    );
    // What the sender shares, one part per category; the receiver sees the consented parts.
    await q.query(`
      CREATE TABLE referral_section (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        sender_organisation_id uuid NOT NULL REFERENCES organisation(id),
        receiver_organisation_id uuid NOT NULL REFERENCES organisation(id),
        category text NOT NULL CHECK (category = ANY(${CATEGORIES})),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        UNIQUE (referral_id, category)
      )`);
    await q.query(`
      CREATE TABLE referral_transition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
        from_state text CHECK (from_state IN ('SENT','ACCEPTED','DECLINED','COMPLETED','CANCELLED')),
        to_state text NOT NULL CHECK (to_state IN ('SENT','ACCEPTED','DECLINED','COMPLETED','CANCELLED')),
        code text,
        by_user_id uuid NOT NULL REFERENCES app_user(id),
        by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX referral_transition_referral_idx ON referral_transition (referral_id, at)`,
    );

    // Concern report (orosanmälan): statutory, no consent, never blocked, under 18 only.
    await q.query(`
      CREATE TABLE concern_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        sender_organisation_id uuid NOT NULL REFERENCES organisation(id),
        sender_user_id uuid NOT NULL REFERENCES app_user(id),
        receiver_organisation_ids uuid[] NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
        immediate_danger boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX concern_report_sender_idx ON concern_report (sender_organisation_id, created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX concern_report_receiver_idx ON concern_report USING gin (receiver_organisation_ids)`,
    );

    // Emergency access: time-limited, reasoned, reviewed by the municipality's auditors.
    await q.query(`
      CREATE TABLE emergency_access (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        case_id uuid REFERENCES joint_case(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 2000),
        opened_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES app_user(id),
        review_note text CHECK (length(review_note) <= 2000),
        CHECK (expires_at > opened_at),
        CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
      )`);
    await q.query(
      `CREATE INDEX emergency_access_active_idx ON emergency_access (user_id, expires_at)`,
    );
    await q.query(
      `CREATE INDEX emergency_access_review_idx ON emergency_access (municipality_code, opened_at DESC) WHERE reviewed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_access`);
    await q.query(`DROP TABLE concern_report`);
    await q.query(`DROP TABLE referral_transition`);
    await q.query(`DROP TABLE referral_section`);
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP TABLE case_task`);
    await q.query(`DROP TABLE case_goal`);
    await q.query(`DROP TABLE case_meeting_participant`);
    await q.query(`DROP TABLE case_meeting`);
    await q.query(`DROP TABLE case_note`);
    await q.query(`DROP FUNCTION case_note_append_only()`);
    await q.query(`DROP TABLE case_participant`);
    await q.query(`DROP TABLE joint_case`);
    await q.query(`DROP VIEW consent_in_force`);
    await q.query(
      `DROP FUNCTION consent_is_sufficient(text[], integer, integer, boolean, boolean)`,
    );
    await q.query(`DROP TABLE consent_recipient`);
    await q.query(`DROP TABLE consent`);
    await q.query(`DROP TABLE consent_policy`);
  }
}
