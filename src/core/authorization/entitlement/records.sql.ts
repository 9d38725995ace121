/** Risk flags, notices, schooling and the KAA register. */
export const RECORDS_SQL = `
-- The school that raised it; the home municipality's youth team if a consent for SCHOOL names it.
CREATE OR REPLACE FUNCTION authz.sees_risk_flag(school uuid, person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school)
        OR (authz.youth_team_of(authz.home_municipality(person)) AND authz.consented(person, 'SCHOOL')) $$;

CREATE OR REPLACE FUNCTION authz.sees_risk_flag_id(flag uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT coalesce((SELECT authz.sees_risk_flag(f.school_organisation_id, f.young_person_id)
                         FROM risk_flag f WHERE f.id = flag), false));
  END $$;

-- The sending school (what it sent); the receiving youth team.
CREATE OR REPLACE FUNCTION authz.sees_notice(school uuid, home_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school) OR authz.youth_team_of(home_municipality) $$;

-- A school's own enrolment rows; otherwise as the person's identity.
CREATE OR REPLACE FUNCTION authz.sees_schooling(school uuid, person uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT authz.own_organisation(school) OR authz.sees_person(person) $$;

CREATE OR REPLACE FUNCTION authz.sees_kaa_plan(plan uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT coalesce((SELECT authz.youth_team_of(p.municipality_code) FROM kaa_plan p WHERE p.id = plan), false));
  END $$;

CREATE OR REPLACE FUNCTION authz.sees_kaa_plan_version(plan_version uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  #variable_conflict use_column
  BEGIN
    RETURN (
      SELECT coalesce((SELECT authz.sees_kaa_plan(v.plan_id) FROM kaa_plan_version v WHERE v.id = plan_version), false));
  END $$;

-- A person of the actor's KAA register (a period of that municipality), as the register
-- keeps them: the youth team that must close a period and report it to SCB (MOVED_AWAY)
-- still identifies the person after a move away. Only the register's own queries use it;
-- young_person's rows stay the home municipality's (person_row_access).
CREATE OR REPLACE FUNCTION authz.register_person(person uuid, municipality text)
  RETURNS SETOF young_person
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT yp.* FROM young_person yp
     WHERE yp.id = person AND authz.youth_team_of(municipality)
       AND EXISTS (SELECT 1 FROM kaa_period p
                    WHERE p.young_person_id = person AND p.municipality_code = municipality) $$;
`;
