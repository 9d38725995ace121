/** Referrals, concern reports and emergency openings. */
export const REFERRALS_SQL = `
-- The sender; the receiver while a consent in force names it (any category).
CREATE OR REPLACE FUNCTION authz.sees_referral(
    sender uuid, receiver uuid, person uuid, kase uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(sender)
        OR (authz.own_organisation(receiver) AND authz.consented_any(person))
        OR authz.emergency_open(person, kase) $$;

CREATE OR REPLACE FUNCTION authz.sees_referral_id(referral_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT authz.sees_referral(r.sender_organisation_id, r.receiver_organisation_id,
                                                r.young_person_id, r.case_id)
                       FROM referral r WHERE r.id = referral_id), false) $$;

-- A section: the sender wrote it; the receiver sees the categories its consent names.
CREATE OR REPLACE FUNCTION authz.sees_referral_section(
    sender uuid, receiver uuid, person uuid, category text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(sender)
        OR (authz.own_organisation(receiver) AND authz.consented(person, category)) $$;

CREATE OR REPLACE FUNCTION authz.sees_concern_report(sender uuid, receivers uuid[]) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(sender)
        OR (authz.case_worker() AND receivers @> ARRAY[authz.organisation_id()]) $$;

-- The opener; the auditors of the opener's and of the subject's municipality.
CREATE OR REPLACE FUNCTION authz.sees_emergency_opening(
    opener uuid, subject_municipality text, opener_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT opener = authz.user_id()
        OR (authz.has_role('AUDITOR')
            AND authz.municipality_code() IN (subject_municipality, opener_municipality)) $$;
`;
