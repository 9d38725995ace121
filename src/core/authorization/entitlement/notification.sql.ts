/**
 * A notification names a record about a young person; the reader sees which one, and the
 * read is logged, on the basis the reader has for that record: the same function that
 * decides the record's own reads (its row policy and its services' log entries).
 */
export const NOTIFICATION_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.subject_access AS (basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The actor's basis for a notification's subject record; basis NULL: not visible (or the
-- record is gone). A kind of subject not listed here is about no young person.
CREATE OR REPLACE FUNCTION authz.notification_subject_access(subject_type text, subject uuid)
  RETURNS authz.subject_access
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DECLARE
    found authz.subject_access;
  BEGIN
    CASE subject_type
      WHEN 'YOUNG_PERSON' THEN
        SELECT a.basis, a.consent_ids INTO found FROM authz.person_access(subject) a;
      WHEN 'REFERRAL' THEN
        SELECT a.basis, a.consent_ids INTO found FROM referral r,
               authz.referral_access(r.sender_organisation_id, r.receiver_organisation_id,
                                     r.young_person_id, r.case_id) a
         WHERE r.id = subject;
      WHEN 'JOINT_CASE', 'CASE_TASK' THEN
        SELECT a.basis, a.consent_ids INTO found FROM joint_case c,
               authz.case_access(c.id, c.lead_organisation_id, c.young_person_id) a
         WHERE c.id = CASE WHEN subject_type = 'JOINT_CASE' THEN subject
                           ELSE (SELECT t.case_id FROM case_task t WHERE t.id = subject) END;
      WHEN 'CONSENT' THEN
        SELECT authz.consent_record_basis(c.id, c.documented_by_organisation_id, c.young_person_id),
               '{}'::uuid[] INTO found FROM consent c WHERE c.id = subject;
      WHEN 'CONCERN_REPORT' THEN
        SELECT authz.concern_report_basis(r.sender_organisation_id, r.receiver_organisation_ids),
               '{}'::uuid[] INTO found FROM concern_report r WHERE r.id = subject;
      WHEN 'EMERGENCY_ACCESS' THEN
        SELECT authz.emergency_opening_basis(e.user_id, e.municipality_code, e.opener_municipality_code),
               '{}'::uuid[] INTO found FROM emergency_access e WHERE e.id = subject;
      WHEN 'RISK_FLAG' THEN
        -- The school works with its own flags; the youth team reads them by the SCHOOL consents.
        SELECT CASE WHEN authz.own_organisation(f.school_organisation_id) THEN 'OWN_ORGANISATION'
                    WHEN authz.sees_risk_flag(f.school_organisation_id, f.young_person_id) THEN 'CONSENT' END,
               CASE WHEN NOT authz.own_organisation(f.school_organisation_id)
                    THEN (authz.consent_grant(f.young_person_id, ARRAY['SCHOOL'])).consent_ids
                    ELSE '{}'::uuid[] END
          INTO found FROM risk_flag f WHERE f.id = subject;
      WHEN 'SCHOOL_NOTICE' THEN
        -- The notice duty is statutory for both ends.
        SELECT CASE WHEN authz.sees_notice(n.school_organisation_id, n.home_municipality_code)
                    THEN 'STATUTORY_DUTY' END,
               '{}'::uuid[] INTO found FROM school_notice n WHERE n.id = subject;
      ELSE
        NULL;
    END CASE;
    RETURN found;
  END $fn$;
`;
