/** Young person: identity, contact and address, KAA data; the legal basis of each. */
export const PERSON_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.person_access AS (
    identity boolean, contact boolean, kaa boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Decided from the row's own columns too, so a row being inserted (INSERT … RETURNING)
-- is judged as it will be, not as the table was before the statement.
-- The relations are tried in the order of their legal basis and the first that holds
-- decides, so the home youth team's rows cost no lookup at all. PL/pgSQL, whose plans are
-- kept for the session: row-level security calls this once per row.
CREATE OR REPLACE FUNCTION authz.person_row_access(person uuid, home text, protected_identity boolean)
  RETURNS authz.person_access
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DECLARE
    contact_allowed boolean;
    consent authz.consent_grant;
  BEGIN
    IF NOT authz.case_worker() THEN RETURN NULL; END IF;
    contact_allowed := NOT protected_identity OR authz.has_permission('PROTECTED_IDENTITY');
    IF authz.youth_team_of(home) THEN
      RETURN ROW(true, contact_allowed, true, 'STATUTORY_DUTY', '{}'::uuid[])::authz.person_access;
    END IF;
    IF authz.concern_received(person) THEN
      RETURN ROW(true, contact_allowed, false, 'STATUTORY_DUTY', '{}'::uuid[])::authz.person_access;
    END IF;
    IF authz.enrolled_here(person) THEN
      RETURN ROW(true, contact_allowed, false, 'OWN_ORGANISATION', '{}'::uuid[])::authz.person_access;
    END IF;
    consent := authz.consent_grant(person, ARRAY['IDENTITY', 'CONTACT']);
    IF authz.emergency_open(person) THEN
      RETURN ROW(true, contact_allowed, false,
                 CASE WHEN cardinality(consent.consent_ids) > 0 THEN 'CONSENT' ELSE 'EMERGENCY_ACCESS' END,
                 consent.consent_ids)::authz.person_access;
    END IF;
    RETURN ROW('IDENTITY' = ANY (consent.categories),
               'CONTACT' = ANY (consent.categories) AND contact_allowed,
               false,
               CASE WHEN cardinality(consent.consent_ids) > 0 THEN 'CONSENT' END,
               consent.consent_ids)::authz.person_access;
  END $fn$;

CREATE OR REPLACE FUNCTION authz.person_access(person uuid) RETURNS authz.person_access
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity)
        FROM young_person yp WHERE yp.id = person);
  END $$;

-- The people the actor could see through one of person_row_access's relations: a superset,
-- found through indexes (home municipality, the school's active enrolments, reports
-- received, current consents naming the organisation, the user's open emergency
-- accesses). Lists narrow to it for speed only; RLS and person_row_access decide (so the
-- consents need not be checked against the age rules here, which costs a lookup each).
-- At most upto of them from each relation (NULL: all), so a list can tell an
-- organisation that sees a few people from one that sees many at a bounded cost. A
-- person may come more than once (UNION ALL: no work to remove duplicates).
CREATE OR REPLACE FUNCTION authz.person_candidates_upto(upto int) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    (SELECT yp.id FROM young_person yp
      WHERE authz.organisation_kind() = 'YOUTH_TEAM'
        AND yp.home_municipality_code = authz.municipality_code() LIMIT upto)
    UNION ALL
    (SELECT s.young_person_id FROM schooling s
      WHERE s.school_organisation_id = authz.organisation_id() AND s.status = 'ACTIVE' LIMIT upto)
    UNION ALL
    (SELECT cr.young_person_id FROM concern_report cr
      WHERE cr.receiver_organisation_ids @> ARRAY[authz.organisation_id()] LIMIT upto)
    UNION ALL
    (SELECT c.young_person_id FROM consent c
       JOIN consent_recipient r ON r.consent_id = c.id AND r.organisation_id = authz.organisation_id()
      WHERE c.withdrawn_at IS NULL AND c.valid_from <= app_now() AND app_now() < c.valid_until
      LIMIT upto)
    UNION ALL
    (SELECT ea.young_person_id FROM emergency_access ea
      WHERE ea.user_id = authz.user_id() AND app_now() < ea.expires_at LIMIT upto) $$;

CREATE OR REPLACE FUNCTION authz.person_candidates() RETURNS SETOF uuid
  LANGUAGE sql STABLE AS $$ SELECT DISTINCT c FROM authz.person_candidates_upto(NULL) c $$;

-- The row is visible to whoever has a legal basis for a part of it, even when protected
-- identity masks that part (a consent for CONTACT only): the fields are masked, not the
-- entitlement.
CREATE OR REPLACE FUNCTION authz.sees_person_row(person uuid, home text, protected_identity boolean)
  RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT (authz.person_row_access(person, home, protected_identity)).basis IS NOT NULL $$;

CREATE OR REPLACE FUNCTION authz.sees_person(person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((a).basis IS NOT NULL, false) FROM authz.person_access(person) a $$;

CREATE OR REPLACE FUNCTION authz.sees_contact(person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((a).contact, false) FROM authz.person_access(person) a $$;

-- A move to another municipality takes the person out of the mover's sight, which an
-- UPDATE under row-level security may not do (the new row must stay visible to it): the
-- home youth team moves its resident through this. NULL when it is not the home team.
CREATE OR REPLACE FUNCTION authz.move_person(person uuid, new_home text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE young_person SET home_municipality_code = new_home, updated_at = app_now()
     WHERE id = person AND authz.youth_team_of(home_municipality_code::text)
    RETURNING true $$;
`;
