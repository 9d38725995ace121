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
 * Parameters: $1 municipality code, $2 first day of the first month, $3 first day of the
 * last month. Months are Swedish calendar months: a timestamp belongs to the month its
 * Europe/Stockholm local time falls in; a date column (entry, exit, closure) to its month.
 */

const localMonth = (column: string) => `date_trunc('month', stockholm_date(${column}))::date`;

const MONTHS = `
  months AS (
    SELECT m::date AS month,
           (m + interval '1 month' - interval '1 day')::date AS last_day
      FROM generate_series($2::date, $3::date, interval '1 month') AS m
  ),
  bounds AS (
    SELECT min(month) AS first_day, max(last_day) AS last_day,
           stockholm_day_start(min(month)) AS starts_at,
           stockholm_day_start(max(last_day) + 1) AS ends_at
      FROM months
  )`;

export const MONTHLY_FIGURES_SQL = `
WITH ${MONTHS},
  periods AS (
    SELECT p.young_person_id, p.entry_date, p.exit_date
      FROM kaa_period p, bounds b
     WHERE p.municipality_code = $1
       AND p.entry_date <= b.last_day
       AND (p.exit_date IS NULL OR p.exit_date >= b.first_day)
  ),
  -- The target group of each month: one row per month and person with a period open in it.
  in_month AS (
    SELECT m.month, p.young_person_id,
           bool_or(p.entry_date >= m.month) AS entered,
           bool_or(p.exit_date <= m.last_day) AS exited
      FROM months m
      JOIN periods p ON p.entry_date <= m.last_day AND (p.exit_date IS NULL OR p.exit_date >= m.month)
     GROUP BY m.month, p.young_person_id
  ),
  register AS (
    SELECT month, count(*) AS in_register,
           count(*) FILTER (WHERE entered) AS entered,
           count(*) FILTER (WHERE exited) AS exited
      FROM in_month
     GROUP BY month
  ),
  month_end AS (
    SELECT DISTINCT m.month, m.last_day, p.young_person_id
      FROM months m
      JOIN periods p ON p.entry_date <= m.last_day AND (p.exit_date IS NULL OR p.exit_date > m.last_day)
  ),
  -- Each occupation record holds from its valid-from date until the next record's; of two
  -- records with the same date the later recorded one wins (the earlier holds for no day).
  timeline AS (
    SELECT o.young_person_id, o.category, o.valid_from,
           lead(o.valid_from) OVER (PARTITION BY o.young_person_id
                                    ORDER BY o.valid_from, o.recorded_at, o.id) AS valid_until
      FROM occupation o, bounds b
     WHERE o.municipality_code = $1 AND o.valid_from <= b.last_day
       AND o.young_person_id IN (SELECT young_person_id FROM periods)
  ),
  known AS (
    SELECT e.month,
           count(*) AS at_month_end,
           count(*) FILTER (WHERE o.category IS NOT NULL AND o.category <> 'UNKNOWN') AS known
      FROM month_end e
      LEFT JOIN timeline o ON o.young_person_id = e.young_person_id
       AND o.valid_from <= e.last_day AND (o.valid_until IS NULL OR o.valid_until > e.last_day)
     GROUP BY e.month
  ),
  closures AS (
    SELECT date_trunc('month', c.closed_on)::date AS month,
           count(*) FILTER (WHERE c.kind = 'WORK') AS to_work,
           count(*) FILTER (WHERE c.kind = 'STUDIES') AS to_studies
      FROM kaa_closure c, bounds b
     WHERE c.municipality_code = $1 AND c.closed_on BETWEEN b.first_day AND b.last_day
     GROUP BY 1
  ),
  contacts AS (
    SELECT ${localMonth('a.occurred_at')} AS month,
           count(*) FILTER (WHERE a.direction = 'OUTBOUND') AS made,
           count(*) FILTER (WHERE a.outcome = 'REACHED') AS reached,
           count(*) FILTER (WHERE a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS home_visits
      FROM contact_attempt a, bounds b
     WHERE a.municipality_code = $1 AND a.occurred_at >= b.starts_at AND a.occurred_at < b.ends_at
     GROUP BY 1
  ),
  -- Distinct people apart: a DISTINCT aggregate would sort every contact of the range.
  -- Reached: a REACHED contact; visited: an outbound HOME_VISIT. in_register: the person
  -- is of the month's target group (youngPeopleInRegister), the numerator of the shares: a
  -- hash join with in_month (an EXISTS over the periods CTE scanned it once per row).
  contacted AS (
    SELECT x.month, x.reached, x.visited, r.young_person_id IS NOT NULL AS in_register
      FROM (SELECT ${localMonth('a.occurred_at')} AS month, a.young_person_id,
                   bool_or(a.outcome = 'REACHED') AS reached,
                   bool_or(a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS visited
              FROM contact_attempt a, bounds b
             WHERE a.municipality_code = $1
               AND (a.outcome = 'REACHED' OR (a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT'))
               AND a.occurred_at >= b.starts_at AND a.occurred_at < b.ends_at
             GROUP BY 1, 2) x
      LEFT JOIN in_month r ON r.month = x.month AND r.young_person_id = x.young_person_id
  ),
  reached AS (
    SELECT month, count(*) FILTER (WHERE reached) AS people_reached,
           count(*) FILTER (WHERE visited) AS people_visited,
           count(*) FILTER (WHERE reached AND in_register) AS reached_in_register,
           count(*) FILTER (WHERE visited AND in_register) AS visited_in_register
      FROM contacted
     GROUP BY month
  ),
  notices AS (
    SELECT ${localMonth('n.sent_at')} AS month,
           count(*) AS received,
           count(*) FILTER (WHERE n.left_with_plan) AS with_plan
      FROM school_notice n, bounds b
     WHERE n.home_municipality_code = $1 AND n.sent_at >= b.starts_at AND n.sent_at < b.ends_at
     GROUP BY 1
  ),
  meetings AS (
    SELECT ${localMonth('x.held_at')} AS month, count(*) AS held
      FROM (
        SELECT pm.meeting_at AS held_at
          FROM preventive_meeting pm
          JOIN risk_flag f ON f.id = pm.risk_flag_id, bounds b
         WHERE pm.status = 'HELD'
           AND (f.school_municipality_code = $1
                OR EXISTS (SELECT 1 FROM consent c WHERE c.id = f.consent_id AND c.municipality_code = $1))
           AND pm.meeting_at >= b.starts_at AND pm.meeting_at < b.ends_at
        UNION ALL
        SELECT cm.held_at
          FROM case_meeting cm
          JOIN joint_case jc ON jc.id = cm.case_id, bounds b
         WHERE cm.kind = 'PREVENTIVE' AND jc.municipality_code = $1
           AND cm.held_at >= b.starts_at AND cm.held_at < b.ends_at
      ) x
     GROUP BY 1
  ),
  referrals AS (
    SELECT ${localMonth('t.at')} AS month,
           count(*) FILTER (WHERE t.to_state = 'SENT') AS sent,
           count(*) FILTER (WHERE t.to_state = 'ACCEPTED') AS accepted,
           count(*) FILTER (WHERE t.to_state = 'DECLINED') AS declined,
           count(*) FILTER (WHERE t.to_state = 'COMPLETED') AS completed,
           count(*) FILTER (WHERE t.to_state = 'CANCELLED') AS cancelled
      FROM referral_transition t
      JOIN referral r ON r.id = t.referral_id, bounds b
     WHERE r.municipality_code = $1 AND t.at >= b.starts_at AND t.at < b.ends_at
     GROUP BY 1
  ),
  activities AS (
    SELECT ${localMonth('a.starts_at')} AS month,
           count(*) AS held,
           coalesce(sum(att.total), 0) AS attendance,
           coalesce(sum(att.first_timers), 0) AS first_timers
      FROM activity a
      LEFT JOIN activity_attendance att ON att.activity_id = a.id, bounds b
     WHERE a.municipality_code = $1 AND a.cancelled_at IS NULL AND a.starts_at <= app_now()
       AND a.starts_at >= b.starts_at AND a.starts_at < b.ends_at
     GROUP BY 1
  )
SELECT to_char(m.month, 'YYYY-MM') AS month,
       coalesce(r.in_register, 0)::int AS in_register,
       coalesce(r.entered, 0)::int AS entered,
       coalesce(r.exited, 0)::int AS exited,
       coalesce(k.at_month_end, 0)::int AS at_month_end,
       coalesce(k.known, 0)::int AS known,
       coalesce(c.to_work, 0)::int AS closures_to_work,
       coalesce(c.to_studies, 0)::int AS closures_to_studies,
       coalesce(ct.home_visits, 0)::int AS home_visits,
       coalesce(ct.made, 0)::int AS contacts_made,
       coalesce(ct.reached, 0)::int AS contacts_reached,
       coalesce(rp.people_reached, 0)::int AS people_reached,
       coalesce(rp.people_visited, 0)::int AS people_visited,
       coalesce(rp.reached_in_register, 0)::int AS reached_in_register,
       coalesce(rp.visited_in_register, 0)::int AS visited_in_register,
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
  FROM months m
  LEFT JOIN register r ON r.month = m.month
  LEFT JOIN known k ON k.month = m.month
  LEFT JOIN closures c ON c.month = m.month
  LEFT JOIN contacts ct ON ct.month = m.month
  LEFT JOIN reached rp ON rp.month = m.month
  LEFT JOIN notices n ON n.month = m.month
  LEFT JOIN meetings pm ON pm.month = m.month
  LEFT JOIN referrals rf ON rf.month = m.month
  LEFT JOIN activities ac ON ac.month = m.month
 ORDER BY m.month`;

/**
 * Distinct young people over the whole range (not the sum of the months): the target group
 * (a KAA period open at any time in the range), those reached (a REACHED contact) and those
 * visited (an outbound HOME_VISIT), and how many of each are of the target group.
 */
export const PERIOD_TOTALS_SQL = `
WITH ${MONTHS},
  target AS (
    SELECT DISTINCT p.young_person_id
      FROM kaa_period p, bounds b
     WHERE p.municipality_code = $1
       AND p.entry_date <= b.last_day
       AND (p.exit_date IS NULL OR p.exit_date >= b.first_day)
  ),
  contacted AS (
    SELECT a.young_person_id,
           bool_or(a.outcome = 'REACHED') AS reached,
           bool_or(a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT') AS visited
      FROM contact_attempt a, bounds b
     WHERE a.municipality_code = $1
       AND (a.outcome = 'REACHED' OR (a.direction = 'OUTBOUND' AND a.channel = 'HOME_VISIT'))
       AND a.occurred_at >= b.starts_at AND a.occurred_at < b.ends_at
     GROUP BY 1
  )
SELECT (SELECT count(*) FROM target)::int AS in_register,
       count(*) FILTER (WHERE c.reached)::int AS people_reached,
       count(*) FILTER (WHERE c.visited)::int AS people_visited,
       count(*) FILTER (WHERE c.reached AND t.young_person_id IS NOT NULL)::int AS reached_in_register,
       count(*) FILTER (WHERE c.visited AND t.young_person_id IS NOT NULL)::int AS visited_in_register
  FROM contacted c
  LEFT JOIN target t ON t.young_person_id = c.young_person_id`;

/**
 * Measures (insatser) per month and type: offered (offer date), started (start date),
 * completed and aborted (end date), and of the ended ones those that ended because the young
 * person started work or studies. Each dated event counts in the month of its date.
 */
export const MEASURES_SQL = `
WITH ${MONTHS},
  events AS (
    SELECT m.type, date_trunc('month', e.on_date)::date AS month, e.what, m.end_reason
      FROM kaa_measure m
     CROSS JOIN LATERAL (VALUES (m.offered_on, 'OFFERED'), (m.start_date, 'STARTED'),
                                (CASE WHEN m.status IN ('COMPLETED','ABORTED') THEN m.end_date END, m.status))
             AS e(on_date, what),
           bounds b
     WHERE m.municipality_code = $1 AND e.on_date BETWEEN b.first_day AND b.last_day
  )
SELECT to_char(month, 'YYYY-MM') AS month, type,
       count(*) FILTER (WHERE what = 'OFFERED')::int AS offered,
       count(*) FILTER (WHERE what = 'STARTED')::int AS started,
       count(*) FILTER (WHERE what = 'COMPLETED')::int AS completed,
       count(*) FILTER (WHERE what = 'ABORTED')::int AS aborted,
       count(*) FILTER (WHERE what IN ('COMPLETED','ABORTED') AND end_reason = 'STARTED_WORK')::int AS to_work,
       count(*) FILTER (WHERE what IN ('COMPLETED','ABORTED') AND end_reason = 'STARTED_STUDIES')::int AS to_studies
  FROM events
 GROUP BY month, type
 ORDER BY month, type`;

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
SELECT to_char(date_trunc('month', m.end_date), 'YYYY-MM') AS month, m.type,
       coalesce(o.category, 'NONE') AS occupation,
       count(*)::int AS measures
  FROM kaa_measure m
 CROSS JOIN bounds b
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
 WHERE m.municipality_code = $1 AND m.status IN ('COMPLETED','ABORTED')
   AND m.end_date BETWEEN b.first_day AND b.last_day
 GROUP BY 1, 2, 3
 ORDER BY 1, 2, 3`;

/**
 * Closures (avslut) to work and to studies per month by destination: the occupation field
 * of a closure to work, the programme code of one to studies, NOT_STATED without a code.
 * The codes are categories that retention keeps (it purges the free-text title and
 * programme), so a past month's split is the same after a purge.
 */
export const CLOSURE_DESTINATIONS_SQL = `
WITH ${MONTHS}
SELECT to_char(date_trunc('month', c.closed_on), 'YYYY-MM') AS month, c.kind,
       coalesce(c.occupation_field, c.programme_code, 'NOT_STATED') AS destination,
       count(*)::int AS closures
  FROM kaa_closure c, bounds b
 WHERE c.municipality_code = $1 AND c.kind IN ('WORK','STUDIES')
   AND c.closed_on BETWEEN b.first_day AND b.last_day
 GROUP BY 1, 2, 3
 ORDER BY 1, 2 DESC, 3`;

/**
 * Group activities per month and kind (Öppen Hall among them), with the same selection as
 * activitiesHeld (not cancelled, not in the future) and their reported attendance by age band.
 */
export const ACTIVITY_KINDS_SQL = `
WITH ${MONTHS}
SELECT to_char(${localMonth('a.starts_at')}, 'YYYY-MM') AS month, a.kind,
       count(*)::int AS held,
       coalesce(sum(att.total), 0)::int AS attendance,
       coalesce(sum(att.age_15_17), 0)::int AS age_15_17,
       coalesce(sum(att.age_18_20), 0)::int AS age_18_20,
       coalesce(sum(att.age_21_25), 0)::int AS age_21_25,
       coalesce(sum(att.first_timers), 0)::int AS first_timers
  FROM activity a
  LEFT JOIN activity_attendance att ON att.activity_id = a.id, bounds b
 WHERE a.municipality_code = $1 AND a.cancelled_at IS NULL AND a.starts_at <= app_now()
   AND a.starts_at >= b.starts_at AND a.starts_at < b.ends_at
 GROUP BY 1, 2
 ORDER BY 1, 2`;

/**
 * Outbound attempts per month and channel, and how many were answered within 14 days:
 * the attempt itself reached the young person, or the same person had a REACHED or an
 * INBOUND contact with this municipality after it and at most 14 days later.
 */
export const OUTREACH_SQL = `
WITH ${MONTHS},
  sent AS (
    SELECT a.channel, a.young_person_id, a.occurred_at, a.outcome,
           ${localMonth('a.occurred_at')} AS month
      FROM contact_attempt a, bounds b
     WHERE a.municipality_code = $1 AND a.direction = 'OUTBOUND'
       AND a.occurred_at >= b.starts_at AND a.occurred_at < b.ends_at
  )
SELECT to_char(s.month, 'YYYY-MM') AS month, s.channel,
       count(*)::int AS sent,
       count(*) FILTER (WHERE s.outcome = 'REACHED' OR EXISTS (
         SELECT 1 FROM contact_attempt r
          WHERE r.young_person_id = s.young_person_id AND r.municipality_code = $1
            AND r.occurred_at > s.occurred_at
            AND r.occurred_at <= s.occurred_at + interval '14 days'
            AND (r.direction = 'INBOUND' OR r.outcome = 'REACHED')))::int AS answered
  FROM sent s
 GROUP BY s.month, s.channel
 ORDER BY s.month, s.channel`;

/** Summer-job positions and placements per year and sector for the years the range touches. */
export const SUMMER_JOBS_SQL = `
SELECT y.year::int AS year, s.sector,
       coalesce(sum(o.positions), 0)::int AS positions,
       coalesce(sum(o.placements), 0)::int AS placements
  FROM generate_series(extract(year FROM $2::date)::int, extract(year FROM $3::date)::int) AS y(year)
 CROSS JOIN unnest(ARRAY['MUNICIPALITY','BUSINESS','ASSOCIATION']) AS s(sector)
  LEFT JOIN summer_job_offer o ON o.municipality_code = $1 AND o.year = y.year AND o.sector = s.sector
 GROUP BY y.year, s.sector
 ORDER BY y.year, array_position(ARRAY['MUNICIPALITY','BUSINESS','ASSOCIATION'], s.sector)`;

/**
 * Professional and network meetings per month and, in the row whose month is NULL, over
 * the whole range: meetings held, participants (a sum: the same person at two meetings
 * counts twice) and distinct organisations named, case-insensitively, so an organisation
 * at meetings in two months counts once in the total.
 */
export const NETWORK_MEETINGS_SQL = `
WITH ${MONTHS},
  meetings AS (
    SELECT n.id, date_trunc('month', n.held_on)::date AS month, n.participants, n.organisations
      FROM network_meeting n, bounds b
     WHERE n.municipality_code = $1 AND n.held_on BETWEEN b.first_day AND b.last_day
  ),
  counts AS (
    SELECT month, count(*)::int AS held, coalesce(sum(participants), 0)::int AS participants
      FROM meetings GROUP BY GROUPING SETS ((month), ())
  ),
  organisations AS (
    SELECT m.month, count(DISTINCT lower(o.name))::int AS organisations
      FROM meetings m, unnest(m.organisations) AS o(name)
     GROUP BY GROUPING SETS ((m.month), ())
  )
SELECT to_char(c.month, 'YYYY-MM') AS month, c.held, c.participants,
       coalesce(o.organisations, 0)::int AS organisations
  FROM counts c
  LEFT JOIN organisations o ON o.month IS NOT DISTINCT FROM c.month
 ORDER BY c.month NULLS LAST`;
