/**
 * The monthly report (seeds/004) as nine set-based statements for the whole range: the
 * per-month figures, distinct people over the period, measures per type, occupation after a
 * measure ended, closures by destination, activities per kind, outreach per channel, summer
 * jobs per year, and professional and network meetings. The statement count does not grow
 * with the number of months.
 *
 * Every figure is counted from rows that retention (gallring) anonymises rather than
 * deletes (kaa_period, occupation, kaa_closure, contact_attempt, school_notice,
 * preventive_meeting, case_meeting, referral_transition, activity, network_meeting), never
 * from names or personnummer, so a past month reads the same before and after a purge.
 *
 * Parameters: $1 the municipality codes (one for the monthly report, a region's members for
 * the region-wide report), $2 first day of the first month, $3 first day of the last month.
 * Every row carries its municipality_code: the figures of several municipalities come from
 * one pass over each table, so a region costs the same statements as one municipality.
 * Months are Swedish calendar months: a timestamp belongs to the month its Europe/Stockholm
 * local time falls in; a date column (entry, exit, closure) to its month.
 */

const localMonth = (column: string) => `date_trunc('month', stockholm_date(${column}))::date`;

/** The municipalities asked for; char(4)[] so that the municipality indexes apply. */
const IN_CODES = `ANY($1::char(4)[])`;
const MEMBERS = `members AS (SELECT DISTINCT unnest($1::char(4)[]) AS code)`;

const MONTHS = `
  months AS (
    SELECT m::date AS month,
           (m + interval '1 month' - interval '1 day')::date AS last_day
      FROM generate_series($2::date, $3::date, interval '1 month') AS m
  )`;

// The range's bounds as expressions of the parameters, not columns of a CTE: the planner
// folds them to constants and estimates each table's rows in the range from them.
const FIRST_DAY = `$2::date`;
const LAST_DAY = `($3::date + interval '1 month' - interval '1 day')::date`;
const STARTS_AT = `stockholm_day_start($2::date)`;
const ENDS_AT = `stockholm_day_start(($3::date + interval '1 month')::date)`;

export const MONTHLY_FIGURES_SQL = `
WITH ${MONTHS}, ${MEMBERS},
  periods AS (
    SELECT p.municipality_code AS code, p.young_person_id, p.entry_date, p.exit_date,
           count(*) OVER (PARTITION BY p.municipality_code, p.young_person_id) AS periods_of_person
      FROM kaa_period p
     WHERE p.municipality_code = ${IN_CODES}
       AND p.entry_date <= ${LAST_DAY}
       AND (p.exit_date IS NULL OR p.exit_date >= ${FIRST_DAY})
  ),
  -- Someone with one period in the range is in a month's register (open at any time in it),
  -- enters, leaves or is still there at its end exactly when that period does: counted per
  -- period and month, with no row per person and month. The few people with several
  -- periods are counted per person and month (multi_in_month), so each counts once.
  single_register AS (
    SELECT p.code, m.month,
           count(*) AS in_register,
           count(*) FILTER (WHERE p.entry_date >= m.month) AS entered,
           count(*) FILTER (WHERE p.exit_date <= m.last_day) AS exited,
           count(*) FILTER (WHERE p.exit_date IS NULL OR p.exit_date > m.last_day) AS at_month_end
      FROM months m
      JOIN periods p ON p.periods_of_person = 1
       AND p.entry_date <= m.last_day AND (p.exit_date IS NULL OR p.exit_date >= m.month)
     GROUP BY 1, 2
  ),
  multi_in_month AS (
    SELECT p.code, m.month, m.last_day, p.young_person_id,
           bool_or(p.entry_date >= m.month) AS entered,
           bool_or(p.exit_date <= m.last_day) AS exited,
           bool_or(p.exit_date IS NULL OR p.exit_date > m.last_day) AS at_month_end
      FROM months m
      JOIN periods p ON p.periods_of_person > 1
       AND p.entry_date <= m.last_day AND (p.exit_date IS NULL OR p.exit_date >= m.month)
     GROUP BY 1, 2, 3, 4
  ),
  register AS (
    SELECT code, month, sum(in_register) AS in_register, sum(entered) AS entered,
           sum(exited) AS exited, sum(at_month_end) AS at_month_end
      FROM (SELECT * FROM single_register
            UNION ALL
            SELECT code, month, count(*), count(*) FILTER (WHERE entered),
                   count(*) FILTER (WHERE exited), count(*) FILTER (WHERE at_month_end)
              FROM multi_in_month GROUP BY 1, 2) x
     GROUP BY 1, 2
  ),
  -- Each occupation record holds from its valid-from date until the next record's of the
  -- same municipality; of two records with the same date the later recorded one wins (the
  -- earlier holds for no day).
  timeline AS (
    SELECT o.municipality_code AS code, o.young_person_id, o.category, o.valid_from,
           lead(o.valid_from) OVER (PARTITION BY o.municipality_code, o.young_person_id
                                    ORDER BY o.valid_from, o.recorded_at, o.id) AS valid_until
      FROM occupation o
     WHERE o.municipality_code = ${IN_CODES} AND o.valid_from <= ${LAST_DAY}
       AND (o.municipality_code, o.young_person_id) IN (SELECT code, young_person_id FROM periods)
  ),
  -- Of the people at a month's end, those whose occupation on the last day is known: the
  -- record that holds that day (records do not overlap, so a person counts once).
  known AS (
    SELECT code, month, sum(known) AS known
      FROM (SELECT p.code, m.month, count(*) AS known
              FROM periods p
              JOIN timeline o ON o.code = p.code AND o.young_person_id = p.young_person_id
              JOIN months m ON p.entry_date <= m.last_day AND (p.exit_date IS NULL OR p.exit_date > m.last_day)
               AND o.valid_from <= m.last_day AND (o.valid_until IS NULL OR o.valid_until > m.last_day)
             WHERE p.periods_of_person = 1 AND o.category <> 'UNKNOWN'
             GROUP BY 1, 2
            UNION ALL
            SELECT e.code, e.month, count(*)
              FROM multi_in_month e
              JOIN timeline o ON o.code = e.code AND o.young_person_id = e.young_person_id
               AND o.valid_from <= e.last_day AND (o.valid_until IS NULL OR o.valid_until > e.last_day)
             WHERE e.at_month_end AND o.category <> 'UNKNOWN'
             GROUP BY 1, 2) x
     GROUP BY 1, 2
  ),
  closures AS (
    SELECT c.municipality_code AS code, date_trunc('month', c.closed_on)::date AS month,
           count(*) FILTER (WHERE c.kind = 'WORK') AS to_work,
           count(*) FILTER (WHERE c.kind = 'STUDIES') AS to_studies
      FROM kaa_closure c
     WHERE c.municipality_code = ${IN_CODES} AND c.closed_on BETWEEN ${FIRST_DAY} AND ${LAST_DAY}
     GROUP BY 1, 2
  ),
  contacts AS (
    SELECT a.municipality_code AS code, ${localMonth('a.occurred_at')} AS month,
           count(*) FILTER (WHERE a.direction = 'OUTBOUND') AS made,
           count(*) FILTER (WHERE a.outcome = 'REACHED') AS reached,
           count(*) FILTER (WHERE a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS home_visits
      FROM contact_attempt a
     WHERE a.municipality_code = ${IN_CODES} AND a.occurred_at >= ${STARTS_AT} AND a.occurred_at < ${ENDS_AT}
     GROUP BY 1, 2
  ),
  -- Distinct people apart: a DISTINCT aggregate would sort every contact of the range.
  -- Reached: a REACHED contact; visited: an outbound HOME_VISIT.
  contacted AS (
    SELECT a.municipality_code AS code, ${localMonth('a.occurred_at')} AS month, a.young_person_id,
           bool_or(a.outcome = 'REACHED') AS reached,
           bool_or(a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS visited
      FROM contact_attempt a
     WHERE a.municipality_code = ${IN_CODES}
       AND (a.outcome = 'REACHED' OR (a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT'))
       AND a.occurred_at >= ${STARTS_AT} AND a.occurred_at < ${ENDS_AT}
     GROUP BY 1, 2, 3
  ),
  reached AS (
    SELECT code, month, count(*) FILTER (WHERE reached) AS people_reached,
           count(*) FILTER (WHERE visited) AS people_visited
      FROM contacted
     GROUP BY 1, 2
  ),
  -- Of them, the month's target group (youngPeopleInRegister): the numerators of the shares.
  reached_in_register AS (
    SELECT c.code, c.month, count(*) FILTER (WHERE c.reached) AS reached,
           count(*) FILTER (WHERE c.visited) AS visited
      FROM contacted c
     WHERE EXISTS (SELECT 1 FROM periods p
                    WHERE p.code = c.code AND p.young_person_id = c.young_person_id
                      AND p.entry_date < c.month + interval '1 month'
                      AND (p.exit_date IS NULL OR p.exit_date >= c.month))
     GROUP BY 1, 2
  ),
  notices AS (
    SELECT n.home_municipality_code AS code, ${localMonth('n.sent_at')} AS month,
           count(*) AS received,
           count(*) FILTER (WHERE n.left_with_plan) AS with_plan
      FROM school_notice n
     WHERE n.home_municipality_code = ${IN_CODES} AND n.sent_at >= ${STARTS_AT} AND n.sent_at < ${ENDS_AT}
     GROUP BY 1, 2
  ),
  -- A flag's meeting counts for the school's municipality and for the municipality whose
  -- consent shared the flag with its youth team: once for each, once if they are the same.
  meetings AS (
    SELECT x.code, ${localMonth('x.held_at')} AS month, count(*) AS held
      FROM (
        SELECT v.code, pm.meeting_at AS held_at
          FROM preventive_meeting pm
          JOIN risk_flag f ON f.id = pm.risk_flag_id
          LEFT JOIN consent c ON c.id = f.consent_id
         CROSS JOIN LATERAL (SELECT f.school_municipality_code AS code
                             UNION SELECT c.municipality_code WHERE c.municipality_code IS NOT NULL) v
         WHERE pm.status = 'HELD' AND v.code = ${IN_CODES}
           AND pm.meeting_at >= ${STARTS_AT} AND pm.meeting_at < ${ENDS_AT}
        UNION ALL
        SELECT jc.municipality_code, cm.held_at
          FROM case_meeting cm
          JOIN joint_case jc ON jc.id = cm.case_id
         WHERE cm.kind = 'PREVENTIVE' AND jc.municipality_code = ${IN_CODES}
           AND cm.held_at >= ${STARTS_AT} AND cm.held_at < ${ENDS_AT}
      ) x
     GROUP BY 1, 2
  ),
  referrals AS (
    SELECT r.municipality_code AS code, ${localMonth('t.at')} AS month,
           count(*) FILTER (WHERE t.to_state = 'SENT') AS sent,
           count(*) FILTER (WHERE t.to_state = 'ACCEPTED') AS accepted,
           count(*) FILTER (WHERE t.to_state = 'DECLINED') AS declined,
           count(*) FILTER (WHERE t.to_state = 'COMPLETED') AS completed,
           count(*) FILTER (WHERE t.to_state = 'CANCELLED') AS cancelled
      FROM referral_transition t
      JOIN referral r ON r.id = t.referral_id
     WHERE r.municipality_code = ${IN_CODES} AND t.at >= ${STARTS_AT} AND t.at < ${ENDS_AT}
     GROUP BY 1, 2
  ),
  activities AS (
    SELECT a.municipality_code AS code, ${localMonth('a.starts_at')} AS month,
           count(*) AS held,
           coalesce(sum(att.total), 0) AS attendance,
           coalesce(sum(att.first_timers), 0) AS first_timers
      FROM activity a
      LEFT JOIN activity_attendance att ON att.activity_id = a.id
     WHERE a.municipality_code = ${IN_CODES} AND a.cancelled_at IS NULL AND a.starts_at <= app_now()
       AND a.starts_at >= ${STARTS_AT} AND a.starts_at < ${ENDS_AT}
     GROUP BY 1, 2
  )
SELECT mb.code AS municipality_code, to_char(m.month, 'YYYY-MM') AS month,
       coalesce(r.in_register, 0)::int AS in_register,
       coalesce(r.entered, 0)::int AS entered,
       coalesce(r.exited, 0)::int AS exited,
       coalesce(r.at_month_end, 0)::int AS at_month_end,
       coalesce(k.known, 0)::int AS known,
       coalesce(c.to_work, 0)::int AS closures_to_work,
       coalesce(c.to_studies, 0)::int AS closures_to_studies,
       coalesce(ct.home_visits, 0)::int AS home_visits,
       coalesce(ct.made, 0)::int AS contacts_made,
       coalesce(ct.reached, 0)::int AS contacts_reached,
       coalesce(rp.people_reached, 0)::int AS people_reached,
       coalesce(rp.people_visited, 0)::int AS people_visited,
       coalesce(ri.reached, 0)::int AS reached_in_register,
       coalesce(ri.visited, 0)::int AS visited_in_register,
       coalesce(n.received, 0)::int AS notices_received,
       coalesce(n.with_plan, 0)::int AS notices_with_plan,
       coalesce(pm.held, 0)::int AS preventive_meetings,
       coalesce(rf.sent, 0)::int AS referrals_sent,
       coalesce(rf.accepted, 0)::int AS referrals_accepted,
       coalesce(rf.declined, 0)::int AS referrals_declined,
       coalesce(rf.completed, 0)::int AS referrals_completed,
       coalesce(rf.cancelled, 0)::int AS referrals_cancelled,
       coalesce(ac.held, 0)::int AS activities_held,
       coalesce(ac.attendance, 0)::int AS attendance,
       coalesce(ac.first_timers, 0)::int AS first_timers
  FROM members mb
 CROSS JOIN months m
  LEFT JOIN register r ON r.code = mb.code AND r.month = m.month
  LEFT JOIN known k ON k.code = mb.code AND k.month = m.month
  LEFT JOIN closures c ON c.code = mb.code AND c.month = m.month
  LEFT JOIN contacts ct ON ct.code = mb.code AND ct.month = m.month
  LEFT JOIN reached rp ON rp.code = mb.code AND rp.month = m.month
  LEFT JOIN reached_in_register ri ON ri.code = mb.code AND ri.month = m.month
  LEFT JOIN notices n ON n.code = mb.code AND n.month = m.month
  LEFT JOIN meetings pm ON pm.code = mb.code AND pm.month = m.month
  LEFT JOIN referrals rf ON rf.code = mb.code AND rf.month = m.month
  LEFT JOIN activities ac ON ac.code = mb.code AND ac.month = m.month
 ORDER BY mb.code, m.month`;

/**
 * Distinct young people over the whole range (not the sum of the months): the target group
 * (a KAA period open at any time in the range), those reached (a REACHED contact) and those
 * visited (an outbound HOME_VISIT), and how many of each are of the target group.
 */
export const PERIOD_TOTALS_SQL = `
WITH ${MONTHS}, ${MEMBERS},
  target AS (
    SELECT DISTINCT p.municipality_code AS code, p.young_person_id
      FROM kaa_period p
     WHERE p.municipality_code = ${IN_CODES}
       AND p.entry_date <= ${LAST_DAY}
       AND (p.exit_date IS NULL OR p.exit_date >= ${FIRST_DAY})
  ),
  contacted AS (
    SELECT a.municipality_code AS code, a.young_person_id,
           bool_or(a.outcome = 'REACHED') AS reached,
           bool_or(a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS visited
      FROM contact_attempt a
     WHERE a.municipality_code = ${IN_CODES}
       AND (a.outcome = 'REACHED' OR (a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT'))
       AND a.occurred_at >= ${STARTS_AT} AND a.occurred_at < ${ENDS_AT}
     GROUP BY 1, 2
  ),
  targets AS (SELECT code, count(*) AS in_register FROM target GROUP BY 1),
  people AS (
    SELECT c.code,
           count(*) FILTER (WHERE c.reached) AS people_reached,
           count(*) FILTER (WHERE c.visited) AS people_visited,
           count(*) FILTER (WHERE c.reached AND t.young_person_id IS NOT NULL) AS reached_in_register,
           count(*) FILTER (WHERE c.visited AND t.young_person_id IS NOT NULL) AS visited_in_register
      FROM contacted c
      LEFT JOIN target t ON t.code = c.code AND t.young_person_id = c.young_person_id
     GROUP BY 1
  )
SELECT mb.code AS municipality_code,
       coalesce(tg.in_register, 0)::int AS in_register,
       coalesce(p.people_reached, 0)::int AS people_reached,
       coalesce(p.people_visited, 0)::int AS people_visited,
       coalesce(p.reached_in_register, 0)::int AS reached_in_register,
       coalesce(p.visited_in_register, 0)::int AS visited_in_register
  FROM members mb
  LEFT JOIN targets tg ON tg.code = mb.code
  LEFT JOIN people p ON p.code = mb.code
 ORDER BY mb.code`;

/**
 * Measures (insatser) per month and type: offered (offer date), started (start date),
 * completed and aborted (end date), and of the ended ones those that ended because the young
 * person started work or studies. Each dated event counts in the month of its date.
 */
export const MEASURES_SQL = `
WITH ${MONTHS},
  events AS (
    SELECT m.municipality_code AS code, m.type, date_trunc('month', e.on_date)::date AS month,
           e.what, m.end_reason
      FROM kaa_measure m
     CROSS JOIN LATERAL (VALUES (m.offered_on, 'OFFERED'), (m.start_date, 'STARTED'),
                                (CASE WHEN m.status IN ('COMPLETED','ABORTED') THEN m.end_date END, m.status))
             AS e(on_date, what)
     WHERE m.municipality_code = ${IN_CODES} AND e.on_date BETWEEN ${FIRST_DAY} AND ${LAST_DAY}
  )
SELECT code AS municipality_code, to_char(month, 'YYYY-MM') AS month, type,
       count(*) FILTER (WHERE what = 'OFFERED')::int AS offered,
       count(*) FILTER (WHERE what = 'STARTED')::int AS started,
       count(*) FILTER (WHERE what = 'COMPLETED')::int AS completed,
       count(*) FILTER (WHERE what = 'ABORTED')::int AS aborted,
       count(*) FILTER (WHERE what IN ('COMPLETED','ABORTED') AND end_reason = 'STARTED_WORK')::int AS to_work,
       count(*) FILTER (WHERE what IN ('COMPLETED','ABORTED') AND end_reason = 'STARTED_STUDIES')::int AS to_studies
  FROM events
 GROUP BY code, month, type
 ORDER BY code, month, type`;

/**
 * Occupation after a measure ended, per month and type: each measure that ended in the month
 * (COMPLETED or ABORTED, the end date of MEASURES_SQL's completed and aborted) with the
 * young person's first known occupation of the municipality that starts on the end date or
 * at most 30 days later, NONE without one. Occupation records are read as the timeline of
 * knownOccupationAtMonthEnd: of two records with the same date the later recorded one holds
 * that day; UNKNOWN is not a known occupation, so the search goes on past it. The window
 * ends at app_today() at the latest: an occupation planned for a later date (recorded ahead)
 * counts once its date has come, so a month can change until 30 days after its last day.
 * Occupations and measures keep their category, type and dates at a purge.
 */
export const MEASURE_OCCUPATIONS_SQL = `
WITH ${MONTHS}
SELECT m.municipality_code, to_char(date_trunc('month', m.end_date), 'YYYY-MM') AS month, m.type,
       coalesce(o.category, 'NONE') AS occupation,
       count(*)::int AS measures
  FROM kaa_measure m
  LEFT JOIN LATERAL (
    SELECT d.category
      FROM (SELECT DISTINCT ON (x.valid_from) x.valid_from, x.category
              FROM occupation x
             WHERE x.young_person_id = m.young_person_id AND x.municipality_code = m.municipality_code
               AND x.valid_from >= m.end_date
               AND x.valid_from <= least(m.end_date + 30, app_today())
             ORDER BY x.valid_from, x.recorded_at DESC, x.id DESC) d
     WHERE d.category <> 'UNKNOWN'
     ORDER BY d.valid_from
     LIMIT 1) o ON true
 WHERE m.municipality_code = ${IN_CODES} AND m.status IN ('COMPLETED','ABORTED')
   AND m.end_date BETWEEN ${FIRST_DAY} AND ${LAST_DAY}
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3, 4`;

/**
 * Closures (avslut) to work and to studies per month by destination: the occupation field
 * of a closure to work, the programme code of one to studies, NOT_STATED without a code.
 * The codes are categories that retention keeps (it purges the free-text title and
 * programme), so a past month's split is the same after a purge.
 */
export const CLOSURE_DESTINATIONS_SQL = `
WITH ${MONTHS}
SELECT c.municipality_code, to_char(date_trunc('month', c.closed_on), 'YYYY-MM') AS month, c.kind,
       coalesce(c.occupation_field, c.programme_code, 'NOT_STATED') AS destination,
       count(*)::int AS closures
  FROM kaa_closure c
 WHERE c.municipality_code = ${IN_CODES} AND c.kind IN ('WORK','STUDIES')
   AND c.closed_on BETWEEN ${FIRST_DAY} AND ${LAST_DAY}
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3 DESC, 4`;

/**
 * Group activities per month and kind (Öppen Hall among them), with the same selection as
 * activitiesHeld (not cancelled, not in the future) and their reported attendance by age band.
 */
export const ACTIVITY_KINDS_SQL = `
WITH ${MONTHS}
SELECT a.municipality_code, to_char(${localMonth('a.starts_at')}, 'YYYY-MM') AS month, a.kind,
       count(*)::int AS held,
       coalesce(sum(att.total), 0)::int AS attendance,
       coalesce(sum(att.age_15_17), 0)::int AS age_15_17,
       coalesce(sum(att.age_18_20), 0)::int AS age_18_20,
       coalesce(sum(att.age_21_25), 0)::int AS age_21_25,
       coalesce(sum(att.first_timers), 0)::int AS first_timers
  FROM activity a
  LEFT JOIN activity_attendance att ON att.activity_id = a.id
 WHERE a.municipality_code = ${IN_CODES} AND a.cancelled_at IS NULL AND a.starts_at <= app_now()
   AND a.starts_at >= ${STARTS_AT} AND a.starts_at < ${ENDS_AT}
 GROUP BY 1, 2, 3
 ORDER BY 1, 2, 3`;

/**
 * Outbound attempts per month and channel, and how many were answered within 14 days:
 * the attempt itself reached the young person, or the same person had a REACHED or an
 * INBOUND contact with this municipality after it and at most 14 days later. One window
 * over each person's contacts (the range and the 14 days after it) counts the answers that
 * follow every attempt, instead of a lookup per attempt.
 */
export const OUTREACH_SQL = `
WITH ${MONTHS},
  contacts AS (
    SELECT a.municipality_code AS code, a.channel, a.direction, a.outcome, a.occurred_at,
           sum((a.direction = 'INBOUND' OR a.outcome = 'REACHED')::int) OVER (
             PARTITION BY a.municipality_code, a.young_person_id ORDER BY a.occurred_at
             RANGE BETWEEN interval '1 microsecond' FOLLOWING AND interval '14 days' FOLLOWING) AS answers
      FROM contact_attempt a
     WHERE a.municipality_code = ${IN_CODES}
       AND a.occurred_at >= ${STARTS_AT} AND a.occurred_at < ${ENDS_AT} + interval '14 days'
  )
SELECT c.code AS municipality_code, to_char(c.month, 'YYYY-MM') AS month, c.channel,
       count(*)::int AS sent,
       count(*) FILTER (WHERE c.outcome = 'REACHED' OR c.answers > 0)::int AS answered
  FROM (SELECT *, ${localMonth('occurred_at')} AS month FROM contacts
         WHERE direction = 'OUTBOUND' AND occurred_at < ${ENDS_AT}) c
 GROUP BY c.code, c.month, c.channel
 ORDER BY c.code, c.month, c.channel`;

/** Summer-job positions and placements per year and sector for the years the range touches. */
export const SUMMER_JOBS_SQL = `
WITH ${MEMBERS}
SELECT mb.code AS municipality_code, y.year::int AS year, s.sector,
       coalesce(sum(o.positions), 0)::int AS positions,
       coalesce(sum(o.placements), 0)::int AS placements
  FROM members mb
 CROSS JOIN generate_series(extract(year FROM $2::date)::int, extract(year FROM $3::date)::int) AS y(year)
 CROSS JOIN unnest(ARRAY['MUNICIPALITY','BUSINESS','ASSOCIATION']) AS s(sector)
  LEFT JOIN summer_job_offer o ON o.municipality_code = mb.code AND o.year = y.year AND o.sector = s.sector
 GROUP BY mb.code, y.year, s.sector
 ORDER BY mb.code, y.year, array_position(ARRAY['MUNICIPALITY','BUSINESS','ASSOCIATION'], s.sector)`;

/**
 * Professional and network meetings per month and, in the row whose month is NULL, over
 * the whole range: meetings held, participants (a sum: the same person at two meetings
 * counts twice) and distinct organisations named, case-insensitively, so an organisation
 * at meetings in two months counts once in the total. A municipality without meetings has
 * no rows.
 */
export const NETWORK_MEETINGS_SQL = `
WITH ${MONTHS},
  meetings AS (
    SELECT n.municipality_code AS code, n.id, date_trunc('month', n.held_on)::date AS month,
           n.participants, n.organisations
      FROM network_meeting n
     WHERE n.municipality_code = ${IN_CODES} AND n.held_on BETWEEN ${FIRST_DAY} AND ${LAST_DAY}
  ),
  counts AS (
    SELECT code, month, count(*)::int AS held, coalesce(sum(participants), 0)::int AS participants
      FROM meetings GROUP BY GROUPING SETS ((code, month), (code))
  ),
  organisations AS (
    SELECT m.code, m.month, count(DISTINCT lower(o.name))::int AS organisations
      FROM meetings m, unnest(m.organisations) AS o(name)
     GROUP BY GROUPING SETS ((m.code, m.month), (m.code))
  )
SELECT c.code AS municipality_code, to_char(c.month, 'YYYY-MM') AS month, c.held, c.participants,
       coalesce(o.organisations, 0)::int AS organisations
  FROM counts c
  LEFT JOIN organisations o ON o.code = c.code AND o.month IS NOT DISTINCT FROM c.month
 ORDER BY c.code, c.month NULLS LAST`;
