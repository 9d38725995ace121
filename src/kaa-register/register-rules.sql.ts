import { KAA_AGE_LIMIT } from './register-rules';

/**
 * The KAA register rules as SQL conditions on a young person `yp` (and, for leavers,
 * the open period `kp`), for the rule queries to run in the database. They are the
 * twins of register-rules.ts: test/calendar/rule-twins.e2e-spec.ts checks both against
 * each other over generated facts and dates.
 */

/** Per person: the schooling facts the rules look at (introduction programmes included). */
export const SCHOOLING_FACTS = `COALESCE((SELECT json_agg(json_build_object('programmeType', s.programme_type, 'status', s.status))
  FROM schooling s WHERE s.young_person_id = yp.id), '[]'::json) AS schooling`;

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
