/**
 * Measures started and ended in the half-year, each under the register period it belongs
 * to (its kaa_period_id, or the period whose dates contain it when none is set). Columns
 * line up with the other event kinds in scbExtractSql.
 */
export function measureEventsSql(p: { start: string; end: string }): string {
  const inPeriod = (date: string) =>
    `(m.kaa_period_id = pop.period_id OR (m.kaa_period_id IS NULL AND ${date} BETWEEN pop.entry_date AND COALESCE(pop.exit_date, ${p.end}::date)))`;
  return `
  SELECT pop.*, 3, 'MEASURE_STARTED', m.start_date, m.start_date, NULL, NULL, NULL, NULL, m.type, m.status, NULL
  FROM pop
  JOIN kaa_measure m ON m.young_person_id = pop.young_person_id AND m.municipality_code = pop.municipality_code
  WHERE m.start_date BETWEEN ${p.start}::date AND ${p.end}::date AND ${inPeriod('m.start_date')}
  UNION ALL
  SELECT pop.*, 4, 'MEASURE_ENDED', m.end_date, m.end_date, NULL, NULL, NULL, NULL, m.type, m.status, m.end_reason
  FROM pop
  JOIN kaa_measure m ON m.young_person_id = pop.young_person_id AND m.municipality_code = pop.municipality_code
  WHERE m.end_date BETWEEN ${p.start}::date AND ${p.end}::date AND ${inPeriod('m.end_date')}`;
}

/**
 * One statement: the periods of the caller's register (row-level security, and
 * authz.register_person for people who have moved away since) that overlap the half-year, and per
 * period its events in the half-year. Dates are text so nothing shifts with time zones;
 * contact dates are Swedish calendar dates.
 *
 * `measures` is the SQL of the measure events (measureEventsSql), or null to leave them out.
 */
export function scbExtractSql(p: {
  municipality: string;
  start: string;
  end: string;
  measures: string | null;
}): string {
  return `
WITH pop AS (
  SELECT p.id AS period_id, p.young_person_id, yp.personal_number, yp.birth_date, p.municipality_code,
         p.entry_date, p.entry_reason, p.exit_date, p.exit_reason
  FROM kaa_period p
  CROSS JOIN LATERAL authz.register_person(p.young_person_id, p.municipality_code) yp
  WHERE p.municipality_code = ${p.municipality}
    AND p.entry_date <= ${p.end}::date
    AND (p.exit_date IS NULL OR p.exit_date >= ${p.start}::date)
),
events AS (
  SELECT pop.*, 1 AS kind, 'REGISTRATION' AS record_type, pop.entry_date AS event_date,
         LEAST(${p.end}::date, COALESCE(pop.exit_date, ${p.end}::date)) AS occupation_date,
         NULL::timestamptz AS at, NULL AS contact_channel, NULL AS contact_direction, NULL AS contact_outcome,
         NULL AS measure_type, NULL AS measure_status, NULL AS measure_end_reason
  FROM pop
  UNION ALL
  SELECT pop.*, 2, 'CONTACT', c.local_date, c.local_date, ca.occurred_at, ca.channel, ca.direction, ca.outcome,
         NULL, NULL, NULL
  FROM pop
  JOIN contact_attempt ca ON ca.young_person_id = pop.young_person_id AND ca.municipality_code = pop.municipality_code
  CROSS JOIN LATERAL (SELECT stockholm_date(ca.occurred_at) AS local_date) c
  WHERE c.local_date BETWEEN GREATEST(${p.start}::date, pop.entry_date) AND LEAST(${p.end}::date, COALESCE(pop.exit_date, ${p.end}::date))
  ${p.measures ? `UNION ALL ${p.measures}` : ''}
  UNION ALL
  SELECT pop.*, 5, 'KAA_ENDED', pop.exit_date, pop.exit_date, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM pop WHERE pop.exit_date BETWEEN ${p.start}::date AND ${p.end}::date
)
SELECT e.record_type, e.personal_number AS personnummer, e.municipality_code::text AS municipality_code,
       e.young_person_id, e.birth_date::text AS birth_date, e.entry_date::text AS kaa_entry_date,
       e.entry_reason AS kaa_entry_reason, e.event_date::text AS event_date,
       e.contact_channel, e.contact_direction, e.contact_outcome,
       COALESCE(occ.category, 'UNKNOWN') AS occupation, e.occupation_date::text AS occupation_date,
       e.measure_type, e.measure_status, e.measure_end_reason,
       CASE WHEN e.record_type = 'KAA_ENDED' THEN e.exit_reason END AS kaa_exit_reason
FROM events e
LEFT JOIN LATERAL (
  SELECT o.category FROM occupation o
  WHERE o.young_person_id = e.young_person_id AND o.municipality_code = e.municipality_code
    AND o.valid_from <= e.occupation_date
  ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
ORDER BY e.personal_number, e.entry_date, e.event_date, e.kind, e.at, e.measure_type`;
}
