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
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT authz.case_worker() AND EXISTS (
        SELECT 1 FROM emergency_access ea
         WHERE ea.user_id = authz.user_id() AND ea.case_id = kase
           AND ea.municipality_code = authz.municipality_code()
           AND ea.opened_at <= app_now() AND app_now() < ea.expires_at));
  END $$;

-- The lead organisation sees its case; a participant while a consent in force names it
-- for any category; an emergency opening of the case for its duration. categories: what
-- the consents that let a participant see the case cover. The lead needs no consent to
-- see its case, so its consents are looked up only where they decide something (a note's
-- text, note_access), not for every case of a list.
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
    IF participant THEN consent := authz.consent_grant(person); END IF;
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

-- Whether the actor sees a case (row-level security of its notes, tasks, participants...):
-- the lead without further lookups, else as case_access decides.
CREATE OR REPLACE FUNCTION authz.sees_case(kase uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    kase_row record;
  BEGIN
    SELECT c.lead_organisation_id, c.young_person_id INTO kase_row FROM joint_case c WHERE c.id = kase;
    IF NOT FOUND THEN RETURN false; END IF;
    RETURN authz.own_organisation(kase_row.lead_organisation_id)
        OR (authz.case_access(kase, kase_row.lead_organisation_id, kase_row.young_person_id)).visible;
  END $$;

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
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    kase_row record;
    a authz.case_access;
    consent authz.consent_grant;
  BEGIN
    SELECT c.lead_organisation_id, c.young_person_id INTO kase_row FROM joint_case c WHERE c.id = kase;
    IF NOT FOUND THEN RETURN NULL; END IF;
    IF authz.own_organisation(author_organisation) THEN
      RETURN ROW(true, 'OWN_ORGANISATION', '{}'::uuid[])::authz.note_access;
    END IF;
    a := authz.case_access(kase, kase_row.lead_organisation_id, kase_row.young_person_id);
    -- The lead or a consented participant (not an emergency opening alone).
    IF a.visible AND visibility = 'CASE' AND (a.lead OR a.basis = 'CONSENT') THEN
      consent := authz.consent_grant(kase_row.young_person_id, ARRAY[category]);
      IF cardinality(consent.consent_ids) > 0 THEN
        RETURN ROW(true, 'CONSENT', consent.consent_ids)::authz.note_access;
      END IF;
    END IF;
    RETURN ROW(a.visible AND a.emergency,
               CASE WHEN a.visible THEN a.basis END,
               CASE WHEN a.visible THEN a.consent_ids ELSE '{}'::uuid[] END)::authz.note_access;
  END $$;

CREATE OR REPLACE FUNCTION authz.note_content_visible(
    kase uuid, author_organisation uuid, category text, visibility text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((authz.note_access(kase, author_organisation, category, visibility)).content,
                    authz.own_organisation(author_organisation)) $$;
`;
