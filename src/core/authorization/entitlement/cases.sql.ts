/** Joint cases and their notes. */
export const CASES_SQL = `
DO $$ BEGIN
  CREATE TYPE authz.case_access AS (
    visible boolean, lead boolean, categories text[], emergency boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The actor's own active emergency opening of this very case. An opening opens the record
-- it names (§6): an opening of the person alone widens the view of the person, not of the
-- cases about them, which §6a keeps to the lead and consented participants.
CREATE OR REPLACE FUNCTION authz.case_opened(kase uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.case_worker() AND EXISTS (
      SELECT 1 FROM emergency_access ea
       WHERE ea.user_id = authz.user_id() AND ea.case_id = kase
         AND ea.municipality_code = authz.municipality_code()
         AND ea.opened_at <= app_now() AND app_now() < ea.expires_at) $$;

-- The lead organisation sees its case; a participant while a consent in force names it
-- for any category; an emergency opening of the case for its duration.
CREATE OR REPLACE FUNCTION authz.case_access(kase uuid, lead_organisation uuid, person uuid)
  RETURNS authz.case_access
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    lead boolean := authz.own_organisation(lead_organisation);
    participant boolean := NOT lead AND authz.case_worker() AND EXISTS (
      SELECT 1 FROM case_participant p
       WHERE p.case_id = kase AND p.organisation_id = authz.organisation_id());
    emergency boolean := authz.case_opened(kase);
    consent authz.consent_grant;
  BEGIN
    -- Most cases of a region are none of the actor's: decided without reading consents.
    IF NOT (lead OR participant OR emergency) THEN
      RETURN ROW(false, false, '{}'::text[], false, NULL, '{}'::uuid[])::authz.case_access;
    END IF;
    IF lead OR participant THEN consent := authz.consent_grant(person); END IF;
    RETURN ROW(
      lead OR (participant AND cardinality(consent.categories) > 0) OR emergency,
      lead,
      coalesce(consent.categories, '{}'::text[]),
      emergency,
      CASE WHEN lead THEN 'OWN_ORGANISATION'
           WHEN participant AND cardinality(consent.categories) > 0 THEN 'CONSENT'
           WHEN emergency THEN 'EMERGENCY_ACCESS' END,
      CASE WHEN participant AND cardinality(consent.categories) > 0
           THEN consent.consent_ids ELSE '{}'::uuid[] END
    )::authz.case_access;
  END $$;

CREATE OR REPLACE FUNCTION authz.sees_case(kase uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT (authz.case_access(c.id, c.lead_organisation_id, c.young_person_id)).visible
                       FROM joint_case c WHERE c.id = kase), false) $$;

-- Where to start looking for the actor's cases: those its organisation leads or takes part
-- in, and those its own emergency openings name, straight from the indexes. A superset of
-- what it sees (case_access decides); only ids it is a party to. A list that filtered on
-- these relations itself would have them judged after row-level security, i.e. every case
-- of the country through case_access first.
CREATE OR REPLACE FUNCTION authz.case_candidates_upto(upto int) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 50 AS $$
    (SELECT c.id FROM joint_case c
      WHERE c.lead_organisation_id = authz.organisation_id() AND authz.case_worker() LIMIT upto)
    UNION ALL
    (SELECT p.case_id FROM case_participant p
      WHERE p.organisation_id = authz.organisation_id() AND authz.case_worker() LIMIT upto)
    UNION ALL
    (SELECT ea.case_id FROM emergency_access ea
      WHERE ea.user_id = authz.user_id() AND ea.case_id IS NOT NULL AND app_now() < ea.expires_at
        AND authz.case_worker() LIMIT upto) $$;

-- All of them, once each (case_candidates_upto, limited per relation: a bounded look that
-- tells an organisation with a few cases from one with many).
CREATE OR REPLACE FUNCTION authz.case_candidates() RETURNS SETOF uuid
  LANGUAGE sql STABLE ROWS 50 AS $$ SELECT DISTINCT c FROM authz.case_candidates_upto(NULL) c $$;

DO $$ BEGIN
  CREATE TYPE authz.note_access AS (content boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- A note's text: its author organisation; a lead or participant consented for the note's
-- category when the note is shared with the case; an emergency opening. Everyone else who
-- sees the case gets a placeholder (category, author organisation, date). The basis to log
-- goes with the decision: the author's own record; the consents for the note's category
-- behind its text; else whatever lets the caller see the case (lead, consent, emergency).
CREATE OR REPLACE FUNCTION authz.note_access(
    kase uuid, author_organisation uuid, category text, visibility text) RETURNS authz.note_access
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH f AS (
      SELECT authz.own_organisation(author_organisation) AS own, c.young_person_id AS person,
             (a).visible AND visibility = 'CASE' AND category = ANY ((a).categories) AS consented,
             (a).visible AND (a).emergency AS emergency, (a).visible AS visible,
             (a).basis AS basis, (a).consent_ids AS consent_ids
        FROM joint_case c, authz.case_access(c.id, c.lead_organisation_id, c.young_person_id) a
       WHERE c.id = kase)
    SELECT ROW(
      own OR consented OR emergency,
      CASE WHEN own THEN 'OWN_ORGANISATION' WHEN consented THEN 'CONSENT'
           WHEN visible THEN basis END,
      CASE WHEN own THEN '{}'::uuid[]
           WHEN consented THEN (authz.consent_grant(person, ARRAY[category])).consent_ids
           WHEN visible THEN consent_ids ELSE '{}'::uuid[] END
    )::authz.note_access
    FROM f $$;

CREATE OR REPLACE FUNCTION authz.note_content_visible(
    kase uuid, author_organisation uuid, category text, visibility text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((authz.note_access(kase, author_organisation, category, visibility)).content,
                    authz.own_organisation(author_organisation)) $$;
`;
