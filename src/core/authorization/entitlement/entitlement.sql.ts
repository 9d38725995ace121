/**
 * Who sees what (DESIGN.md §6a), decided once, in SQL, from relations.
 *
 * Every rule is a predicate on the row: an EXISTS over the consents in force and their
 * recipients, case participation, current enrolment, concern reports received, the
 * actor's active emergency openings, or the statutory youth team of the row's home
 * municipality. The actor is read from the request transaction's settings (see
 * request-transaction.ts), so nothing is loaded per request and no id list grows with an
 * organisation's history.
 *
 * The row-level security policies (row-policies.sql.ts) and the services' field-level
 * decisions (contact or not, which categories of a note or referral, the legal basis to
 * log) all call these functions: there is no second copy of a rule.
 *
 * The functions that read other tables are SECURITY DEFINER (they run as the tables'
 * owner): a policy on young_person that read consent through consent's own policy, which
 * reads young_person, would recurse. They return decisions, never rows.
 *
 * Changing a rule: edit it here and add a migration that calls installEntitlement()
 * again (CREATE OR REPLACE keeps every policy that uses it).
 */

/** The request's actor, as the request transaction set it (empty outside a request). */
const ACTOR = `
CREATE SCHEMA IF NOT EXISTS authz;

CREATE OR REPLACE FUNCTION authz.setting(key text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting(key, true), '') $$;

CREATE OR REPLACE FUNCTION authz.user_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT authz.setting('app.user_id')::uuid $$;

CREATE OR REPLACE FUNCTION authz.organisation_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT authz.setting('app.organisation_id')::uuid $$;

CREATE OR REPLACE FUNCTION authz.organisation_kind() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT authz.setting('app.organisation_kind') $$;

CREATE OR REPLACE FUNCTION authz.municipality_code() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT authz.setting('app.municipality_code') $$;

CREATE OR REPLACE FUNCTION authz.has_role(VARIADIC roles text[]) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_to_array(authz.setting('app.roles'), ',') && roles, false) $$;

CREATE OR REPLACE FUNCTION authz.has_permission(permission text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(permission = ANY (string_to_array(authz.setting('app.permissions'), ',')), false) $$;

-- Only case-working roles ever see personal data (§6a); managers, auditors and admins do not.
CREATE OR REPLACE FUNCTION authz.case_worker() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.has_role('YOUTH_COORDINATOR', 'COUNSELLOR', 'SOCIAL_WORKER',
                          'EMPLOYMENT_OFFICER', 'ASSOCIATION_LEADER') $$;

CREATE OR REPLACE FUNCTION authz.own_organisation(organisation uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.case_worker() AND organisation = authz.organisation_id() $$;

-- The statutory youth team of a municipality (KAA, Skollagen 29 kap. 9 §; notices, 15 kap. 15 §).
CREATE OR REPLACE FUNCTION authz.youth_team_of(municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.case_worker() AND authz.organisation_kind() = 'YOUTH_TEAM'
       AND municipality = authz.municipality_code() $$;
`;

/** Relations read as owner: consents in force, enrolment, concern reports, emergency openings. */
const RELATIONS = `
DO $$ BEGIN
  CREATE TYPE authz.consent_grant AS (consent_ids uuid[], categories text[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE OR REPLACE FUNCTION authz.home_municipality(person uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT home_municipality_code::text FROM young_person WHERE id = person $$;

-- Consents in force now that name the actor's organisation, for one person: their ids and
-- the union of their categories. Empty for anyone but a case worker.
CREATE OR REPLACE FUNCTION authz.consent_grant(person uuid, wanted text[] DEFAULT NULL)
  RETURNS authz.consent_grant
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH granted AS (
      SELECT cif.id, cif.categories
        FROM consent_in_force cif
        JOIN consent_recipient r
          ON r.consent_id = cif.id AND r.organisation_id = authz.organisation_id()
       WHERE cif.young_person_id = person AND authz.case_worker()
         AND (wanted IS NULL OR cif.categories && wanted))
    SELECT ROW(coalesce((SELECT array_agg(DISTINCT id) FROM granted), '{}'),
               coalesce((SELECT array_agg(DISTINCT c) FROM granted, unnest(granted.categories) c), '{}')
    )::authz.consent_grant $$;

CREATE OR REPLACE FUNCTION authz.consented(person uuid, category text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT category = ANY ((authz.consent_grant(person)).categories) $$;

CREATE OR REPLACE FUNCTION authz.consented_any(person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT cardinality((authz.consent_grant(person)).categories) > 0 $$;

CREATE OR REPLACE FUNCTION authz.enrolled_here(person uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.case_worker() AND EXISTS (
      SELECT 1 FROM schooling s
       WHERE s.young_person_id = person AND s.school_organisation_id = authz.organisation_id()
         AND s.status = 'ACTIVE') $$;

CREATE OR REPLACE FUNCTION authz.concern_received(person uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.case_worker() AND EXISTS (
      SELECT 1 FROM concern_report cr
       WHERE cr.young_person_id = person
         AND cr.receiver_organisation_ids @> ARRAY[authz.organisation_id()]) $$;

-- The actor's own active opening ("break the glass") of a record of its own municipality.
-- An opening of a case covers that case; an opening of a person covers the person and
-- every case about them.
CREATE OR REPLACE FUNCTION authz.emergency_open(person uuid, kase uuid DEFAULT NULL) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.case_worker() AND EXISTS (
      SELECT 1 FROM emergency_access ea
       WHERE ea.user_id = authz.user_id() AND ea.young_person_id = person
         AND ea.municipality_code = authz.municipality_code()
         AND ea.opened_at <= app_now() AND app_now() < ea.expires_at
         AND (ea.case_id IS NULL OR ea.case_id = kase)) $$;
`;

/** Young person: identity, contact and address, KAA data; the legal basis of each. */
const PERSON = `
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
`;

/** Joint cases and their notes. */
const CASES = `
DO $$ BEGIN
  CREATE TYPE authz.case_access AS (
    visible boolean, lead boolean, categories text[], emergency boolean, basis text, consent_ids uuid[]);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- The lead organisation sees its case; a participant while a consent in force names it
-- for any category; an emergency opening for its duration.
CREATE OR REPLACE FUNCTION authz.case_access(kase uuid, lead_organisation uuid, person uuid)
  RETURNS authz.case_access
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH facts AS (
      SELECT authz.own_organisation(lead_organisation) AS lead,
             authz.case_worker() AND EXISTS (
               SELECT 1 FROM case_participant p
                WHERE p.case_id = kase AND p.organisation_id = authz.organisation_id()) AS participant,
             authz.emergency_open(person, kase) AS emergency,
             authz.consent_grant(person) AS consent)
    SELECT ROW(
      lead OR (participant AND cardinality((consent).categories) > 0) OR emergency,
      lead,
      CASE WHEN lead OR participant THEN (consent).categories ELSE '{}'::text[] END,
      emergency,
      CASE WHEN lead THEN 'OWN_ORGANISATION'
           WHEN participant AND cardinality((consent).categories) > 0 THEN 'CONSENT'
           WHEN emergency THEN 'EMERGENCY_ACCESS' END,
      CASE WHEN lead THEN '{}'::uuid[] ELSE (consent).consent_ids END
    )::authz.case_access
    FROM facts $$;

CREATE OR REPLACE FUNCTION authz.sees_case(kase uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT (authz.case_access(c.id, c.lead_organisation_id, c.young_person_id)).visible
                       FROM joint_case c WHERE c.id = kase), false) $$;

-- A note's text: its author organisation; a lead or participant consented for the note's
-- category when the note is shared with the case; an emergency opening. Everyone else who
-- sees the case gets a placeholder (category, author organisation, date).
CREATE OR REPLACE FUNCTION authz.note_content_visible(
    kase uuid, author_organisation uuid, category text, visibility text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.own_organisation(author_organisation) OR coalesce((
      SELECT (visibility = 'CASE' AND category = ANY ((a).categories)) OR (a).emergency
        FROM joint_case c, authz.case_access(c.id, c.lead_organisation_id, c.young_person_id) a
       WHERE c.id = kase AND (a).visible), false) $$;
`;

/** Referrals, concern reports, consent records, risk flags, notices, KAA, emergency openings. */
const RECORDS = `
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

-- The organisation that documented it, the organisations it names, the home youth team.
CREATE OR REPLACE FUNCTION authz.sees_consent(consent_id uuid, documented_by uuid, person uuid)
  RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT authz.own_organisation(documented_by)
        OR authz.youth_team_of(authz.home_municipality(person))
        OR (authz.case_worker() AND EXISTS (
              SELECT 1 FROM consent_recipient r
               WHERE r.consent_id = sees_consent.consent_id
                 AND r.organisation_id = authz.organisation_id())) $$;

CREATE OR REPLACE FUNCTION authz.sees_consent_id(consent_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT authz.sees_consent(c.id, c.documented_by_organisation_id, c.young_person_id)
                       FROM consent c WHERE c.id = consent_id), false) $$;

-- The school that raised it; the home municipality's youth team if a consent for SCHOOL names it.
CREATE OR REPLACE FUNCTION authz.sees_risk_flag(school uuid, person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school)
        OR (authz.youth_team_of(authz.home_municipality(person)) AND authz.consented(person, 'SCHOOL')) $$;

CREATE OR REPLACE FUNCTION authz.sees_risk_flag_id(flag uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT authz.sees_risk_flag(f.school_organisation_id, f.young_person_id)
                       FROM risk_flag f WHERE f.id = flag), false) $$;

-- The sending school (what it sent); the receiving youth team.
CREATE OR REPLACE FUNCTION authz.sees_notice(school uuid, home_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school) OR authz.youth_team_of(home_municipality) $$;

-- A school's own enrolment rows; otherwise as the person's identity.
CREATE OR REPLACE FUNCTION authz.sees_schooling(school uuid, person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school) OR authz.sees_person(person) $$;

CREATE OR REPLACE FUNCTION authz.sees_kaa_plan(plan uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT authz.youth_team_of(p.municipality_code) FROM kaa_plan p WHERE p.id = plan), false) $$;

CREATE OR REPLACE FUNCTION authz.sees_kaa_plan_version(plan_version uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT authz.sees_kaa_plan(v.plan_id) FROM kaa_plan_version v WHERE v.id = plan_version), false) $$;

-- The opener; the auditors of the opener's and of the subject's municipality.
CREATE OR REPLACE FUNCTION authz.sees_emergency_opening(
    opener uuid, subject_municipality text, opener_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT opener = authz.user_id()
        OR (authz.has_role('AUDITOR')
            AND authz.municipality_code() IN (subject_municipality, opener_municipality)) $$;
`;

export const ENTITLEMENT_SQL = [ACTOR, RELATIONS, PERSON, CASES, RECORDS];
