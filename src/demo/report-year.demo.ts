import { EntityManager } from 'typeorm';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { Clock } from '../core/clock/clock';
import { LATEST_SUMMER } from './activities.demo';
import { addDays, addYears } from '../core/clock/stockholm-calendar';

/** Fixed ids of the records this step adds besides the people (README examples). */
export const REPORT_YEAR_DEMO = {
  /** A second upper-secondary unit of Söderslättsgymnasiet (seeds/004: Bastionen, St. Nicolai). */
  schoolId: '00000000-0000-4000-8000-128700000701',
  serials: { first: 700, last: 799 },
};

/** The five who leave for restaurant work in one month (n = serial - 700: 66, 74, 82, 90, 98). */
const SUMMER_JOBS = `(n >= 60 AND n % 8 = 2)`;

const GIVEN = ['Adam', 'Bea', 'Dani', 'Elin', 'Farah', 'Gustav', 'Hanna', 'Isak', 'Jana', 'Kevin'];
const FAMILY = ['Ali', 'Björk', 'Dahl', 'Ek', 'Falk', 'Holm', 'Lind', 'Nyberg', 'Sjö', 'Wik'];

/**
 * Thirteen months of KAA history for Trelleborg, so the monthly report shows twelve real
 * complete months on any day:
 * 100 young people (serials 700–799) entering and leaving the register across the year,
 * occupation changes, letters answered more often after the letters were rewritten six
 * months ago (seeds/004), phone calls, home visits, closures to work and studies, preventive
 * meetings and referrals. All dates are relative to app_now(); every insert is one
 * set-based statement.
 */
export const reportYearDemoStep: DemoStep = {
  name: 'report-year',
  async run(em: EntityManager, clock: Clock) {
    const people = demoPeople(clock.today());
    await em.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code, city)
       SELECT pn, born::date, given, family, '1287', 'Trelleborg'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(pn, born, given, family)
       ON CONFLICT (personal_number) WHERE NOT is_possible_duplicate DO NOTHING`,
      [
        people.map((p) => p.pn),
        people.map((p) => p.born),
        people.map((p) => p.given),
        people.map((p) => p.family),
      ],
    );
    const pns = people.map((p) => p.pn);
    // No users of its own: the demo's user list is fixed (demo-users.ts). The Trelleborg
    // counsellor raises the flags at the second school unit too.
    const [{ coordinator, liaison, counsellor }] = await em.query(
      `SELECT (SELECT id FROM app_user WHERE email = 'coordinator@trelleborg.demo') AS coordinator,
              (SELECT id FROM app_user WHERE email = 'liaison@trelleborg.demo') AS liaison,
              (SELECT id FROM app_user WHERE email = 'counsellor@trelleborg.demo') AS counsellor`,
    );
    await em.query(
      `INSERT INTO organisation (id, municipality_code, name, kind)
       VALUES ($1, '1287', 'Söderslättsgymnasiet St. Nicolai', 'SCHOOL') ON CONFLICT DO NOTHING`,
      [REPORT_YEAR_DEMO.schoolId],
    );
    // n = serial - 700. The first 60 enter during the year; the other 40 were already in
    // the register a year ago and half of them leave at some point during the year. Five of
    // those (SUMMER_JOBS) leave in the same month four months ago: their summer jobs at
    // restaurants turned into work, so the manager's report has a month of 5 closures.
    const P = `p AS (SELECT id, substring(personal_number, 9, 3)::int - 700 AS n
                       FROM young_person WHERE personal_number = ANY($1))`;
    await em.query(
      `WITH ${P},
         d AS (
           SELECT id, n,
                  CASE WHEN n < 60 THEN app_today() - (10 + (n * 37) % 350)
                       ELSE app_today() - (380 + n * 3) END AS entry,
                  CASE WHEN n < 60 AND n % 3 = 0 THEN app_today() - (10 + (n * 37) % 350) + (45 + (n * 11) % 150)
                       WHEN ${SUMMER_JOBS} THEN date_trunc('month', app_today() - interval '4 months')::date + n % 25
                       WHEN n >= 60 AND n % 2 = 0 THEN app_today() - (5 + (n * 17) % 340) END AS leave
             FROM p)
       INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason, responsible_user_id, created_by)
       SELECT id, '1287', entry,
              (ARRAY['NEVER_STARTED','INTERRUPTED_STUDIES','MOVED_IN','STUDY_CERTIFICATE_ONLY'])[1 + n % 4],
              CASE WHEN leave < app_today() THEN leave END,
              CASE WHEN leave < app_today() THEN
                CASE WHEN ${SUMMER_JOBS} THEN 'OTHER'
                     ELSE CASE n % 6 WHEN 3 THEN 'STARTED_STUDIES' WHEN 1 THEN 'MOVED_AWAY' ELSE 'OTHER' END END END,
              $2, $2
         FROM d`,
      [pns, coordinator],
    );
    const K = `${P}, k AS (SELECT p.n, kp.* FROM p JOIN kaa_period kp ON kp.young_person_id = p.id AND kp.municipality_code = '1287')`;
    // Occupation: unknown on entry, known some weeks later for four in five, lost again
    // for some (the share known varies from month to month, as in seeds/004).
    await em.query(
      `WITH ${K}
       INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_by, recorded_at)
       SELECT k.young_person_id, '1287', o.category, o.valid_from, o.source, $2, o.valid_from + time '10:00'
         FROM k CROSS JOIN LATERAL (VALUES
           ('UNKNOWN', k.entry_date, 'POPULATION_REGISTER', true),
           ((ARRAY['WORK','INTERNSHIP','LABOUR_OFFICE_PROGRAMME','STUDIES','NOTHING','MUNICIPAL_MEASURE'])[1 + k.n % 6],
            k.entry_date + (10 + (k.n * 13) % 45), (ARRAY['YOUNG_PERSON','HOME_VISIT','LABOUR_OFFICE'])[1 + k.n % 3], k.n % 5 <> 0),
           ('UNKNOWN', k.entry_date + (140 + (k.n * 13) % 90), 'OTHER', k.n % 7 = 2)
         ) AS o(category, valid_from, source, wanted)
        WHERE o.wanted AND o.valid_from <= least(coalesce(k.exit_date, app_today()), app_today())`,
      [pns, coordinator],
    );
    // Closures (avslut) to work and to studies on the exit date (work in three occupation fields).
    await em.query(
      `WITH ${K}
       INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, kind, closed_on, occupation_title,
         occupation_field, programme, programme_code, recorded_by, recorded_at)
       SELECT young_person_id, '1287', id, CASE WHEN n % 6 = 3 THEN 'STUDIES' ELSE 'WORK' END, exit_date,
              CASE WHEN ${SUMMER_JOBS} THEN 'Restaurangbiträde' WHEN n % 6 = 3 THEN NULL
                   ELSE (ARRAY['Restaurangbiträde','Lagerarbetare','Butiksbiträde'])[1 + (n / 6) % 3] END,
              CASE WHEN ${SUMMER_JOBS} THEN 'HOTEL_RESTAURANT_CATERING' WHEN n % 6 = 3 THEN NULL
                   ELSE (ARRAY['HOTEL_RESTAURANT_CATERING','TRANSPORT','SALES_PURCHASING_MARKETING'])[1 + (n / 6) % 3] END,
              CASE WHEN n % 6 = 3 THEN 'Introduktionsprogram, språkintroduktion' END,
              CASE WHEN n % 6 = 3 THEN 'IMS' END,
              $2, exit_date + time '15:00'
         FROM k WHERE exit_date IS NOT NULL AND exit_reason <> 'MOVED_AWAY' AND (n % 6 IN (0, 3) OR ${SUMMER_JOBS})`,
      [pns, coordinator],
    );
    // Measures that ended, and what came after (the report's occupation after a measure):
    // the five SUMMER_JOBS had a summer job that ended five days before they left for
    // restaurant work (5 in one month: shown to the manager); those who closed to studies
    // had study and career guidance ten days before; four still in the register had coaching
    // that ended one to two months ago with nothing known since (cells under 5).
    await em.query(
      `WITH ${K},
         ended AS (
           SELECT young_person_id, id, n,
                  CASE WHEN exit_date IS NULL THEN 'COACHING' WHEN ${SUMMER_JOBS} THEN 'SUMMER_JOB'
                       ELSE 'STUDY_CAREER_GUIDANCE' END AS type,
                  CASE WHEN exit_date IS NULL THEN app_today() - (15 + n % 50) WHEN ${SUMMER_JOBS} THEN exit_date - 5
                       ELSE exit_date - 10 END AS end_date
             FROM k
            WHERE (exit_date IS NOT NULL AND exit_reason <> 'MOVED_AWAY' AND (${SUMMER_JOBS} OR n % 6 = 3))
               OR (n >= 60 AND n % 10 = 7 AND exit_date IS NULL)),
         measures AS (
           INSERT INTO kaa_measure (young_person_id, municipality_code, kaa_period_id, type, provider, offered_on,
                  start_date, end_date, status, end_reason, created_by)
           SELECT young_person_id, '1287', id, type,
                  CASE type WHEN 'SUMMER_JOB' THEN 'Arbetsmarknadsförvaltningen' ELSE 'Ungdomsteamet' END,
                  end_date - 30, end_date - 21, end_date, 'COMPLETED',
                  CASE type WHEN 'SUMMER_JOB' THEN 'STARTED_WORK' WHEN 'STUDY_CAREER_GUIDANCE' THEN 'STARTED_STUDIES'
                            ELSE 'GOAL_REACHED' END, $2
             FROM ended
            RETURNING young_person_id, type, end_date)
       INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_by, recorded_at)
       SELECT young_person_id, '1287', CASE type WHEN 'SUMMER_JOB' THEN 'WORK' ELSE 'STUDIES' END,
              end_date + CASE type WHEN 'SUMMER_JOB' THEN 5 ELSE 10 END, 'YOUNG_PERSON', $2,
              end_date + CASE type WHEN 'SUMMER_JOB' THEN 5 ELSE 10 END + time '11:00'
         FROM measures WHERE type <> 'COACHING'`,
      [pns, coordinator],
    );
    // Letters in the first three months of a period; a phone call back answers some. The
    // letters were rewritten six months ago and are answered twice as often since.
    await em.query(
      `WITH ${K},
         letters AS (
           INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
           SELECT k.young_person_id, '1287', 'LETTER', 'OUTBOUND', s.at, $2, 'NO_RESPONSE'
             FROM k CROSS JOIN LATERAL (
               SELECT ((k.entry_date + 3 + i * 30)::timestamp + time '09:00') AT TIME ZONE 'Europe/Stockholm' AS at
                 FROM generate_series(0, 2) i) s
            WHERE s.at < app_now() AND (k.exit_date IS NULL OR s.at < k.exit_date)
           RETURNING young_person_id, occurred_at)
       INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
       SELECT l.young_person_id, '1287', 'PHONE', 'INBOUND', l.occurred_at + (2 + p.n % 9) * interval '1 day', $2, 'REACHED'
         FROM letters l JOIN p ON p.id = l.young_person_id
        WHERE l.occurred_at + (2 + p.n % 9) * interval '1 day' < app_now()
          AND (p.n + extract(month FROM l.occurred_at)::int)
              % CASE WHEN l.occurred_at < app_now() - interval '6 months' THEN 4 ELSE 2 END = 0`,
      [pns, coordinator],
    );
    // Home visits every three months for those letters do not reach, phone calls monthly for others.
    await em.query(
      `WITH ${K}
       INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
       SELECT k.young_person_id, '1287', c.channel, 'OUTBOUND', s.at, $2,
              CASE WHEN (k.n / 4 + extract(month FROM s.at)::int) % c.reach = 0 THEN 'REACHED'
                   WHEN c.channel = 'PHONE' THEN 'MESSAGE_LEFT' ELSE 'NO_RESPONSE' END
         FROM k
         JOIN (VALUES ('HOME_VISIT', 1, 4, interval '3 months', 17), ('PHONE', 2, 2, interval '1 month', 11))
              AS c(channel, rest, reach, every, hour) ON k.n % 4 = c.rest OR (c.channel = 'HOME_VISIT' AND k.n % 5 = 0)
        CROSS JOIN LATERAL generate_series(
              (greatest(k.entry_date, app_today() - 400) + 20 + k.n % 25)::timestamp + make_interval(hours => c.hour),
              least(coalesce(k.exit_date, app_today()), app_today())::timestamp, c.every) AS g(local)
        CROSS JOIN LATERAL (SELECT g.local AT TIME ZONE 'Europe/Stockholm' AS at) s
        WHERE s.at < app_now()`,
      [pns, coordinator],
    );
    // Students who entered the register after interrupted studies came with a drop-out
    // notice from the school, acknowledged by the youth team on the day they entered;
    // every other one had a plan when leaving (the figure seeds/004 follows).
    await em.query(
      `WITH ${K}
       INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
              kind, last_attendance_date, reason_category, left_with_plan, sent_by, sent_at, status,
              acknowledged_at, acknowledged_by, kaa_period_id)
       SELECT young_person_id, $2, '1287', '1287', 'DROPPED_OUT', entry_date - 7,
              (ARRAY['STUDY_MOTIVATION','WRONG_PROGRAMME','PERSONAL_SITUATION','WORK'])[1 + n % 4], n % 2 = 0, $3,
              ((entry_date - 3)::timestamp + time '13:00') AT TIME ZONE 'Europe/Stockholm', 'ACKNOWLEDGED',
              ((entry_date)::timestamp + time '09:00') AT TIME ZONE 'Europe/Stockholm', $4, id
         FROM k WHERE entry_reason = 'INTERRUPTED_STUDIES' AND entry_date < app_today()`,
      [pns, REPORT_YEAR_DEMO.schoolId, counsellor, coordinator],
    );
    // Dropout-risk flags with a preventive meeting held before the student left.
    await em.query(
      `WITH ${K},
         flags AS (
           INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, absence_percentage,
                  severity, status, status_changed_at, raised_by, created_at)
           SELECT young_person_id, $2, '1287', ARRAY['HIGH_ABSENCE','WANTS_TO_QUIT'], 30 + n % 40, 'HIGH', 'RESOLVED',
                  (entry_date - 10)::timestamp AT TIME ZONE 'Europe/Stockholm', $3,
                  ((entry_date - 50)::timestamp + time '10:00') AT TIME ZONE 'Europe/Stockholm'
             FROM k WHERE n % 3 = 1 AND n < 60
           RETURNING id, created_at)
       INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by, created_at)
       SELECT id, created_at + interval '14 days 3 hours', ARRAY['Mentor','Elevhälsan','Ungdomskoordinator'], 'HELD', $3, created_at
         FROM flags WHERE created_at + interval '14 days 3 hours' < app_now()`,
      [pns, REPORT_YEAR_DEMO.schoolId, counsellor],
    );
    await insertReferrals(em, K, pns, coordinator, liaison);
    await em.query(
      `INSERT INTO summer_job_offer (municipality_code, year, sector, employer_name, positions, placements)
       VALUES ('1287', ${LATEST_SUMMER} - 1, 'MUNICIPALITY', 'Trelleborgs kommun', 290, 271),
              ('1287', ${LATEST_SUMMER} - 1, 'BUSINESS', 'TFF:s näringslivsnätverk', 150, 133),
              ('1287', ${LATEST_SUMMER} - 1, 'ASSOCIATION', 'Trelleborgs FF', 10, 10)
       ON CONFLICT DO NOTHING`,
    );
  },
};

/** Joint cases with a referral to the labour office each, moved through its states over time. */
async function insertReferrals(
  em: EntityManager,
  K: string,
  pns: string[],
  coordinator: string,
  liaison: string,
): Promise<void> {
  const labourOffice = '00000000-0000-4000-8000-128700000004';
  const youthTeam = '00000000-0000-4000-8000-128700000001';
  await em.query(
    `WITH ${K},
       cases AS (
         INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by, created_at)
         SELECT young_person_id, '1287', $3, $2, 'Väg till arbete', $2,
                ((greatest(entry_date, app_today() - 395) + 10)::timestamp + time '10:00') AT TIME ZONE 'Europe/Stockholm'
           FROM k WHERE n % 5 = 1 AND greatest(entry_date, app_today() - 395) + 10 < app_today()
         RETURNING id, young_person_id, created_at),
       participants AS (
         INSERT INTO case_participant (case_id, organisation_id, role, added_by)
         SELECT id, $3, 'LEAD', $2 FROM cases),
       plan AS (
         SELECT c.id AS case_id, c.young_person_id, c.created_at + interval '2 days' AS sent_at, p.n,
                CASE p.n % 4 WHEN 0 THEN 'DECLINED' WHEN 1 THEN 'COMPLETED' WHEN 2 THEN 'ACCEPTED' ELSE 'CANCELLED' END AS goal
           FROM cases c JOIN p ON p.id = c.young_person_id),
       steps AS (
         SELECT plan.*, s.state, plan.sent_at + s.after AS at, s.ord
           FROM plan CROSS JOIN LATERAL (VALUES
             ('SENT', interval '0', 0),
             (CASE WHEN plan.goal = 'DECLINED' THEN 'DECLINED' WHEN plan.goal = 'CANCELLED' THEN 'CANCELLED' ELSE 'ACCEPTED' END,
              interval '6 days', 1),
             (CASE WHEN plan.goal = 'COMPLETED' THEN 'COMPLETED' END, interval '40 days', 2)) AS s(state, after, ord)
          WHERE s.state IS NOT NULL AND plan.sent_at + s.after < app_now()),
       last AS (SELECT DISTINCT ON (case_id) * FROM steps ORDER BY case_id, ord DESC),
       referrals AS (
         INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
                receiver_organisation_id, purpose, shared_categories, response_due_date, state, decline_reason, outcome_code,
                created_at, updated_at)
         SELECT case_id, young_person_id, '1287', $3, $2, $4,
                (ARRAY['UTBILDNINGSKONTRAKT','EXTRATJANST','LONESTOD','LABOUR_OFFICE_OTHER'])[1 + n % 4],
                ARRAY['IDENTITY','EMPLOYMENT'], (sent_at + interval '14 days')::date, state,
                CASE WHEN state = 'DECLINED' THEN 'NO_CAPACITY' END,
                CASE WHEN state = 'COMPLETED' THEN 'STARTED_PROGRAMME' END, sent_at, at
           FROM last
         RETURNING id, case_id)
     INSERT INTO referral_transition (referral_id, from_state, to_state, by_user_id, by_organisation_id, at)
     SELECT r.id, lag(s.state) OVER (PARTITION BY s.case_id ORDER BY s.ord), s.state,
            CASE WHEN s.state IN ('ACCEPTED','DECLINED','COMPLETED') THEN $5::uuid ELSE $2::uuid END,
            CASE WHEN s.state IN ('ACCEPTED','DECLINED','COMPLETED') THEN $4::uuid ELSE $3::uuid END, s.at
       FROM steps s JOIN referrals r ON r.case_id = s.case_id`,
    [pns, coordinator, youthTeam, labourOffice, liaison],
  );
}

interface DemoPerson {
  pn: string;
  born: string;
  given: string;
  family: string;
}

/** 100 valid personnummer with serials 700–799, aged 16 to 19. */
function demoPeople(today: string): DemoPerson[] {
  return Array.from({ length: 100 }, (_, n) => {
    const born = addDays(addYears(today, -16), -(40 + ((n * 41) % 1200)));
    const serial = String(700 + n);
    const yymmdd = born.slice(2).replace(/-/g, '');
    return {
      pn: `${born.replace(/-/g, '')}${serial}${luhnCheckDigit(yymmdd + serial)}`,
      born,
      given: GIVEN[n % 10],
      family: FAMILY[Math.floor(n / 10)],
    };
  });
}
