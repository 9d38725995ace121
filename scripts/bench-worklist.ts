/**
 * `npm run bench:worklist`: the coordinator's work list at a large register's scale, through
 * the real app on the embedded test database. A small municipality (500 open periods) and a
 * large one (BENCH_ROWS, 50 000) with the same mix: occupation unknown, letters without an
 * answer, contacts, responsible coordinators. For page sizes 10, 50 and 100 and the second
 * page (cursor) it counts the SQL statements a request sends (all of them, and those that
 * read the work list) and times the median of BENCH_RUNS requests.
 *
 * Exits non-zero when a request reads the list with more than one statement, or the count
 * of statements differs between page sizes or registers.
 */
import { OrganisationKind, Role } from '../src/identity/role.enum';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TestUser,
} from '../test/support/factories';
import { createTestApp, TestApp } from '../test/support/test-app';

const LARGE = Number(process.env.BENCH_ROWS ?? 50_000);
const SMALL = Number(process.env.BENCH_SMALL ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const WORK_LIST = `query($first: Int, $after: String) {
  workList(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { youngPersonId familyName age reason priority streetAddress phone lastContactAt } }
  }
}`;

/** `n` residents of `code` with open periods: a quarter each never contacted, letters unanswered, phoned, followed up. */
async function register(t: TestApp, code: string, n: number, coordinator: TestUser, base: number) {
  await t.db.query(
    `WITH yp AS (
       INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
                                 street_address, postal_code, city, phone)
       SELECT lpad((${base} + i)::text, 12, '0'), DATE '2008-06-01' + (i % 700), 'Ung', 'Person' || i, $1,
              'Storgatan ' || (i % 300), '211 34', 'Stad', '070-' || (1000000 + i)
       FROM generate_series(1, $2::int) i RETURNING id, family_name)
     INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id, next_follow_up_date)
     SELECT id, $1, app_today() - 90, 'NEVER_STARTED',
            CASE WHEN right(family_name, 1) IN ('0','1','2') THEN NULL ELSE $3::uuid END,
            CASE WHEN right(family_name, 1) IN ('3','4') THEN app_today() - 5 ELSE app_today() + 20 END
     FROM yp`,
    [code, n, coordinator.id],
  );
  await t.db.query(
    `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
     SELECT p.young_person_id, $1, CASE WHEN row_number() OVER () % 2 = 0 THEN 'LETTER' ELSE 'PHONE' END, 'OUTBOUND',
            app_now() - interval '20 days', $2, 'NO_RESPONSE'
     FROM kaa_period p WHERE p.municipality_code = $1 AND (hashtext(p.id::text) % 4) <> 0`,
    [code, coordinator.id],
  );
}

async function measure(t: TestApp, token: string, first: number, page: 1 | 2) {
  let after: string | undefined;
  if (page === 2) {
    const res = await t.gql(WORK_LIST, { first }, token);
    after = res.data.workList.pageInfo.endCursor;
  }
  const times: number[] = [];
  let statements = 0;
  let listStatements = 0;
  let rows = 0;
  let total = 0;
  for (let i = 0; i < RUNS; i++) {
    t.sql.reset();
    const at = performance.now();
    const res = await t.gql(WORK_LIST, { first, after }, token);
    times.push(performance.now() - at);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    statements = t.sql.count;
    listStatements = t.sql.statements.filter((s) => /FROM work_list_entry/i.test(s)).length;
    rows = res.data.workList.edges.length;
    total = res.data.workList.totalCount;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], statements, listStatements, rows, total };
}

async function main(): Promise<void> {
  const setup = (await import('../test/global-setup.mjs')) as { default: () => Promise<void> };
  const teardown = (await import('../test/global-teardown.mjs')) as {
    default: () => Promise<void>;
  };
  await setup.default();
  // BENCH_STATEMENT_TIMEOUT_MS only to see how long it takes past the app's own timeout.
  const t = await createTestApp(
    process.env.BENCH_STATEMENT_TIMEOUT_MS
      ? { STATEMENT_TIMEOUT_MS: process.env.BENCH_STATEMENT_TIMEOUT_MS }
      : {},
  );
  try {
    const users: Record<string, TestUser> = {};
    for (const [code, n, base] of [
      ['1272', SMALL, 190000000000],
      ['1280', LARGE, 200000000000],
    ] as const) {
      await createMunicipality(t, code);
      const org = await createOrganisation(t, code, OrganisationKind.YOUTH_TEAM);
      users[code] = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
      await register(t, code, n, users[code], base);
    }
    await t.db.query(`ANALYZE young_person, kaa_period, contact_attempt, occupation`);
    let failed = false;
    const counts = new Set<number>();
    for (const [first, page] of [
      [10, 1],
      [50, 1],
      [100, 1],
      [50, 2],
    ] as const) {
      const small = await measure(t, users['1272'].token, first, page);
      const large = await measure(t, users['1280'].token, first, page);
      counts.add(small.statements).add(large.statements);
      if (small.listStatements !== 1 || large.listStatements !== 1) failed = true;
      console.warn(
        `bench:worklist first ${first} page ${page}: ${SMALL} periods ${small.ms.toFixed(0)} ms, ` +
          `${LARGE} periods ${large.ms.toFixed(0)} ms (${(large.ms / small.ms).toFixed(2)}×); ` +
          `rows ${small.rows}/${large.rows} of ${small.total}/${large.total}; ` +
          `statements per request ${small.statements}/${large.statements}, reading the list ${small.listStatements}/${large.listStatements}`,
      );
    }
    if (counts.size !== 1) failed = true;
    console.warn(`bench:worklist statements per request: ${[...counts].join(', ')}`);
    if (failed) {
      console.error('the work list is not one statement per page at every size');
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
