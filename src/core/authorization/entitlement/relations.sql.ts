/** The actor's relations to people, read as owner: consents in force, enrolment, concern reports, emergency openings. */
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

DO $$ BEGIN
  CREATE TYPE authz.consent_terms AS (
    age integer, own_from integer, guardian_also boolean, both_guardians boolean);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The relations below are views owned by the tables' owner (not security_invoker), so
-- the tables they read are read as owner: a row policy on young_person can say EXISTS
-- (SELECT … FROM authz.actor_person_basis …) without recursing into consent's own policy,
-- and PostgreSQL plans it into the statement (index probes per row, no function call).
-- Each shows only the request's actor's own relations (the settings of its transaction).

-- What the age rules (DESIGN §6) need to know of each person today: their age and the
-- home municipality's policy.
CREATE OR REPLACE VIEW authz.person_terms AS
  SELECT yp.id AS young_person_id,
         ROW(age_on(yp.birth_date, app_today()), coalesce(p.own_consent_from_age, 15),
             coalesce(p.guardian_also_required, false), coalesce(p.both_guardians_required, false)
         )::authz.consent_terms AS terms
    FROM young_person yp
    LEFT JOIN consent_policy p ON p.municipality_code = yp.home_municipality_code;

-- One person's terms. OFFSET 0 keeps it a subquery whose column is a plain value: were
-- the age expression pulled up into authz.in_force's arguments, PostgreSQL would call
-- in_force (planning it each time) instead of inlining it, as it does not repeat an
-- expensive argument.
CREATE OR REPLACE FUNCTION authz.terms_of(person uuid) RETURNS SETOF authz.consent_terms
  LANGUAGE sql STABLE AS $$
    SELECT (t.terms).* FROM authz.person_terms t WHERE t.young_person_id = person OFFSET 0 $$;

-- In force now: not withdrawn, valid now, and given by whom the person's terms require
-- (consent_is_sufficient). The one definition: authz.actor_consent and the
-- consent_in_force view both use it. Plain SQL, so PostgreSQL inlines it into the query.
CREATE OR REPLACE FUNCTION authz.in_force(withdrawn_at timestamptz, valid_from timestamptz,
                                          valid_until timestamptz, given_by text[],
                                          terms authz.consent_terms) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT withdrawn_at IS NULL AND valid_from <= app_now() AND app_now() < valid_until
       AND coalesce(consent_is_sufficient(given_by, (terms).age, (terms).own_from,
                                          (terms).guardian_also, (terms).both_guardians), false) $$;

-- Consents in force now that name the actor's organisation (a case worker's only).
CREATE OR REPLACE VIEW authz.actor_consent AS
  SELECT c.young_person_id, c.id AS consent_id, c.categories
    FROM consent c
    JOIN consent_recipient r ON r.consent_id = c.id AND r.organisation_id = authz.organisation_id()
    CROSS JOIN LATERAL (SELECT t.terms FROM authz.person_terms t
                         WHERE t.young_person_id = c.young_person_id OFFSET 0) t
   WHERE authz.case_worker()
     AND authz.in_force(c.withdrawn_at, c.valid_from, c.valid_until, c.given_by, t.terms);

-- Every relation the actor has to a person now, besides the home youth team's statutory
-- duty (decided from the person row itself): a concern report received, an active
-- enrolment at the actor's school, the user's own emergency opening in its municipality
-- (of the person: case_id NULL, or of one case), and each consent in force naming it.
CREATE OR REPLACE VIEW authz.actor_person_relation AS
  SELECT cr.young_person_id, 'CONCERN_RECEIVED'::text AS relation, NULL::uuid AS case_id,
         NULL::uuid AS consent_id, NULL::text[] AS categories
    FROM concern_report cr
   WHERE authz.case_worker() AND cr.receiver_organisation_ids @> ARRAY[authz.organisation_id()]
  UNION ALL
  SELECT s.young_person_id, 'ENROLLED', NULL, NULL, NULL
    FROM schooling s
   WHERE authz.case_worker() AND s.school_organisation_id = authz.organisation_id()
     AND s.status = 'ACTIVE'
  UNION ALL
  SELECT ea.young_person_id, 'EMERGENCY_OPEN', ea.case_id, NULL, NULL
    FROM emergency_access ea
   WHERE authz.case_worker() AND ea.user_id = authz.user_id()
     AND ea.municipality_code = authz.municipality_code()
     AND ea.opened_at <= app_now() AND app_now() < ea.expires_at
  UNION ALL
  SELECT a.young_person_id, 'CONSENT', NULL, a.consent_id, a.categories FROM authz.actor_consent a;

-- The relations that let the actor read the person's row (§6a): a consent counts when it
-- names identity or contact, an emergency opening when it opens the person.
CREATE OR REPLACE VIEW authz.actor_person_basis AS
  SELECT r.young_person_id, r.relation, r.consent_id, r.categories
    FROM authz.actor_person_relation r
   WHERE CASE r.relation
           WHEN 'CONSENT' THEN r.categories && ARRAY['IDENTITY', 'CONTACT']
           WHEN 'EMERGENCY_OPEN' THEN r.case_id IS NULL
           ELSE true END;

-- Consents in force now that name the actor's organisation, for one person: their ids and
-- the union of their categories (those overlapping wanted, when given).
CREATE OR REPLACE FUNCTION authz.consent_grant(person uuid, wanted text[] DEFAULT NULL)
  RETURNS authz.consent_grant
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      WITH granted AS (
        SELECT a.consent_id AS id, a.categories FROM authz.actor_consent a
         WHERE a.young_person_id = person AND (wanted IS NULL OR a.categories && wanted))
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
    RETURN EXISTS (SELECT 1 FROM authz.actor_person_relation r
                    WHERE r.young_person_id = person AND r.relation = 'ENROLLED');
  END $$;

CREATE OR REPLACE FUNCTION authz.concern_received(person uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN EXISTS (SELECT 1 FROM authz.actor_person_relation r
                    WHERE r.young_person_id = person AND r.relation = 'CONCERN_RECEIVED');
  END $$;

-- The actor's own active opening ("break the glass") of a record of its own municipality.
-- An opening of a case covers that case; an opening of a person covers the person and
-- every case about them.
CREATE OR REPLACE FUNCTION authz.emergency_open(person uuid, kase uuid DEFAULT NULL) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN EXISTS (SELECT 1 FROM authz.actor_person_relation r
                    WHERE r.young_person_id = person AND r.relation = 'EMERGENCY_OPEN'
                      AND (r.case_id IS NULL OR r.case_id = kase));
  END $$;
`;
