/** Consent records, and the young person a consent or case may be recorded about. */
export const CONSENT_SQL = `
CREATE OR REPLACE FUNCTION authz.consent_terms(person uuid) RETURNS authz.consent_terms
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    RETURN (SELECT t FROM authz.terms_of(person) t);
  END $$;

-- The consents in force now. security_invoker: the caller's row-level security on consent
-- applies, so the view shows no consent the caller may not see (as owner, inside the
-- entitlement functions, it shows all).
CREATE OR REPLACE VIEW consent_in_force WITH (security_invoker = true) AS
  SELECT c.id, c.young_person_id, c.municipality_code, c.categories, c.given_by,
         c.valid_from, c.valid_until
    FROM consent c
   WHERE authz.in_force(c.withdrawn_at, c.valid_from, c.valid_until, c.given_by,
                        authz.consent_terms(c.young_person_id));

-- A consent record: the organisation that documented it (its own record), the
-- organisations it names (the consent itself), the home municipality's youth team
-- (statutory). NULL: not visible.
CREATE OR REPLACE FUNCTION authz.consent_record_basis(consent_id uuid, documented_by uuid, person uuid)
  RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT CASE
        WHEN authz.own_organisation(documented_by) THEN 'OWN_ORGANISATION'
        WHEN authz.case_worker() AND EXISTS (
               SELECT 1 FROM consent_recipient r
                WHERE r.consent_id = consent_record_basis.consent_id
                  AND r.organisation_id = authz.organisation_id()) THEN 'CONSENT'
        WHEN authz.youth_team_of(authz.home_municipality(person)) THEN 'STATUTORY_DUTY'
      END);
  END $$;

CREATE OR REPLACE FUNCTION authz.sees_consent(consent_id uuid, documented_by uuid, person uuid)
  RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.consent_record_basis(consent_id, documented_by, person) IS NOT NULL $$;

CREATE OR REPLACE FUNCTION authz.sees_consent_id(consent_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT coalesce((SELECT authz.sees_consent(c.id, c.documented_by_organisation_id, c.young_person_id)
                         FROM consent c WHERE c.id = consent_id), false));
  END $$;

DO $$ BEGIN
  CREATE TYPE authz.person_facts AS (id uuid, birth_date date, home_municipality_code text);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The young person a consent or a case may be recorded about, with only the facts the
-- consent rules need: the home municipality's youth team, an organisation already in a
-- case about them, or one that sees the person. Nothing (not found) otherwise.
CREATE OR REPLACE FUNCTION authz.workable_person(person uuid) RETURNS SETOF authz.person_facts
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT yp.id, yp.birth_date, yp.home_municipality_code::text
      FROM young_person yp
     WHERE yp.id = person AND authz.case_worker()
       AND (authz.youth_team_of(yp.home_municipality_code)
            OR EXISTS (SELECT 1 FROM joint_case c
                        WHERE c.young_person_id = yp.id
                          AND (c.lead_organisation_id = authz.organisation_id()
                               OR EXISTS (SELECT 1 FROM case_participant p
                                           WHERE p.case_id = c.id
                                             AND p.organisation_id = authz.organisation_id())))
            OR authz.sees_person_row(yp.id, yp.home_municipality_code, yp.protected_identity)) $$;
`;
