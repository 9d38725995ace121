/** Young person: identity, contact and address, KAA data; the legal basis of each. */
export const PERSON_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.person_access AS (
    identity boolean, contact boolean, kaa boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Decided from the row's own columns too, so a row being inserted (INSERT … RETURNING)
-- is judged as it will be, not as the table was before the statement.
CREATE OR REPLACE FUNCTION authz.person_row_access(person uuid, home text, protected_identity boolean)
  RETURNS authz.person_access
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH facts AS (
      SELECT authz.youth_team_of(home) AS statutory,
             authz.enrolled_here(person) AS enrolled,
             authz.concern_received(person) AS concern,
             authz.emergency_open(person) AS emergency,
             authz.consent_grant(person, ARRAY['IDENTITY', 'CONTACT']) AS consent
       WHERE authz.case_worker()),
    duty AS (
      SELECT *, statutory OR enrolled OR concern OR emergency AS by_relation FROM facts)
    SELECT ROW(
      by_relation OR 'IDENTITY' = ANY ((consent).categories),
      (by_relation OR 'CONTACT' = ANY ((consent).categories))
        AND (NOT protected_identity OR authz.has_permission('PROTECTED_IDENTITY')),
      statutory,
      CASE WHEN statutory OR concern THEN 'STATUTORY_DUTY'
           WHEN enrolled THEN 'OWN_ORGANISATION'
           WHEN cardinality((consent).consent_ids) > 0 THEN 'CONSENT'
           WHEN emergency THEN 'EMERGENCY_ACCESS' END,
      CASE WHEN statutory OR concern OR enrolled THEN '{}'::uuid[] ELSE (consent).consent_ids END
    )::authz.person_access
    FROM duty $$;

CREATE OR REPLACE FUNCTION authz.person_access(person uuid) RETURNS authz.person_access
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity)
      FROM young_person yp WHERE yp.id = person $$;

-- The people the actor could see through one of person_row_access's relations: a superset,
-- found through indexes (home municipality, the school's active enrolments, reports
-- received, consents in force naming the organisation, the user's open emergency
-- accesses). Lists narrow to it for speed only; RLS and person_row_access decide.
CREATE OR REPLACE FUNCTION authz.person_candidates() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT yp.id FROM young_person yp
     WHERE authz.organisation_kind() = 'YOUTH_TEAM'
       AND yp.home_municipality_code = authz.municipality_code()
    UNION
    SELECT s.young_person_id FROM schooling s
     WHERE s.school_organisation_id = authz.organisation_id() AND s.status = 'ACTIVE'
    UNION
    SELECT cr.young_person_id FROM concern_report cr
     WHERE cr.receiver_organisation_ids @> ARRAY[authz.organisation_id()]
    UNION
    SELECT cif.young_person_id FROM consent_in_force cif
      JOIN consent_recipient r ON r.consent_id = cif.id AND r.organisation_id = authz.organisation_id()
    UNION
    SELECT ea.young_person_id FROM emergency_access ea
     WHERE ea.user_id = authz.user_id() AND app_now() < ea.expires_at $$;

CREATE OR REPLACE FUNCTION authz.sees_person_row(person uuid, home text, protected_identity boolean)
  RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((a).identity OR (a).contact, false)
      FROM authz.person_row_access(person, home, protected_identity) a $$;

CREATE OR REPLACE FUNCTION authz.sees_person(person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((a).identity OR (a).contact, false) FROM authz.person_access(person) a $$;

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
