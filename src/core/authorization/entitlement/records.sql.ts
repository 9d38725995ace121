/** Risk flags, notices, schooling and the KAA register. */
export const RECORDS_SQL = `
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
`;
