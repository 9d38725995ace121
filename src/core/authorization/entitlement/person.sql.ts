/**
 * Whether the actor may read a person's row: the home youth team, or a relation of
 * authz.actor_person_basis (exactly when authz.person_row_access gives a basis). An
 * expression, so the row policy on young_person is this very text, planned into each
 * statement, and sees_person_row is the same text for other SQL.
 */
export function seesPersonRow(person: string, home: string): string {
  // OFFSET 0: an EXISTS under OR is otherwise planned twice (per row and hashed over all
  // relations, PostgreSQL's alternative subplan), which costs every statement on
  // young_person about a third more planning; a row policy only ever wants the probe.
  return `(authz.youth_team_of(${home}) OR EXISTS (
    SELECT 1 FROM authz.actor_person_basis b WHERE b.young_person_id = ${person} OFFSET 0))`;
}

/** Young person: identity, contact and address, KAA data; the legal basis of each. */
export const PERSON_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.person_access AS (
    identity boolean, contact boolean, kaa boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- What a case worker sees of a person, with the legal basis: the home youth team everything
-- (statutory duty), otherwise the relations of authz.actor_person_basis, the first in the
-- order of their legal basis deciding (a concern report received, an enrolment here, then
-- consents, with an emergency opening showing identity and contact). Decided from the
-- row's own columns too, so a row being inserted (INSERT … RETURNING) is judged as it will
-- be. Plain SQL returning a set (always one row) and no SECURITY DEFINER, so PostgreSQL
-- inlines it where a statement joins it (LATERAL): the relations are index probes of that
-- statement, not a function call per row.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE oid = to_regprocedure('authz.person_row_access(uuid, text, boolean)')
               AND NOT proretset) THEN
    DROP FUNCTION authz.person_row_access(uuid, text, boolean);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION authz.person_row_access(person uuid, home text, protected_identity boolean)
  RETURNS SETOF authz.person_access
  LANGUAGE sql STABLE AS $fn$
    SELECT (d).identity, (d).contact, (d).kaa, (d).basis, (d).consent_ids FROM (
      SELECT CASE
        WHEN NOT authz.case_worker() THEN NULL::authz.person_access
        WHEN authz.youth_team_of(home) THEN
          ROW(true, contact_allowed, true, 'STATUTORY_DUTY', '{}'::uuid[])::authz.person_access
        WHEN bool_or(b.relation = 'CONCERN_RECEIVED') THEN
          ROW(true, contact_allowed, false, 'STATUTORY_DUTY', '{}'::uuid[])::authz.person_access
        WHEN bool_or(b.relation = 'ENROLLED') THEN
          ROW(true, contact_allowed, false, 'OWN_ORGANISATION', '{}'::uuid[])::authz.person_access
        ELSE ROW(
          coalesce(bool_or(b.relation = 'EMERGENCY_OPEN' OR 'IDENTITY' = ANY (b.categories)), false),
          coalesce(bool_or(b.relation = 'EMERGENCY_OPEN' OR 'CONTACT' = ANY (b.categories)), false)
            AND contact_allowed,
          false,
          CASE WHEN count(b.consent_id) > 0 THEN 'CONSENT'
               WHEN bool_or(b.relation = 'EMERGENCY_OPEN') THEN 'EMERGENCY_ACCESS' END,
          coalesce(array_agg(DISTINCT b.consent_id) FILTER (WHERE b.consent_id IS NOT NULL),
                   '{}'::uuid[]))::authz.person_access
      END AS d
      FROM (SELECT NOT protected_identity OR authz.has_permission('PROTECTED_IDENTITY') AS contact_allowed) c
      LEFT JOIN authz.actor_person_basis b ON b.young_person_id = person
      GROUP BY c.contact_allowed) x $fn$;

CREATE OR REPLACE FUNCTION authz.person_access(person uuid) RETURNS authz.person_access
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT a FROM young_person yp,
             authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) a
       WHERE yp.id = person);
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
  LANGUAGE sql STABLE AS $$ SELECT ${seesPersonRow('person', 'home')} $$;

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
