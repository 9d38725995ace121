/**
 * `npm run bench:report`: generates a municipality with 5 000 young people and a year of
 * activity (register periods, occupations, ~70 000 contact attempts, closures, 10 000 ended
 * measures with the occupations after them, notices, preventive meetings, referrals,
 * activities) in a fresh database cloned from the migrated
 * test template (embedded PostgreSQL unless DATABASE_URL), then times the twelve-month
 * monthly report through the GraphQL API. Prints the median; exits non-zero above the budget.
 */
import { OrganisationKind, Role } from '../src/identity/role.enum';
import {
  MEASURE_OCCUPATIONS_SQL,
  MONTHLY_FIGURES_SQL,
  OUTREACH_SQL,
  SUMMER_JOBS_SQL,
} from '../src/reports/monthly-report.sql';
import { createMunicipality, createOrganisation, createUser } from '../test/support/factories';
import { createTestApp, TestApp } from '../test/support/test-app';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 2_000);

async function generate(t: TestApp, ids: Record<string, string>): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  await q(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
     SELECT '2007' || lpad(i::text, 8, '0'), date '2007-01-01' + (i % 1000), 'Bench', 'Person ' || i, '1287'
       FROM generate_series(1, $1) i`,
    [PEOPLE],
  );
  const P = `p AS (SELECT id, substring(personal_number, 5)::int AS n FROM young_person WHERE home_municipality_code = '1287')`;
  await q(
    `WITH ${P}
     INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
     SELECT id, '1287', current_date - (n * 7) % 500, 'INTERRUPTED_STUDIES',
            CASE WHEN n % 3 = 0 AND current_date - (n * 7) % 500 + 30 + n % 200 < current_date
                 THEN current_date - (n * 7) % 500 + 30 + n % 200 END,
            CASE WHEN n % 3 = 0 AND current_date - (n * 7) % 500 + 30 + n % 200 < current_date
                 THEN 'STARTED_STUDIES' END
       FROM p`,
  );
  const K = `${P}, k AS (SELECT p.n, kp.* FROM p JOIN kaa_period kp ON kp.young_person_id = p.id)`;
  await q(
    `WITH ${K}
     INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
     SELECT k.young_person_id, '1287', o.category, o.valid_from, 'OTHER'
       FROM k CROSS JOIN LATERAL (VALUES
         ('UNKNOWN', k.entry_date, true),
         ((ARRAY['WORK','STUDIES','INTERNSHIP','NOTHING'])[1 + k.n % 4], k.entry_date + k.n % 60, k.n % 5 <> 0),
         ('UNKNOWN', k.entry_date + 90 + k.n % 60, k.n % 4 = 0)) AS o(category, valid_from, wanted)
      WHERE o.wanted AND o.valid_from <= current_date`,
  );
  await q(
    `WITH ${K}
     INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, kind, closed_on, occupation_title, programme)
     SELECT young_person_id, '1287', id, CASE WHEN n % 2 = 0 THEN 'WORK' ELSE 'STUDIES' END, exit_date,
            CASE WHEN n % 2 = 0 THEN 'Restaurangbiträde' END, CASE WHEN n % 2 = 1 THEN 'IMV' END
       FROM k WHERE exit_date IS NOT NULL`,
  );
  await q(
    `WITH ${K}
     INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, outcome, occurred_at, performed_by)
     SELECT k.young_person_id, '1287', c.channel, c.direction,
            CASE WHEN (k.n + m) % c.reach = 0 THEN 'REACHED' ELSE 'NO_RESPONSE' END,
            now() - make_interval(days => m * 30 + k.n % 28 + c.offset_days), $1
       FROM k CROSS JOIN generate_series(0, 11) m
       JOIN (VALUES ('LETTER', 'OUTBOUND', 1000000, 3, 0), ('PHONE', 'INBOUND', 1, 2, 1),
                    ('PHONE', 'OUTBOUND', 2, 4, 2), ('HOME_VISIT', 'OUTBOUND', 3, 8, 3))
            AS c(channel, direction, reach, every, offset_days) ON (k.n + m) % c.every = 0`,
    [ids.coordinator],
  );
  // Two measures per person ended in the year, and for most an occupation soon after (the
  // occupation after a measure ended looks up each measure's next occupation records).
  await q(
    `WITH ${K},
       m AS (
         INSERT INTO kaa_measure (young_person_id, municipality_code, type, provider, offered_on, start_date, end_date,
                status, end_reason)
         SELECT k.young_person_id, '1287', (ARRAY['COACHING','INTERNSHIP','STUDY_CAREER_GUIDANCE','SUMMER_JOB'])[1 + (k.n + i) % 4],
                'Ungdomsteamet', current_date - 40 - (k.n * 11 + i * 170) % 330, current_date - 30 - (k.n * 11 + i * 170) % 330,
                current_date - (k.n * 11 + i * 170) % 330, 'COMPLETED', 'GOAL_REACHED'
           FROM k CROSS JOIN generate_series(0, 1) i
         RETURNING young_person_id, end_date)
     INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
     SELECT young_person_id, '1287', 'WORK', end_date + (hashtext(young_person_id::text) & 63), 'OTHER'
       FROM m WHERE end_date + (hashtext(young_person_id::text) & 63) <= current_date`,
  );
  await q(
    `WITH ${K}
     INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
            kind, last_attendance_date, reason_category, left_with_plan, sent_by, sent_at)
     SELECT young_person_id, $1, '1287', '1287', 'DROPPED_OUT', entry_date - 5, 'UNKNOWN', n % 3 = 0, $2,
            entry_date::timestamptz - interval '2 days'
       FROM k WHERE n % 3 = 1`,
    [ids.school, ids.counsellor],
  );
  await q(
    `WITH ${K}, f AS (
       INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by, created_at)
       SELECT young_person_id, $1, '1287', ARRAY['WANTS_TO_QUIT'], 'LOW', $2, entry_date::timestamptz - interval '40 days'
         FROM k WHERE n % 5 = 2
       RETURNING id, created_at)
     INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by)
     SELECT id, created_at + interval '10 days', ARRAY['Mentor'], 'HELD', $2 FROM f`,
    [ids.school, ids.counsellor],
  );
  await q(
    `WITH ${K}, c AS (
       INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by, created_at)
       SELECT young_person_id, '1287', $1, $2, 'Case', $2, entry_date::timestamptz FROM k WHERE n % 4 = 1
       RETURNING id, young_person_id, created_at),
     r AS (
       INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
              receiver_organisation_id, purpose, shared_categories, response_due_date, state, created_at)
       SELECT id, young_person_id, '1287', $1, $2, $3, 'GUIDANCE', '{}', created_at::date + 14, 'ACCEPTED', created_at FROM c
       RETURNING id, created_at)
     INSERT INTO referral_transition (referral_id, from_state, to_state, by_user_id, by_organisation_id, at)
     SELECT id, NULL, 'SENT', $2, $1, created_at FROM r
     UNION ALL SELECT id, 'SENT', 'ACCEPTED', $2, $3, created_at + interval '5 days' FROM r`,
    [ids.youthTeam, ids.coordinator, ids.labourOffice],
  );
  await q(
    `WITH a AS (
       INSERT INTO activity (municipality_code, kind, title, starts_at, ends_at)
       SELECT '1287', 'OPEN_HALL', 'Öppen Hall', d, d + interval '4 hours'
         FROM generate_series(now() - interval '365 days', now() - interval '1 day', interval '3 days') d
       RETURNING id)
     INSERT INTO activity_attendance (activity_id, total, first_timers) SELECT id, 20, 3 FROM a`,
  );
  await q(
    `INSERT INTO summer_job_offer (municipality_code, year, sector, employer_name, positions, placements)
     VALUES ('1287', extract(year FROM now())::int, 'MUNICIPALITY', 'Kommunen', 300, 280),
            ('1287', extract(year FROM now())::int, 'BUSINESS', 'Näringslivet', 200, 150)`,
  );
  await q(`ANALYZE`);
}

function lastTwelveMonths(): { from: string; to: string } {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return { from: from.toISOString().slice(0, 7), to: now.toISOString().slice(0, 7) };
}

async function main(): Promise<void> {
  // The same embedded PostgreSQL and migrated template the e2e tests use.
  const setup = (await import('../test/global-setup.mjs')) as { default: () => Promise<void> };
  const teardown = (await import('../test/global-teardown.mjs')) as {
    default: () => Promise<void>;
  };
  await setup.default();
  const t = await createTestApp();
  try {
    await createMunicipality(t, '1287');
    const youthTeam = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    const school = await createOrganisation(t, '1287', OrganisationKind.SCHOOL);
    const labourOffice = await createOrganisation(t, '1287', OrganisationKind.LABOUR_OFFICE);
    const other = await createOrganisation(t, '1287', OrganisationKind.OTHER);
    const coordinator = await createUser(t, youthTeam, [Role.YOUTH_COORDINATOR]);
    const counsellor = await createUser(t, school, [Role.COUNSELLOR], { login: false });
    const manager = await createUser(t, other, [Role.MANAGER]);

    let start = performance.now();
    await generate(t, {
      youthTeam,
      school,
      labourOffice,
      coordinator: coordinator.id,
      counsellor: counsellor.id,
    });
    const generateMs = performance.now() - start;
    const counts = await t.db.query(
      `SELECT (SELECT count(*) FROM young_person)::int AS people, (SELECT count(*) FROM kaa_period)::int AS periods,
              (SELECT count(*) FROM occupation)::int AS occupations, (SELECT count(*) FROM contact_attempt)::int AS contacts,
              (SELECT count(*) FROM kaa_closure)::int AS closures, (SELECT count(*) FROM school_notice)::int AS notices,
              (SELECT count(*) FROM kaa_measure)::int AS measures,
              (SELECT count(*) FROM referral_transition)::int AS transitions`,
    );

    const query = `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
      months { month youngPeopleInRegister { value } knownOccupationShare { value } contactsMade { value }
        outreach { channel answeredShare { value } } } } }`;
    const timings: Record<string, number[]> = { coordinator: [], manager: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [who, user] of [
        ['coordinator', coordinator],
        ['manager', manager],
      ] as const) {
        start = performance.now();
        const res = await t.gql(query, lastTwelveMonths(), user.token);
        timings[who].push(performance.now() - start);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        if (i === 0 && who === 'coordinator') {
          const m = res.data.monthlyReport.months;
          console.warn(
            `last month: in register ${m[11].youngPeopleInRegister.value}, known ${m[11].knownOccupationShare.value}%, contacts ${m[11].contactsMade.value}`,
          );
        }
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const med = median(timings.coordinator);
    console.warn(
      `bench:report data ${JSON.stringify(counts.rows[0])} generated in ${generateMs.toFixed(0)} ms\n` +
        `bench:report twelve-month report over GraphQL, ${RUNS} runs each: ` +
        `coordinator median ${med.toFixed(0)} ms (first ${timings.coordinator[0].toFixed(0)} ms, ` +
        `min ${Math.min(...timings.coordinator).toFixed(0)} ms, max ${Math.max(...timings.coordinator).toFixed(0)} ms); ` +
        `manager median ${median(timings.manager).toFixed(0)} ms`,
    );
    // Where the time goes: each statement's execution time inside PostgreSQL.
    const { from, to } = lastTwelveMonths();
    const params = [['1287'], `${from}-01`, `${to}-01`];
    const parts: string[] = [];
    for (const [name, sql] of Object.entries({
      figures: MONTHLY_FIGURES_SQL,
      occupationAfterMeasures: MEASURE_OCCUPATIONS_SQL,
      outreach: OUTREACH_SQL,
      summerJobs: SUMMER_JOBS_SQL,
    })) {
      const plan = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      parts.push(
        `${name} ${Number(plan.rows[0]['QUERY PLAN'][0]['Execution Time']).toFixed(0)} ms`,
      );
    }
    console.warn(`bench:report statements (run in parallel): ${parts.join(', ')}`);
    if (process.env.BENCH_PLAN) {
      const plan = await t.db.query(`EXPLAIN (ANALYZE, COSTS OFF) ${MONTHLY_FIGURES_SQL}`, params);
      console.warn(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    if (med > BUDGET_MS) {
      console.error(`slower than the budget of ${BUDGET_MS} ms`);
      process.exitCode = 1;
    }
  } finally {
    await t.close();
    await teardown.default();
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
