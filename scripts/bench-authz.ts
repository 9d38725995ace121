/**
 * `npm run bench:authz`: how the cost of a request grows with what the caller's
 * organisation is entitled to (issue 10). A region-scale world (20 municipalities, 50 000
 * young people) is generated with SQL in a fresh, migrated database; a LARGE social-services
 * organisation leads 20 000 joint cases and is named in 50 000 consents, a SMALL one of the
 * same kind has 10 of each. One SOCIAL_WORKER of each then sends `me`, a 50-row case list
 * and a 50-row young-people list over HTTP to the real app; the script prints median and
 * p95 latency, the app's CPU per request, requests per second and SQL statements per request,
 * and large/small ratios.
 *
 * Only the measured requests go through the app (createApp + HTTP); the world is written
 * over a separate owner connection. So the script does not care how the app connects to
 * the database or what it does per transaction, and keeps working across an authorization
 * redesign (a non-owner request role, per-transaction settings).
 *
 * Env: DATABASE_URL (a server to create the bench database on; default: an embedded
 * PostgreSQL in /tmp/bench-authz-*, port 56100-56199), BENCH_RUNS (measured requests per
 * query and user; default 200 for `me`, 50 for the lists), BENCH_WARMUP (default 10),
 * BENCH_OUT (also write the results as JSON to this file), BENCH_KEEP=1 (keep the bench
 * database; with DATABASE_URL) and BENCH_SQL=1 (print every statement sent).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { hashPassword } from '../src/auth/password';
import { runMigrations } from '../src/core/database/migrate';
import {
  BenchPlace,
  Caseload,
  createBenchDatabase,
  gitCommit,
  graphql,
  insertCases,
  insertConsents,
  insertMunicipalitiesAndOrganisations,
  insertUser,
  insertYoungPeople,
  login,
  Organisation,
  PASSWORD,
  percentile,
  round,
  RunningApp,
  startApp,
  startDatabase,
  StatementCounter,
} from './bench-world';

const RUNS = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const PLACE: BenchPlace = { name: 'bench_authz', ports: { first: 56100, last: 56199 } };

const LARGE: Caseload = {
  municipalityCode: '1280',
  currentConsents: 30_000,
  secondConsents: 12_000,
  expiredConsents: 8_000,
  cases: 20_000,
};
const SMALL: Caseload = {
  municipalityCode: '1281',
  currentConsents: 7,
  secondConsents: 2,
  expiredConsents: 1,
  cases: 10,
};

const PAGE = { first: 50 };
// A page both organisations fill (the small one sees 10 cases and 6 people): the same rows
// to decide, so any difference left is what the large caseload itself costs.
const SAME_ROWS = { first: 5 };
const CASE_FIELDS = `edges { node { id title status createdAt youngPersonId leadOrganisationId
        participants { organisationId role } } }`;
const PERSON_FIELDS = `edges { node { id personalNumber givenName familyName birthDate homeMunicipalityCode } }`;
// The 50-row pages are what a user waits for; the totals are measured on their own, as
// counting every visible row is work in proportion to the caseload by definition.
const QUERIES = {
  me: { query: `{ me { id } }`, variables: {}, runs: RUNS ?? 200 },
  cases: {
    query: `query($first: Int) { cases(first: $first) { ${CASE_FIELDS} } }`,
    variables: PAGE,
    runs: RUNS ?? 50,
  },
  youngPeople: {
    query: `query($first: Int) { youngPeople(first: $first) { ${PERSON_FIELDS} } }`,
    variables: PAGE,
    runs: RUNS ?? 50,
  },
  cases5: {
    query: `query($first: Int) { cases(first: $first) { ${CASE_FIELDS} } }`,
    variables: SAME_ROWS,
    runs: RUNS ?? 50,
  },
  youngPeople5: {
    query: `query($first: Int) { youngPeople(first: $first) { ${PERSON_FIELDS} } }`,
    variables: SAME_ROWS,
    runs: RUNS ?? 50,
  },
  casesWithTotal: {
    query: `query($first: Int) { cases(first: $first) { totalCount ${CASE_FIELDS} } }`,
    variables: PAGE,
    runs: RUNS ?? 20,
  },
  youngPeopleWithTotal: {
    query: `query($first: Int) { youngPeople(first: $first) { totalCount ${PERSON_FIELDS} } }`,
    variables: PAGE,
    runs: RUNS ?? 20,
  },
} as const;
type QueryName = keyof typeof QUERIES;
/** BENCH_ONLY=me,cases: measure only these queries. */
const ONLY = process.env.BENCH_ONLY
  ? (process.env.BENCH_ONLY.split(',').filter((q) => q in QUERIES) as QueryName[])
  : undefined;

interface World {
  large: Organisation;
  small: Organisation;
  counts: Record<string, number>;
  generationMs: number;
}

async function generateWorld(owner: Client): Promise<World> {
  const start = performance.now();
  const passwordHash = await hashPassword(PASSWORD);
  await insertMunicipalitiesAndOrganisations(owner);
  // 30 000 young people in the large organisation's municipality; the rest share the other 19.
  await insertYoungPeople(owner, {
    total: 50_000,
    fixed: [{ municipalityCode: LARGE.municipalityCode, people: 30_000 }],
  });
  const socialWorker = (caseload: Caseload, label: string) =>
    insertUser(
      owner,
      {
        municipalityCode: caseload.municipalityCode,
        kind: 'SOCIAL_SERVICES',
        role: 'SOCIAL_WORKER',
        label: `socialsekreterare-${label}`,
      },
      passwordHash,
    );
  const large = await socialWorker(LARGE, 'large');
  const small = await socialWorker(SMALL, 'small');
  for (const [org, load] of [
    [large, LARGE],
    [small, SMALL],
  ] as const) {
    await insertConsents(owner, org, load);
    await insertCases(owner, org, load);
  }
  // Fresh tables have no statistics; without them the planner's first choices are guesses.
  await owner.query(`ANALYZE`);
  const generationMs = performance.now() - start;
  return { large, small, counts: await countRows(owner, large, small), generationMs };
}

async function countRows(owner: Client, large: Organisation, small: Organisation) {
  const { rows } = await owner.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM municipality)::int AS municipalities,
            (SELECT count(*) FROM organisation)::int AS organisations,
            (SELECT count(*) FROM young_person)::int AS young_people,
            (SELECT count(*) FROM consent)::int AS consents,
            (SELECT count(*) FROM consent_recipient)::int AS consent_recipients,
            (SELECT count(*) FROM joint_case)::int AS cases,
            (SELECT count(*) FROM case_participant)::int AS case_participants,
            (SELECT count(*) FROM consent_recipient r JOIN consent_in_force f ON f.id = r.consent_id
              WHERE r.organisation_id = $1)::int AS large_consents_in_force,
            (SELECT count(*) FROM consent_recipient r JOIN consent_in_force f ON f.id = r.consent_id
              WHERE r.organisation_id = $2)::int AS small_consents_in_force`,
    [large.id, small.id],
  );
  return rows[0];
}

interface Sample {
  ms: number[];
  cpuMs: number[];
  statements: number[];
  totalCount?: number;
}

type User = 'large' | 'small';

/**
 * Large and small take turns request by request, so a neighbour's load on the shared
 * machine hits both alike. Requests are sequential: the statement count between sending
 * and answering belongs to that request alone.
 */
async function measure(
  app: RunningApp,
  counter: StatementCounter,
  tokens: Record<User, string>,
): Promise<Record<QueryName, Record<User, Sample>>> {
  const results = {} as Record<QueryName, Record<User, Sample>>;
  for (const name of ONLY ?? (Object.keys(QUERIES) as QueryName[])) {
    const { query, variables, runs } = QUERIES[name];
    // A failed answer is not a measurement: stop, and say whose request it was.
    const send = (user: User) =>
      graphql(app.baseUrl, query, variables, tokens[user]).catch((e: Error) => {
        throw new Error(`${name} as the ${user} organisation's user: ${e.message}`);
      });
    const samples: Record<User, Sample> = {
      large: { ms: [], cpuMs: [], statements: [] },
      small: { ms: [], cpuMs: [], statements: [] },
    };
    for (let i = 0; i < WARMUP; i++)
      for (const user of ['large', 'small'] as const) await send(user);
    for (let i = 0; i < runs; i++) {
      for (const user of ['large', 'small'] as const) {
        counter.count = 0;
        const start = performance.now();
        const cpu = process.cpuUsage();
        const data = await send(user);
        samples[user].ms.push(performance.now() - start);
        // The app runs in this process: its CPU per request, which a busy machine's waiting
        // does not inflate the way it does the latency.
        const used = process.cpuUsage(cpu);
        samples[user].cpuMs.push((used.user + used.system) / 1000);
        samples[user].statements.push(counter.count);
        samples[user].totalCount ??= (
          data[name.replace(/WithTotal|\d+$/, '')] as { totalCount?: number }
        ).totalCount;
      }
    }
    results[name] = samples;
    // A long run on a busy machine should show that it is moving.
    console.warn(`bench:authz ${name}: ${runs} runs per user done`);
  }
  return results;
}

interface Row {
  query: QueryName;
  user: User;
  runs: number;
  medianMs: number;
  p95Ms: number;
  cpuMedianMs: number;
  reqPerSec: number;
  statementsMedian: number;
  statementsMin: number;
  statementsMax: number;
  totalCount?: number;
}

function summarise(results: Record<QueryName, Record<User, Sample>>): Row[] {
  return (Object.keys(results) as QueryName[]).flatMap((query) =>
    (['large', 'small'] as const).map((user) => {
      const { ms, cpuMs, statements, totalCount } = results[query][user];
      const totalMs = ms.reduce((a, b) => a + b, 0);
      return {
        query,
        user,
        runs: ms.length,
        medianMs: round(percentile(ms, 50)),
        p95Ms: round(percentile(ms, 95)),
        cpuMedianMs: round(percentile(cpuMs, 50)),
        reqPerSec: round(ms.length / (totalMs / 1000)),
        statementsMedian: percentile(statements, 50),
        statementsMin: Math.min(...statements),
        statementsMax: Math.max(...statements),
        totalCount,
      };
    }),
  );
}

function ratios(
  rows: Row[],
): Record<QueryName, { medianMs: number; p95Ms: number; cpuMs: number; statements: number }> {
  const out = {} as Record<
    QueryName,
    { medianMs: number; p95Ms: number; cpuMs: number; statements: number }
  >;
  for (const query of [...new Set(rows.map((r) => r.query))]) {
    const large = rows.find((r) => r.query === query && r.user === 'large')!;
    const small = rows.find((r) => r.query === query && r.user === 'small')!;
    out[query] = {
      medianMs: round(large.medianMs / small.medianMs),
      p95Ms: round(large.p95Ms / small.p95Ms),
      cpuMs: round(large.cpuMedianMs / small.cpuMedianMs),
      statements: round(large.statementsMedian / small.statementsMedian),
    };
  }
  return out;
}

function table(rows: Row[], ratio: ReturnType<typeof ratios>): string {
  const header = [
    'query',
    'user',
    'runs',
    'median ms',
    'p95 ms',
    'app CPU ms',
    'req/s',
    'SQL/req',
    'totalCount',
  ];
  const lines = rows.map((r) => [
    r.query,
    r.user,
    String(r.runs),
    r.medianMs.toFixed(1),
    r.p95Ms.toFixed(1),
    r.cpuMedianMs.toFixed(1),
    r.reqPerSec.toFixed(1),
    r.statementsMin === r.statementsMax
      ? String(r.statementsMedian)
      : `${r.statementsMedian} (${r.statementsMin}–${r.statementsMax})`,
    r.totalCount === undefined ? '' : String(r.totalCount),
  ]);
  for (const [query, q] of Object.entries(ratio)) {
    lines.push([
      query,
      'large/small',
      '',
      `${q.medianMs}×`,
      `${q.p95Ms}×`,
      `${q.cpuMs}×`,
      '',
      `${q.statements}×`,
      '',
    ]);
  }
  const width = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [format(header), format(width.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  // Other work on a shared machine shows in the numbers; the load before and after says how much.
  const loadBefore = loadavg().map(round);
  const database = await startDatabase(PLACE);
  const bench = await createBenchDatabase(database.serverUrl, PLACE);
  let app: RunningApp | undefined;
  const owner = new Client({ connectionString: bench.url });
  try {
    await runMigrations(bench.url);
    await owner.connect();
    const world = await generateWorld(owner);
    console.warn(
      `bench:authz world generated in ${(world.generationMs / 1000).toFixed(1)} s: ${JSON.stringify(world.counts)}`,
    );

    const counter = new StatementCounter('bench:authz');
    app = await startApp(bench.url, counter);
    const tokens = {
      large: await login(app.baseUrl, world.large.userEmail),
      small: await login(app.baseUrl, world.small.userEmail),
    };
    const rows = summarise(await measure(app, counter, tokens));
    const ratio = ratios(rows);
    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: {
        cpus: cpus().length,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map(round),
        node: process.version,
      },
      world: { ...world.counts, generationSeconds: round(world.generationMs / 1000) },
      warmup: WARMUP,
      results: rows,
      ratios: ratio,
    };
    process.stdout.write(`${table(rows, ratio)}\n`);
    console.warn(
      `bench:authz load average (1/5/15 min) before ${loadBefore.join(' ')}, after ${report.machine.loadAverageAfter.join(' ')}`,
    );
    if (process.env.BENCH_OUT)
      writeFileSync(process.env.BENCH_OUT, JSON.stringify(report, null, 2));
  } finally {
    await app?.close();
    await owner.end().catch(() => undefined);
    // BENCH_KEEP=1 leaves the world for EXPLAIN ANALYZE (its name is printed).
    if (process.env.BENCH_KEEP)
      console.warn(`bench:authz kept ${bench.url.replace(/\/\/[^@]*@/, '//')}`);
    else await bench.drop().catch(() => undefined);
    await database.stop();
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
