/** Relations read as owner: consents in force, enrolment, concern reports, emergency openings. */
export const RELATIONS_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.consent_grant AS (consent_ids uuid[], categories text[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE OR REPLACE FUNCTION authz.home_municipality(person uuid) RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT home_municipality_code::text FROM young_person WHERE id = person);
  END $$;

-- Consents in force now that name the actor's organisation, for one person: their ids and
-- the union of their categories. Empty for anyone but a case worker. One statement: the
-- person's terms are joined once, not looked up once per consent (row-level security
-- calls this for every row of a list).
CREATE OR REPLACE FUNCTION authz.consent_grant(person uuid, wanted text[] DEFAULT NULL)
  RETURNS authz.consent_grant
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      WITH granted AS (
        SELECT c.id, c.categories
          FROM authz.terms_of(person) t
          JOIN consent c ON c.young_person_id = person
          JOIN consent_recipient r
            ON r.consent_id = c.id AND r.organisation_id = authz.organisation_id()
         WHERE authz.case_worker() AND (wanted IS NULL OR c.categories && wanted)
           AND authz.in_force(c.withdrawn_at, c.valid_from, c.valid_until, c.given_by, t))
      SELECT ROW(coalesce((SELECT array_agg(DISTINCT id) FROM granted), '{}'),
                 coalesce((SELECT array_agg(DISTINCT c) FROM granted, unnest(granted.categories) c), '{}')
      )::authz.consent_grant);
  END $$;

CREATE OR REPLACE FUNCTION authz.consented(person uuid, category text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT category = ANY ((authz.consent_grant(person)).categories) $$;

CREATE OR REPLACE FUNCTION authz.consented_any(person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT cardinality((authz.consent_grant(person)).categories) > 0 $$;

CREATE OR REPLACE FUNCTION authz.enrolled_here(person uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.case_worker() AND EXISTS (
        SELECT 1 FROM schooling s
         WHERE s.young_person_id = person AND s.school_organisation_id = authz.organisation_id()
           AND s.status = 'ACTIVE'));
  END $$;

CREATE OR REPLACE FUNCTION authz.concern_received(person uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.case_worker() AND EXISTS (
        SELECT 1 FROM concern_report cr
         WHERE cr.young_person_id = person
           AND cr.receiver_organisation_ids @> ARRAY[authz.organisation_id()]));
  END $$;

-- The actor's own active opening ("break the glass") of a record of its own municipality.
-- An opening of a case covers that case; an opening of a person covers the person and
-- every case about them.
CREATE OR REPLACE FUNCTION authz.emergency_open(person uuid, kase uuid DEFAULT NULL) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.case_worker() AND EXISTS (
        SELECT 1 FROM emergency_access ea
         WHERE ea.user_id = authz.user_id() AND ea.young_person_id = person
           AND ea.municipality_code = authz.municipality_code()
           AND ea.opened_at <= app_now() AND app_now() < ea.expires_at
           AND (ea.case_id IS NULL OR ea.case_id = kase)));
  END $$;
`;
