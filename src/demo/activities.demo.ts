import type { DemoStep } from './demo-seed';

const TRELLEBORG_YOUTH_TEAM = '00000000-0000-4000-8000-128700000001';
const TFF = '00000000-0000-4000-8000-128700000005';

/**
 * A year of Öppen Hall on Friday evenings hosted by TFF (three Fridays a month, as in
 * seeds/000), a job fair and a study visit, with head counts; summer-job offers for this
 * year; TFF's membership before and after the spring.
 */
/** The summer jobs demo is the latest summer that has begun: before June, last year's. */
export const LATEST_SUMMER = `extract(year FROM app_today() - interval '5 months')::int`;
/** The last complete half-year (January–June or July–December), whatever today is. */
const LAST_HALF_YEAR_START = `(date_trunc('month', app_today() - interval '6 months')
  - make_interval(months => (extract(month FROM app_today() - interval '6 months')::int - 1) % 6))::date`;

export const activitiesDemoStep: DemoStep = {
  name: 'activities',
  async run(em) {
    // Fridays of the last 52 weeks except the last Friday of each month, 20–24 local time.
    await em.query(
      `INSERT INTO activity (municipality_code, host_organisation_id, kind, title, place, starts_at, ends_at)
       SELECT '1287', $1, 'OPEN_HALL', 'Öppen Hall', 'Söderslättshallen',
              (d::date + time '20:00') AT TIME ZONE 'Europe/Stockholm',
              (d::date + time '23:59') AT TIME ZONE 'Europe/Stockholm'
       FROM generate_series(date_trunc('week', app_now()) - interval '52 weeks' + interval '4 days',
                            app_now() + interval '3 weeks', interval '1 week') AS d
       WHERE extract(month FROM d + interval '7 days') = extract(month FROM d)`,
      [TFF],
    );
    await em.query(
      `INSERT INTO activity (municipality_code, host_organisation_id, kind, title, place, starts_at, ends_at, age_min, age_max)
       VALUES ('1287', NULL, 'RECRUITMENT_FAIR', 'Rekryteringsmässa', 'Medborgarhuset',
               date_trunc('day', app_now()) - interval '60 days' + interval '9 hours', date_trunc('day', app_now()) - interval '60 days' + interval '15 hours', 16, 25),
              ('1287', NULL, 'STUDY_VISIT', 'Studiebesök: Trelleborgs hamn', 'Trelleborgs hamn',
               date_trunc('day', app_now()) - interval '20 days' + interval '9 hours', date_trunc('day', app_now()) - interval '20 days' + interval '12 hours', 16, 20)`,
    );
    // Head counts for every past activity, varied but plausible (8 to 22 people).
    await em.query(
      `INSERT INTO activity_attendance (activity_id, total, age_15_17, age_18_20, age_21_25, first_timers, reported_by)
       SELECT a.id, n.total, n.total / 2, n.total / 3, n.total - n.total / 2 - n.total / 3, n.total / 4,
              (SELECT id FROM app_user WHERE organisation_id = coalesce(a.host_organisation_id, $1) LIMIT 1)
       FROM activity a
       CROSS JOIN LATERAL (SELECT 8 + (abs(hashtext(a.id::text)) % 15) AS total) n
       WHERE a.municipality_code = '1287' AND a.starts_at < app_now()`,
      [TRELLEBORG_YOUTH_TEAM],
    );
    await em.query(
      `INSERT INTO summer_job_offer (municipality_code, year, sector, employer_name, positions, placements)
       VALUES ('1287', ${LATEST_SUMMER}, 'MUNICIPALITY', 'Trelleborgs kommun', 305, 288),
              ('1287', ${LATEST_SUMMER}, 'BUSINESS', 'TFF:s näringslivsnätverk', 190, 171),
              ('1287', ${LATEST_SUMMER}, 'BUSINESS', 'Trelleborgs Hamn AB', 45, 40),
              ('1287', ${LATEST_SUMMER}, 'ASSOCIATION', 'Trelleborgs FF', 14, 14)
       ON CONFLICT DO NOTHING`,
    );
    await em.query(
      `INSERT INTO association_membership_report (organisation_id, municipality_code, period_start, period_end, members_before, members_after)
       VALUES ($1, '1287', ${LAST_HALF_YEAR_START}, (${LAST_HALF_YEAR_START} + interval '6 months - 1 day')::date, 412, 447)
       ON CONFLICT DO NOTHING`,
      [TFF],
    );
  },
};
