/** The request's actor, as the request transaction set it (empty outside a request). */
export const ACTOR_SQL = `
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
