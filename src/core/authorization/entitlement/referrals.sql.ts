/** Referrals, concern reports and emergency openings. */
export const REFERRALS_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.referral_access AS (party text, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- A referral: the sender (party SENDER: state, dates, outcome code, never the receiver's
-- own note); the receiver while a consent in force names it for any category (party
-- RECEIVER, logged with those consents); an emergency opening of the referral's case, for
-- its duration (reads only: no party; an opening of the person alone widens the view of
-- the person, as for cases). basis NULL: not visible.
CREATE OR REPLACE FUNCTION authz.referral_access(sender uuid, receiver uuid, person uuid, kase uuid)
  RETURNS authz.referral_access
  LANGUAGE sql STABLE AS $$
    WITH receiving AS (
      SELECT CASE WHEN authz.own_organisation(receiver) THEN authz.consent_grant(person) END AS consent)
    SELECT CASE
      WHEN authz.own_organisation(sender) THEN
        ROW('SENDER', 'OWN_ORGANISATION', '{}'::uuid[])::authz.referral_access
      WHEN cardinality((consent).categories) > 0 THEN
        ROW('RECEIVER', 'CONSENT', (consent).consent_ids)::authz.referral_access
      WHEN authz.case_opened(kase) THEN
        ROW(NULL, 'EMERGENCY_ACCESS', '{}'::uuid[])::authz.referral_access
      ELSE ROW(NULL, NULL, '{}'::uuid[])::authz.referral_access END
    FROM receiving $$;

CREATE OR REPLACE FUNCTION authz.sees_referral(
    sender uuid, receiver uuid, person uuid, kase uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT (authz.referral_access(sender, receiver, person, kase)).basis IS NOT NULL $$;

CREATE OR REPLACE FUNCTION authz.sees_referral_id(referral_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT coalesce((SELECT authz.sees_referral(r.sender_organisation_id, r.receiver_organisation_id,
                                                  r.young_person_id, r.case_id)
                         FROM referral r WHERE r.id = referral_id), false));
  END $$;

-- A section: the sender wrote it; the receiver sees the categories its consents name
-- (an association too: it sees what a consent names it for); an emergency opening of a
-- case in which this sender referred the person to this receiver.
CREATE OR REPLACE FUNCTION authz.sees_referral_section(
    sender uuid, receiver uuid, person uuid, category text) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.own_organisation(sender)
          OR (authz.own_organisation(receiver) AND authz.consented(person, category))
          OR (authz.case_worker() AND EXISTS (
                SELECT 1 FROM referral r
                 WHERE r.young_person_id = person AND r.sender_organisation_id = sender
                   AND r.receiver_organisation_id = receiver
                   AND authz.case_opened(r.case_id))));
  END $$;

-- The consents in force for the case's person that name a would-be receiver, with their
-- categories: a referral may share only what they cover. Asked by someone who sees the
-- case, else none.
CREATE OR REPLACE FUNCTION authz.referral_consents(kase uuid, receiver uuid)
  RETURNS TABLE (consent_id uuid, categories text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT cif.id, cif.categories::text[]
      FROM joint_case c
      JOIN consent_in_force cif ON cif.young_person_id = c.young_person_id
      JOIN consent_recipient r ON r.consent_id = cif.id AND r.organisation_id = receiver
     WHERE c.id = kase
       AND (authz.case_access(c.id, c.lead_organisation_id, c.young_person_id)).visible $$;

-- Accepting adds the receiver to the case (DESIGN.md §5). The receiver does not see the
-- case before it takes part, so case_participant's row policy would refuse the row: this
-- adds exactly that one row, for the receiver of a referral it has just accepted.
CREATE OR REPLACE FUNCTION authz.join_case_of_accepted_referral(referral_id uuid) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH joined AS (
      INSERT INTO case_participant (case_id, organisation_id, role, added_by)
      SELECT r.case_id, r.receiver_organisation_id, 'PARTICIPANT', authz.user_id()
        FROM referral r
       WHERE r.id = referral_id AND r.state = 'ACCEPTED'
         AND (authz.referral_access(r.sender_organisation_id, r.receiver_organisation_id,
                                    r.young_person_id, r.case_id)).party = 'RECEIVER'
      ON CONFLICT DO NOTHING
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM joined) $$;

-- A receiver that lost its consent still closes the loop (issue 12): it declines a SENT
-- referral or completes an ACCEPTED one with an outcome code, without seeing it. Row-level
-- security keeps hiding the referral (§6a is unchanged: no read, no content), so these two
-- look at exactly one referral addressed to the caller's own organisation and give back
-- only ids and its state. Anyone else gets no row, as for an id that does not exist.
CREATE OR REPLACE FUNCTION authz.received_referral(referral_id uuid)
  RETURNS TABLE (state text, young_person_id uuid, municipality_code text, sender_organisation_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT r.state, r.young_person_id, r.municipality_code::text, r.sender_organisation_id
      FROM referral r
     WHERE r.id = referral_id AND authz.case_worker()
       AND r.receiver_organisation_id = authz.organisation_id()
       FOR UPDATE $$;

CREATE OR REPLACE FUNCTION authz.close_received_referral(
    referral_id uuid, to_state text, reason text, outcome text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH closed AS (
      UPDATE referral r
         SET state = to_state, updated_at = app_now(),
             decline_reason = CASE WHEN to_state = 'DECLINED' THEN reason END,
             outcome_code = CASE WHEN to_state = 'COMPLETED' THEN outcome END
       WHERE r.id = referral_id AND authz.case_worker()
         AND r.receiver_organisation_id = authz.organisation_id()
         AND ((to_state = 'DECLINED' AND r.state = 'SENT')
              OR (to_state = 'COMPLETED' AND r.state = 'ACCEPTED'))
      RETURNING r.id, CASE WHEN to_state = 'DECLINED' THEN 'SENT' ELSE 'ACCEPTED' END AS from_state),
    logged AS (
      INSERT INTO referral_transition (referral_id, from_state, to_state, code, by_user_id, by_organisation_id)
      SELECT c.id, c.from_state, to_state, coalesce(reason, outcome), authz.user_id(), authz.organisation_id()
        FROM closed c
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM logged) $$;

-- A concern report: the sender, under its duty to report (SoL 14 kap. 1 §), and the
-- receiving social services, under theirs to act on it. NULL: not visible.
CREATE OR REPLACE FUNCTION authz.concern_report_basis(sender uuid, receivers uuid[]) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN authz.own_organisation(sender)
                  OR (authz.case_worker() AND receivers @> ARRAY[authz.organisation_id()])
                THEN 'STATUTORY_DUTY' END $$;

CREATE OR REPLACE FUNCTION authz.sees_concern_report(sender uuid, receivers uuid[]) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.concern_report_basis(sender, receivers) IS NOT NULL $$;

-- What break the glass may open: a resident of the actor's own municipality, named or
-- the subject of the named case, for a case worker holding the permission. The opener
-- does not see the record yet, so row-level security cannot be asked; nothing comes back
-- otherwise, exactly as for an id that does not exist.
CREATE OR REPLACE FUNCTION authz.emergency_target(person uuid, kase uuid)
  RETURNS TABLE (young_person_id uuid, municipality_code text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT yp.id, yp.home_municipality_code::text
      FROM young_person yp
     WHERE authz.case_worker() AND authz.has_permission('EMERGENCY_ACCESS')
       AND yp.home_municipality_code = authz.municipality_code()
       AND yp.id = coalesce(person, (SELECT c.young_person_id FROM joint_case c WHERE c.id = kase)) $$;

-- The auditors of the opener's and of the subject's municipality review an opening.
CREATE OR REPLACE FUNCTION authz.reviews_emergency_opening(
    subject_municipality text, opener_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.has_role('AUDITOR')
       AND authz.municipality_code() IN (subject_municipality, opener_municipality) $$;

-- An opening: its reviewers (AUDIT); the opener (EMERGENCY_ACCESS), who may end it early.
-- NULL: not visible.
CREATE OR REPLACE FUNCTION authz.emergency_opening_basis(
    opener uuid, subject_municipality text, opener_municipality text) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN authz.reviews_emergency_opening(subject_municipality, opener_municipality)
                  THEN 'AUDIT'
                WHEN opener = authz.user_id() THEN 'EMERGENCY_ACCESS' END $$;

CREATE OR REPLACE FUNCTION authz.sees_emergency_opening(
    opener uuid, subject_municipality text, opener_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.emergency_opening_basis(opener, subject_municipality, opener_municipality) IS NOT NULL $$;
`;
