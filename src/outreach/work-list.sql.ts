/**
 * The work list in one statement. Inputs (as placeholders in `p`): the caller's
 * municipality, the scope subquery, filters, cursor and limit. Rules (also in
 * README.md):
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
 * The page's rows then get their address and phone where the caller may see them
 * (authz.person_row_access: protected identity hides them), so that costs the page only.
 */
export interface WorkListSqlParts {
  municipality: string;
  scope: string;
  filters: string[];
  cursor: string | null;
  limit: string;
}

export function workListSql(x: WorkListSqlParts): string {
  return `
WITH rule AS (
  SELECT make_interval(weeks => os.contact_every_weeks) AS every
  FROM (SELECT 1) one LEFT JOIN outreach_setting os ON os.municipality_code = ${x.municipality}
),
base AS (
  SELECT p.id AS kaa_period_id, p.young_person_id, p.entry_date, p.responsible_user_id,
         p.next_follow_up_date, yp.given_name, yp.family_name,
         age_on(yp.birth_date, app_today()) AS age,
         CASE WHEN u.active THEN u.display_name END AS responsible_name,
         (p.responsible_user_id IS NULL OR u.active IS NOT TRUE) AS no_responsible,
         c.contact_count, c.last_contact_at, lc.channel AS last_contact_channel,
         lc.outcome AS last_contact_outcome, c.last_reached_at, c.last_home_visit_at,
         c.last_unanswered_letter_at,
         (age_on(yp.birth_date, app_today()) < 18) AS under_18,
         NULLIF(GREATEST(COALESCE(g.declined_at, '-infinity'), COALESCE(c.last_guardian_declined_at, '-infinity')),
                '-infinity') AS guardian_declined_at,
         (g.declined_at IS NOT NULL OR c.last_guardian_declined_at IS NOT NULL) AS guardian_declined,
         (occ.category IS NOT NULL AND occ.category <> 'UNKNOWN') AS occupation_known,
         (rule.every IS NOT NULL AND COALESCE(c.last_contact_at, stockholm_day_start(p.entry_date))
            < app_now() - rule.every) AS contact_overdue,
         hv.next_at AS next_home_visit_at
  FROM kaa_period p
  CROSS JOIN rule
  JOIN young_person yp ON yp.id = p.young_person_id AND yp.home_municipality_code = p.municipality_code
  LEFT JOIN app_user u ON u.id = p.responsible_user_id
  LEFT JOIN LATERAL (
    SELECT o.category FROM occupation o
    WHERE o.young_person_id = p.young_person_id AND o.municipality_code = p.municipality_code
      AND o.valid_from <= app_today()
    ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
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
      AND v.status = 'PLANNED' AND v.planned_at >= stockholm_day_start(app_today())) hv ON TRUE
  WHERE p.municipality_code = ${x.municipality} AND p.exit_date IS NULL
    AND p.young_person_id IN (${x.scope})
    AND (occ.category IS NULL OR occ.category = 'UNKNOWN'
         OR (rule.every IS NOT NULL AND stockholm_day_start(p.entry_date) < app_now() - rule.every
             AND NOT EXISTS (
               SELECT 1 FROM contact_attempt ca
               WHERE ca.young_person_id = p.young_person_id AND ca.municipality_code = p.municipality_code
                 AND ca.occurred_at >= app_now() - rule.every)))
),
flagged AS (
  SELECT b.*,
    array_remove(ARRAY[
      CASE WHEN b.no_responsible THEN 'NO_RESPONSIBLE' END,
      CASE WHEN b.next_follow_up_date IS NULL THEN 'NO_FOLLOW_UP_DATE' END,
      CASE WHEN b.next_follow_up_date < app_today() THEN 'FOLLOW_UP_OVERDUE' END,
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
reasoned AS (
  SELECT f.*,
    CASE WHEN cardinality(f.needs) = 0 THEN ARRAY['KEEP_IN_TOUCH'] ELSE f.needs END AS reasons
  FROM flagged f
),
ranked AS (
  SELECT r.*,
    array_position(ARRAY['NO_RESPONSIBLE','NO_FOLLOW_UP_DATE','FOLLOW_UP_OVERDUE','NEVER_CONTACTED',
      'GUARDIAN_DECLINED_BOOK_HOME_VISIT','LETTERS_UNANSWERED_HOME_VISIT_DUE','CONTACT_OVERDUE',
      'KEEP_IN_TOUCH'], r.reasons[1]) AS priority
  FROM reasoned r
),
keyed AS (
  SELECT r.*,
    CASE WHEN r.priority = 3 THEN r.next_follow_up_date::timestamptz
         WHEN r.priority IN (1, 2, 4) THEN r.entry_date::timestamptz
         ELSE COALESCE(r.last_contact_at, r.entry_date::timestamptz) END AS sort_key,
    (app_today() - COALESCE((r.last_contact_at AT TIME ZONE 'Europe/Stockholm')::date, r.entry_date)) AS days_since_contact,
    r.entry_date::text AS entry_date_text, r.next_follow_up_date::text AS next_follow_up_text
  FROM ranked r
),
filtered AS (
  SELECT * FROM keyed k WHERE ${x.filters.length ? x.filters.join(' AND ') : 'TRUE'}
)
SELECT page.*, (SELECT count(*) FROM filtered)::int AS total_count,
       CASE WHEN a.contact THEN yp.street_address END AS street_address,
       CASE WHEN a.contact THEN yp.postal_code END AS postal_code,
       CASE WHEN a.contact THEN yp.city END AS city,
       CASE WHEN a.contact THEN yp.phone END AS phone,
       NOT coalesce(a.contact, false) AS contact_hidden
FROM (SELECT 1) one
LEFT JOIN LATERAL (
  SELECT f.* FROM filtered f
  WHERE ${x.cursor ?? 'TRUE'}
  ORDER BY f.priority, f.sort_key, f.kaa_period_id
  LIMIT ${x.limit}) page ON TRUE
LEFT JOIN young_person yp ON yp.id = page.young_person_id
LEFT JOIN LATERAL (
  SELECT acc.contact FROM authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) acc
  WHERE yp.id IS NOT NULL) a ON TRUE
ORDER BY page.priority, page.sort_key, page.kaa_period_id`;
}
