import { PURGED_TEXT, SETTINGS_SQL } from './retention-defaults';

/**
 * The batch selectors of one purge pass, per municipality ($1) and batch size ($2). Each
 * locks what it returns (SKIP LOCKED), so a batch is one short transaction and a record a
 * concurrent request holds is simply left for the next run.
 */
const settingsOf = (column: string) => `JOIN (${SETTINGS_SQL}) s ON s.code = ${column}`;

/** Swedish today: register dates are Swedish calendar dates. */
const TODAY = 'app_today()';

export const CLOSED_CASES_SQL = `
  SELECT jc.id FROM joint_case jc ${settingsOf('jc.municipality_code')}
  WHERE jc.municipality_code = $1 AND jc.status = 'CLOSED' AND jc.content_purged_at IS NULL
    AND jc.closed_at < app_now() - make_interval(months => s.closed_case_months)
  ORDER BY jc.closed_at, jc.id LIMIT $2 FOR UPDATE OF jc SKIP LOCKED`;

/** ESCALATED counts as resolved: the flag became a notice, which has its own period. */
export const RESOLVED_FLAGS_SQL = `
  SELECT f.id FROM risk_flag f ${settingsOf('f.school_municipality_code')}
  WHERE f.school_municipality_code = $1 AND f.status IN ('RESOLVED','ESCALATED')
    AND f.content_purged_at IS NULL
    AND f.status_changed_at < app_now() - make_interval(months => s.notice_flag_months)
  ORDER BY f.status_changed_at, f.id LIMIT $2 FOR UPDATE OF f SKIP LOCKED`;

/** Notices count under the receiving (home) municipality, whose register acted on them. */
export const ACKNOWLEDGED_NOTICES_SQL = `
  SELECT n.id FROM school_notice n ${settingsOf('n.home_municipality_code')}
  WHERE n.home_municipality_code = $1 AND n.status = 'ACKNOWLEDGED' AND n.content_purged_at IS NULL
    AND n.acknowledged_at < app_now() - make_interval(months => s.notice_flag_months)
  ORDER BY n.acknowledged_at, n.id LIMIT $2 FOR UPDATE OF n SKIP LOCKED`;

export const WITHDRAWN_CONSENTS_SQL = `
  SELECT c.id FROM consent c ${settingsOf('c.municipality_code')}
  WHERE c.municipality_code = $1 AND c.withdrawn_at IS NOT NULL AND c.content_purged_at IS NULL
    AND c.withdrawn_at < app_now() - make_interval(months => s.withdrawn_consent_months)
  ORDER BY c.withdrawn_at, c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED`;

/** The latest register period of yp and the day the person left KAA for good (or NULL). */
const LEFT_ON = `
  CROSS JOIN LATERAL (
    SELECT p.municipality_code, p.exit_date, p.exit_reason FROM kaa_period p
    WHERE p.young_person_id = yp.id
    ORDER BY p.exit_date DESC NULLS FIRST, p.entry_date DESC LIMIT 1) last
  CROSS JOIN LATERAL (
    SELECT CASE WHEN last.exit_date IS NULL THEN NULL
                WHEN last.exit_reason IN ('TURNED_20','MOVED_AWAY') THEN last.exit_date
                WHEN (yp.birth_date + interval '20 years')::date <= ${TODAY}
                  THEN GREATEST(last.exit_date, (yp.birth_date + interval '20 years')::date)
           END AS left_on) gone
  ${settingsOf('last.municipality_code')}`;

/**
 * People who left KAA for good (DESIGN.md §7) more than the KAA period ago. "Left for
 * good": no open register period anywhere (the latest period, open ones first, is
 * closed), and the latest period ended with TURNED_20 or MOVED_AWAY (counted from its exit
 * date), or the person is 20 or older now (counted from the later of the exit date and the
 * 20th birthday: the register duty ends at 20 whatever the exit reason). The municipality
 * is that of the latest period, and its KAA period applies.
 */
const PAST_KAA = `last.municipality_code = $1 AND gone.left_on < ${TODAY} - make_interval(months => s.kaa_months)`;

/**
 * True while the person (alias yp) still has KAA content the strip removes: a plan, or
 * free text on a register event. Selecting on what is there, not on a mark, also picks a
 * person again who came back into a register after an earlier strip and left again.
 */
export const HAS_KAA_CONTENT = `(
  EXISTS (SELECT 1 FROM kaa_plan x WHERE x.young_person_id = yp.id)
  OR EXISTS (SELECT 1 FROM occupation x WHERE x.young_person_id = yp.id AND x.note IS NOT NULL)
  OR EXISTS (SELECT 1 FROM contact_attempt x WHERE x.young_person_id = yp.id AND x.note IS NOT NULL)
  OR EXISTS (SELECT 1 FROM kaa_measure x WHERE x.young_person_id = yp.id
               AND (x.description IS NOT NULL OR x.end_note IS NOT NULL))
  OR EXISTS (SELECT 1 FROM kaa_closure x WHERE x.young_person_id = yp.id
               AND (x.note IS NOT NULL OR x.occupation_title <> '${PURGED_TEXT}'
                    OR x.programme <> '${PURGED_TEXT}')))`;

/** Their KAA content goes, whatever other records still keep the person. */
export const KAA_CONTENT_SQL = `
  SELECT yp.id FROM young_person yp ${LEFT_ON}
  WHERE ${PAST_KAA} AND ${HAS_KAA_CONTENT}
  ORDER BY yp.id LIMIT $2 FOR UPDATE OF yp SKIP LOCKED`;

/**
 * The person is anonymised when, besides, no other municipality has the register duty now
 * (someone under 20 who moved to another municipality of the portal is that one's to
 * follow: only the old register's content goes), no school has them enrolled, every joint
 * case is closed past its municipality's case period, every flag resolved and every
 * notice acknowledged past the notice period, and no emergency access is open.
 */
export const LEFT_FOR_GOOD_SQL = `
  SELECT yp.id FROM young_person yp ${LEFT_ON}
  WHERE yp.anonymised_at IS NULL AND ${PAST_KAA}
    AND (yp.home_municipality_code = last.municipality_code
         OR (yp.birth_date + interval '20 years')::date <= ${TODAY})
    AND NOT EXISTS (
      SELECT 1 FROM schooling sc WHERE sc.young_person_id = yp.id AND sc.status = 'ACTIVE')
    AND NOT EXISTS (
      SELECT 1 FROM joint_case jc ${settingsOf('jc.municipality_code')}
      WHERE jc.young_person_id = yp.id
        AND (jc.status = 'OPEN' OR jc.closed_at >= app_now() - make_interval(months => s.closed_case_months)))
    AND NOT EXISTS (
      SELECT 1 FROM risk_flag f ${settingsOf('f.school_municipality_code')}
      WHERE f.young_person_id = yp.id
        AND (f.status NOT IN ('RESOLVED','ESCALATED')
             OR f.status_changed_at >= app_now() - make_interval(months => s.notice_flag_months)))
    AND NOT EXISTS (
      SELECT 1 FROM school_notice n ${settingsOf('n.home_municipality_code')}
      WHERE n.young_person_id = yp.id
        AND (n.status <> 'ACKNOWLEDGED'
             OR n.acknowledged_at >= app_now() - make_interval(months => s.notice_flag_months)))
    AND NOT EXISTS (
      SELECT 1 FROM emergency_access ea WHERE ea.young_person_id = yp.id AND ea.expires_at > app_now())
  ORDER BY yp.id LIMIT $2 FOR UPDATE OF yp SKIP LOCKED`;

/**
 * Sealed access-log rows of the municipality past its own log period (access_log_years,
 * 5 unless set; independent of the data periods above), oldest first. Rows count for the
 * subject's municipality, or the actor's when they name none.
 */
export const OLD_LOG_ROWS_SQL = `
  SELECT l.seal_seq::text AS id FROM access_log l
  WHERE (l.subject_municipality_code = $1
         OR (l.subject_municipality_code IS NULL AND l.actor_municipality_code = $1))
    AND l.hash IS NOT NULL
    AND l.occurred_at < app_now() - make_interval(years => access_log_years($1))
  ORDER BY l.seal_seq LIMIT $2`;
