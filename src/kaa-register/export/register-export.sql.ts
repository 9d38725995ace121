/**
 * The KAA register of the caller's municipality in one statement, whatever its size: the
 * periods open at some time from `first` to `last` (both dates; an export "at a date" has
 * first = last), of the young people in the caller's register (`scope`), with the latest
 * occupation this municipality recorded valid on `last`. Address and phone only where
 * authz.person_row_access gives contact and the person has no protected identity: a
 * protected address never leaves in a file (DESIGN §2), whatever the caller's permission.
 */
export interface RegisterExportSqlParts {
  municipality: string;
  scope: string;
  first: string;
  last: string;
  limit: string;
}

export function registerExportSql(x: RegisterExportSqlParts): string {
  return `
SELECT p.id AS period_id, p.young_person_id, yp.personal_number, yp.given_name, yp.family_name,
       age_on(yp.birth_date, ${x.last}::date) AS age,
       p.entry_date::text AS entry_date, p.entry_reason, p.exit_date::text AS exit_date, p.exit_reason,
       CASE WHEN u.active THEN u.display_name END AS responsible_name,
       p.next_follow_up_date::text AS next_follow_up_date,
       coalesce(occ.category, 'UNKNOWN') AS occupation,
       (a.contact AND NOT yp.protected_identity) AS contact_shown,
       CASE WHEN a.contact AND NOT yp.protected_identity THEN yp.street_address END AS street_address,
       CASE WHEN a.contact AND NOT yp.protected_identity THEN yp.postal_code END AS postal_code,
       CASE WHEN a.contact AND NOT yp.protected_identity THEN yp.city END AS city,
       CASE WHEN a.contact AND NOT yp.protected_identity THEN yp.phone END AS phone
  FROM kaa_period p
  JOIN young_person yp ON yp.id = p.young_person_id AND yp.home_municipality_code = p.municipality_code
  LEFT JOIN app_user u ON u.id = p.responsible_user_id
  LEFT JOIN LATERAL (
    SELECT o.category FROM occupation o
     WHERE o.young_person_id = p.young_person_id AND o.municipality_code = p.municipality_code
       AND o.valid_from <= ${x.last}::date
     ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
  LEFT JOIN LATERAL (
    SELECT acc.contact FROM authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) acc
  ) a ON TRUE
 WHERE p.municipality_code = ${x.municipality}
   AND p.young_person_id IN (${x.scope})
   AND p.entry_date <= ${x.last}::date
   AND (p.exit_date IS NULL OR p.exit_date >= ${x.first}::date)
 ORDER BY yp.family_name, yp.given_name, p.entry_date, p.id
 LIMIT ${x.limit}`;
}
