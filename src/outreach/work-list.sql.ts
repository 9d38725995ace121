/**
 * The work list's rule, in one place: work_list_compute(period ids) (installed by the
 * migration 1764940000000-work-list-priority; a change of the rule is a new migration
 * that replaces the function). Rules (also in README.md):
 *
 * population: open KAA period of the caller's municipality, the young person's home
 *   municipality is that municipality, and the current occupation (latest valid_from
 *   <= today recorded by this municipality) is missing or UNKNOWN — or, when the
 *   municipality has a contact-frequency rule (outreach_setting.contact_every_weeks = N),
 *   the person has not been contacted for N weeks (counted from the entry date at most).
 * contacts: those of this municipality since the period's entry date (from 00:00 Swedish time).
 * reasons, by rank:
 *   1 NO_RESPONSIBLE           no responsible coordinator, or the account is deactivated
 *   2 NO_FOLLOW_UP_DATE        no next follow-up date
 *   3 FOLLOW_UP_OVERDUE        next follow-up date before today
 *   4 NEVER_CONTACTED          no contact attempt in the period
 *   5 GUARDIAN_DECLINED_BOOK_HOME_VISIT  under 18, a guardian declined contact (guardian
 *                              record or a GUARDIAN_DECLINED outcome), no home visit since
 *                              and none booked (a PLANNED home_visit from today on)
 *   6 LETTERS_UNANSWERED_HOME_VISIT_DUE  a LETTER with NO_RESPONSE, neither REACHED
 *                              nor a home visit since the latest such letter, none booked
 *   7 CONTACT_OVERDUE          the contact-frequency rule: no contact for N weeks
 *   8 KEEP_IN_TOUCH            everyone else (only when no other reason applies)
 * order within a rank: 1, 2, 4 by entry date; 3 by follow-up date; 5–8 by last contact
 *   (oldest first); ties by period id.
 *
 * The answer depends on the day, so each row also says until when it holds
 * (valid_until): the first moment a follow-up date passes, the person turns 18 (a day
 * early: age_on's leap-day rule need not be repeated), a booked visit's day ends, a later
 * occupation starts or N weeks without contact are up. A page reads the rows still valid
 * from the index and recomputes the expired ones (few: the clock job refreshes them).
 */
export const WORK_LIST_ENTRY_COLUMNS = [
  'kaa_period_id',
  'municipality_code',
  'young_person_id',
  'in_list',
  'priority',
  'reasons',
  'sort_key',
  'responsible_user_id',
  'birth_date',
  'entry_date',
  'next_follow_up_date',
  'contact_count',
  'last_contact_at',
  'last_contact_channel',
  'last_contact_outcome',
  'occupation_known',
  'next_home_visit_at',
  'valid_from',
  'valid_until',
] as const;

/** The body of work_list_compute(ids uuid[]): one row per open period in `ids` of a resident. */
export const WORK_LIST_COMPUTE_SQL = `
WITH clk AS MATERIALIZED (
  -- The day's clock once, not per row (each clk.today reads a setting and converts a zone).
  SELECT app_now() AS now, app_today() AS today, stockholm_day_start(app_today()) AS today_start
),
-- The periods asked for first (a fence): otherwise the planner may compute every
-- period's lookups and only then keep those in ids.
periods AS MATERIALIZED (
  SELECT p.* FROM kaa_period p
  JOIN young_person yp ON yp.id = p.young_person_id AND yp.home_municipality_code = p.municipality_code
  WHERE p.id IN (SELECT unnest(ids)) AND p.exit_date IS NULL
),
base AS (
  SELECT clk.now, clk.today, p.id AS kaa_period_id, p.municipality_code, p.young_person_id, p.entry_date, p.responsible_user_id,
         p.next_follow_up_date, yp.birth_date,
         (p.responsible_user_id IS NULL OR u.active IS NOT TRUE) AS no_responsible,
         c.contact_count, c.last_contact_at, lc.channel AS last_contact_channel,
         lc.outcome AS last_contact_outcome, c.last_reached_at, c.last_home_visit_at,
         c.last_unanswered_letter_at,
         age.under_18,
         NULLIF(GREATEST(COALESCE(g.declined_at, '-infinity'), COALESCE(c.last_guardian_declined_at, '-infinity')),
                '-infinity') AS guardian_declined_at,
         (g.declined_at IS NOT NULL OR c.last_guardian_declined_at IS NOT NULL) AS guardian_declined,
         (occ.category IS NOT NULL AND occ.category <> 'UNKNOWN') AS occupation_known,
         occ_next.valid_from AS next_occupation_from,
         rule.every,
         (rule.every IS NOT NULL AND COALESCE(c.last_contact_at, stockholm_day_start(p.entry_date))
            < clk.now - rule.every) AS contact_overdue,
         hv.next_at AS next_home_visit_at
  FROM periods p
  CROSS JOIN clk
  JOIN young_person yp ON yp.id = p.young_person_id
  -- Once per row (OFFSET 0): age_on is not inlined, and the rule reads under_18 often.
  CROSS JOIN LATERAL (SELECT age_on(yp.birth_date, clk.today) < 18 AS under_18 OFFSET 0) age
  LEFT JOIN LATERAL (
    SELECT make_interval(weeks => os.contact_every_weeks) AS every
    FROM (SELECT 1) one LEFT JOIN outreach_setting os ON os.municipality_code = p.municipality_code) rule ON TRUE
  LEFT JOIN app_user u ON u.id = p.responsible_user_id
  LEFT JOIN LATERAL (
    SELECT o.category FROM occupation o
    WHERE o.young_person_id = p.young_person_id AND o.municipality_code = p.municipality_code
      AND o.valid_from <= clk.today
    ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
  LEFT JOIN LATERAL (
    SELECT min(o.valid_from) AS valid_from FROM occupation o
    WHERE o.young_person_id = p.young_person_id AND o.municipality_code = p.municipality_code
      AND o.valid_from > clk.today) occ_next ON TRUE
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS contact_count,
           max(ca.occurred_at) AS last_contact_at,
           max(ca.occurred_at) FILTER (WHERE ca.outcome = 'REACHED') AS last_reached_at,
           max(ca.occurred_at) FILTER (WHERE ca.channel = 'HOME_VISIT') AS last_home_visit_at,
           max(ca.occurred_at) FILTER (WHERE ca.channel = 'LETTER' AND ca.outcome = 'NO_RESPONSE') AS last_unanswered_letter_at,
           max(ca.occurred_at) FILTER (WHERE ca.outcome = 'GUARDIAN_DECLINED') AS last_guardian_declined_at
    FROM contact_attempt ca
    WHERE ca.young_person_id = p.young_person_id AND ca.municipality_code = p.municipality_code
      AND ca.occurred_at >= stockholm_day_start(p.entry_date)) c ON TRUE
  LEFT JOIN LATERAL (
    SELECT ca.channel, ca.outcome FROM contact_attempt ca
    WHERE ca.young_person_id = p.young_person_id AND ca.municipality_code = p.municipality_code
      AND ca.occurred_at >= stockholm_day_start(p.entry_date)
    ORDER BY ca.occurred_at DESC, ca.created_at DESC LIMIT 1) lc ON TRUE
  LEFT JOIN LATERAL (
    SELECT max(COALESCE(gd.declined_contact_at, '-infinity'::timestamptz)) AS declined_at
    FROM guardian gd WHERE gd.young_person_id = p.young_person_id AND gd.declined_contact
    HAVING count(*) > 0) g ON TRUE
  LEFT JOIN LATERAL (
    SELECT min(v.planned_at) AS next_at FROM home_visit v
    WHERE v.young_person_id = p.young_person_id AND v.municipality_code = p.municipality_code
      AND v.status = 'PLANNED' AND v.planned_at >= clk.today_start) hv ON TRUE
),
flagged AS (
  SELECT b.*,
    (b.occupation_known IS NOT TRUE
      OR (b.every IS NOT NULL AND stockholm_day_start(b.entry_date) < b.now - b.every
          AND NOT EXISTS (
            SELECT 1 FROM contact_attempt ca
            WHERE ca.young_person_id = b.young_person_id AND ca.municipality_code = b.municipality_code
              AND ca.occurred_at >= b.now - b.every))) AS in_list,
    array_remove(ARRAY[
      CASE WHEN b.no_responsible THEN 'NO_RESPONSIBLE' END,
      CASE WHEN b.next_follow_up_date IS NULL THEN 'NO_FOLLOW_UP_DATE' END,
      CASE WHEN b.next_follow_up_date < b.today THEN 'FOLLOW_UP_OVERDUE' END,
      CASE WHEN b.contact_count = 0 THEN 'NEVER_CONTACTED' END,
      CASE WHEN b.under_18 AND b.guardian_declined AND b.next_home_visit_at IS NULL
            AND (b.last_home_visit_at IS NULL OR b.last_home_visit_at < b.guardian_declined_at)
           THEN 'GUARDIAN_DECLINED_BOOK_HOME_VISIT' END,
      CASE WHEN b.last_unanswered_letter_at IS NOT NULL AND b.next_home_visit_at IS NULL
            AND (b.last_reached_at IS NULL OR b.last_reached_at < b.last_unanswered_letter_at)
            AND (b.last_home_visit_at IS NULL OR b.last_home_visit_at < b.last_unanswered_letter_at)
           THEN 'LETTERS_UNANSWERED_HOME_VISIT_DUE' END,
      CASE WHEN b.contact_overdue THEN 'CONTACT_OVERDUE' END], NULL) AS needs
  FROM base b
),
ranked AS (
  SELECT f.*, r.reasons,
    array_position(ARRAY['NO_RESPONSIBLE','NO_FOLLOW_UP_DATE','FOLLOW_UP_OVERDUE','NEVER_CONTACTED',
      'GUARDIAN_DECLINED_BOOK_HOME_VISIT','LETTERS_UNANSWERED_HOME_VISIT_DUE','CONTACT_OVERDUE',
      'KEEP_IN_TOUCH'], r.reasons[1]) AS priority
  FROM flagged f
  CROSS JOIN LATERAL (
    SELECT CASE WHEN cardinality(f.needs) = 0 THEN ARRAY['KEEP_IN_TOUCH'] ELSE f.needs END AS reasons) r
)
SELECT r.kaa_period_id, r.municipality_code, r.young_person_id, r.in_list, r.priority, r.reasons,
  CASE WHEN r.priority = 3 THEN stockholm_day_start(r.next_follow_up_date)
       WHEN r.priority IN (1, 2, 4) THEN stockholm_day_start(r.entry_date)
       ELSE COALESCE(r.last_contact_at, stockholm_day_start(r.entry_date)) END AS sort_key,
  r.responsible_user_id, r.birth_date, r.entry_date, r.next_follow_up_date, r.contact_count,
  r.last_contact_at, r.last_contact_channel, r.last_contact_outcome, r.occupation_known,
  r.next_home_visit_at, r.now AS valid_from,
  LEAST(
    CASE WHEN r.next_follow_up_date >= r.today THEN stockholm_day_start(r.next_follow_up_date + 1) END,
    CASE WHEN r.under_18 THEN stockholm_day_start((r.birth_date + interval '18 years' - interval '1 day')::date) END,
    CASE WHEN r.next_home_visit_at IS NOT NULL THEN stockholm_day_start(stockholm_date(r.next_home_visit_at) + 1) END,
    CASE WHEN r.every IS NOT NULL AND NOT r.contact_overdue
         THEN COALESCE(r.last_contact_at, stockholm_day_start(r.entry_date)) + r.every END,
    stockholm_day_start(r.next_occupation_from),
    'infinity'::timestamptz) AS valid_until
FROM ranked r`;

export interface WorkListSqlParts {
  municipality: string;
  /** Conditions on `k`, a work_list_entry row (see WORK_LIST_TERMS). */
  filters: string[];
  cursor: string | null;
  limit: string;
}

/** Terms on a work_list_entry row `k` that filters and the page compute at read time. */
export const WORK_LIST_TERMS = {
  age: 'age_on(k.birth_date, (SELECT today FROM clk))',
  daysSinceContact: `((SELECT today FROM clk) - COALESCE(stockholm_date(k.last_contact_at), k.entry_date))`,
};

const ORDER = 'k.priority, k.sort_key, k.kaa_period_id';
const FRESH = 'k.valid_from <= (SELECT now FROM clk) AND k.valid_until > (SELECT now FROM clk)';

/**
 * One page in one statement: the fresh rows of the municipality in index order, merged
 * with the expired ones recomputed now; the total counts both. Row-level security on
 * work_list_entry keeps it to the youth team of the municipality (authz.youth_team_of,
 * as the register's own rows). The page's rows then get names, the responsible's name,
 * and the address and phone where the caller may see them (authz.person_row_access:
 * protected identity hides them), so that costs the page only.
 */
export function workListSql(x: WorkListSqlParts): string {
  const where = (...more: (string | null)[]) =>
    [...x.filters, ...more].filter((c): c is string => !!c).join(' AND ') || 'TRUE';
  return `
WITH clk AS MATERIALIZED (SELECT app_now() AS now, app_today() AS today),
stale AS MATERIALIZED (
  SELECT c.* FROM work_list_compute(ARRAY(
    SELECT e.kaa_period_id FROM work_list_entry e
     WHERE e.municipality_code = ${x.municipality} AND e.valid_until <= (SELECT now FROM clk)
    UNION
    SELECT e.kaa_period_id FROM work_list_entry e
     WHERE e.municipality_code = ${x.municipality} AND e.valid_from > (SELECT now FROM clk))) c
  WHERE c.in_list AND authz.youth_team_of(c.municipality_code)
)
SELECT page.*,
       ((SELECT count(*) FROM work_list_entry k
          WHERE k.municipality_code = ${x.municipality} AND k.in_list AND ${FRESH} AND ${where()})
        + (SELECT count(*) FROM stale k WHERE ${where()}))::int AS total_count,
       yp.given_name, yp.family_name, age_on(yp.birth_date, (SELECT today FROM clk)) AS age,
       CASE WHEN u.active THEN u.display_name END AS responsible_name,
       page.entry_date::text AS entry_date_text, page.next_follow_up_date::text AS next_follow_up_text,
       CASE WHEN a.contact THEN yp.street_address END AS street_address,
       CASE WHEN a.contact THEN yp.postal_code END AS postal_code,
       CASE WHEN a.contact THEN yp.city END AS city,
       CASE WHEN a.contact THEN yp.phone END AS phone,
       NOT coalesce(a.contact, false) AS contact_hidden
FROM (SELECT 1) one
LEFT JOIN LATERAL (
  SELECT m.*, ${WORK_LIST_TERMS.daysSinceContact.replace(/k\./g, 'm.')} AS days_since_contact
  FROM (
    (SELECT k.* FROM work_list_entry k
      WHERE k.municipality_code = ${x.municipality} AND k.in_list AND ${FRESH} AND ${where(x.cursor)}
      ORDER BY ${ORDER} LIMIT ${x.limit})
    UNION ALL
    (SELECT k.* FROM stale k WHERE ${where(x.cursor)} ORDER BY ${ORDER} LIMIT ${x.limit})) m
  ORDER BY m.priority, m.sort_key, m.kaa_period_id
  LIMIT ${x.limit}) page ON TRUE
LEFT JOIN young_person yp ON yp.id = page.young_person_id
LEFT JOIN app_user u ON u.id = page.responsible_user_id
LEFT JOIN LATERAL (
  SELECT acc.contact FROM authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) acc
  WHERE yp.id IS NOT NULL) a ON TRUE
ORDER BY page.priority, page.sort_key, page.kaa_period_id`;
}
