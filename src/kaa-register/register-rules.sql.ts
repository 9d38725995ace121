import { KAA_AGE_LIMIT } from './register-rules';

/**
 * The KAA register rules as SQL conditions on a young person `yp` (and, for leavers,
 * the open period `kp`), for the rule queries to run in the database. They are the
 * twins of register-rules.ts: test/calendar/rule-twins.e2e-spec.ts checks both against
 * each other over generated facts and dates.
 */

/** A register_source row `rs` as the reasons show it (reconciliation-reasons.ts SourceRef). */
const SOURCE_REF = `json_build_object('id', rs.id, 'kind', rs.kind, 'name', rs.name, 'sourceDate', rs.source_date)`;

/**
 * Per person: the schooling facts the rules look at (introduction programmes included),
 * each with the source it came from when the caller sees that source.
 */
export const SCHOOLING_FACTS = `COALESCE((SELECT json_agg(json_build_object('programmeType', s.programme_type, 'status', s.status,
    'schoolName', s.school_name, 'programmeCode', s.programme_code,
    'source', (SELECT ${SOURCE_REF} FROM register_source rs WHERE rs.id = s.source_id)) ORDER BY s.start_date)
  FROM schooling s WHERE s.young_person_id = yp.id), '[]'::json) AS schooling`;

/** Per person: the population extract that last confirmed where they live, and a move in. */
export const RESIDENCE_FACTS = `(SELECT ${SOURCE_REF} FROM register_source rs WHERE rs.id = yp.residence_source_id) AS residence,
  yp.moved_in_on::text AS moved_in_on`;

/** The latest population extract of a register's municipality, as `lp` (LATERAL). */
export const latestPopulationSql = (municipality: string) => `LEFT JOIN LATERAL (
    SELECT rs.id, rs.created_at, rs.source_date, ${SOURCE_REF} AS ref FROM register_source rs
     WHERE rs.municipality_code = ${municipality} AND rs.kind = 'POPULATION_REGISTER'
     ORDER BY rs.source_date DESC, rs.created_at DESC LIMIT 1) lp ON TRUE`;

/**
 * A resident the latest population extract does not list: the person was known before it
 * was imported and did not move in after its date, yet it did not confirm them. Such a
 * person should leave the register, and is no longer one who should enter it.
 */
export const notInLatestPopulationSql = (municipality: string) => `(lp.id IS NOT NULL
  AND yp.home_municipality_code = ${municipality}
  AND yp.residence_source_id IS DISTINCT FROM lp.id AND yp.created_at < lp.created_at
  AND coalesce(yp.moved_in_on, '-infinity'::date) < lp.source_date)`;

/** Finished compulsory school: a completed COMPULSORY row, or any later schooling. */
const FINISHED_COMPULSORY = `EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
  AND ((s.programme_type = 'COMPULSORY' AND s.status = 'COMPLETED') OR s.programme_type <> 'COMPULSORY'))`;

/** In or through a national programme; introduktionsprogram do not count (since 2018). */
const NATIONAL = `EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
  AND s.programme_type = 'NATIONAL' AND s.status IN ('ACTIVE','COMPLETED'))`;

/** Under 20 today (Swedish date), finished compulsory school, not in or through a national programme. */
export const BELONGS_IN_REGISTER_SQL = `(age_on(yp.birth_date, app_today()) < ${KAA_AGE_LIMIT}
  AND ${FINISHED_COMPULSORY} AND NOT ${NATIONAL})`;

/** An open period should end: turned 20, moved away, or in or through a national programme. */
export const SHOULD_LEAVE_SQL = `(age_on(yp.birth_date, app_today()) >= ${KAA_AGE_LIMIT}
  OR yp.home_municipality_code <> kp.municipality_code OR ${NATIONAL})`;

/**
 * The person of an open period \`kp\` as \`yp\`, as the register keeps them: the resident
 * under row-level security, or, only when they moved away (PostgreSQL gates the second
 * branch on its NOT EXISTS, which names only \`kp\`), authz.register_person, whose
 * per-row call is what a 50 000-period register cannot pay for everyone.
 */
export const REGISTER_PERSON_SQL = `CROSS JOIN LATERAL (
    SELECT r.* FROM young_person r
     WHERE r.id = kp.young_person_id AND r.home_municipality_code = kp.municipality_code
    UNION ALL
    SELECT m.* FROM authz.register_person(kp.young_person_id, kp.municipality_code) m
     WHERE NOT EXISTS (SELECT 1 FROM young_person r
                        WHERE r.id = kp.young_person_id AND r.home_municipality_code = kp.municipality_code)) yp`;
