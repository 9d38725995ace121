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
import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';
import { createApp } from '../src/app.factory';
import { hashPassword } from '../src/auth/password';
import { loadConfig } from '../src/core/config/app-config';
import { startEmbeddedDatabase } from '../src/core/database/embedded-database';
import { runMigrations } from '../src/core/database/migrate';

const RUNS = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const PORTS = { first: 56100, last: 56199 };
const PASSWORD = 'bench password, not a secret';

/** Skåne: the first one holds the large organisation and most of the young people. */
const MUNICIPALITIES: [string, string][] = [
  ['1280', 'Malmö'],
  ['1281', 'Lund'],
  ['1282', 'Landskrona'],
  ['1283', 'Helsingborg'],
  ['1284', 'Höganäs'],
  ['1285', 'Eslöv'],
  ['1286', 'Ystad'],
  ['1287', 'Trelleborg'],
  ['1290', 'Kristianstad'],
  ['1291', 'Simrishamn'],
  ['1292', 'Ängelholm'],
  ['1293', 'Hässleholm'],
  ['1230', 'Staffanstorp'],
  ['1231', 'Burlöv'],
  ['1233', 'Vellinge'],
  ['1261', 'Kävlinge'],
  ['1262', 'Lomma'],
  ['1263', 'Svedala'],
  ['1264', 'Skurup'],
  ['1265', 'Sjöbo'],
];
const PEOPLE = 50_000;
/** Young people living in the large organisation's municipality; the rest share the other 19. */
const PEOPLE_IN_LARGE_MUNICIPALITY = 30_000;

/**
 * What an organisation holds, counted in people of its own municipality (rank 1, 2, …):
 * one current consent each for the first `currentConsents` (every tenth of them withdrawn),
 * a second, in-force consent for other categories for the first `secondConsents`, an expired
 * one for the next `expiredConsents`, and a case for the first `cases` (every third closed).
 */
interface Caseload {
  municipalityCode: string;
  currentConsents: number;
  secondConsents: number;
  expiredConsents: number;
  cases: number;
}

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

/** Counts the statements TypeORM sends, so a request's SQL cost shows next to its time. */
class StatementCounter extends AbstractLogger {
  count = 0;
  override logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    // BENCH_SQL=1 prints each statement (for EXPLAIN ANALYZE against a BENCH_KEEP world).
    if (process.env.BENCH_SQL)
      console.warn(`bench:authz sql ${JSON.stringify({ query, parameters })}`);
  }
  protected writeLog(
    _level: LogLevel,
    _message: string | number | LogMessage | (string | number | LogMessage)[],
  ): void {
    // counting only
  }
}

interface Database {
  serverUrl: string;
  stop(): Promise<void>;
}

async function startDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { serverUrl: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const dir = mkdtempSync('/tmp/bench-authz-');
  chmodSync(dir, 0o755); // as root the server runs as the postgres user, which must reach it
  const server = await startEmbeddedDatabase(dir, await freePort());
  return {
    serverUrl: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  for (let port = PORTS.first; port <= PORTS.last; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS.first}-${PORTS.last}`);
}

/** A database of its own on the server, so a shared DATABASE_URL server is left as found. */
async function createBenchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_authz_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

interface Organisation {
  id: string;
  userEmail: string;
}

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
  await insertYoungPeople(owner);
  const large = await insertSocialWorker(owner, LARGE.municipalityCode, 'large', passwordHash);
  const small = await insertSocialWorker(owner, SMALL.municipalityCode, 'small', passwordHash);
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

/** Every municipality has a youth team, a school, social services and a labour office. */
async function insertMunicipalitiesAndOrganisations(owner: Client): Promise<void> {
  await owner.query(
    `INSERT INTO municipality (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
    [MUNICIPALITIES.map(([code]) => code), MUNICIPALITIES.map(([, name]) => name)],
  );
  await owner.query(
    `INSERT INTO organisation (municipality_code, name, kind)
     SELECT m.code, k.label || ' ' || m.name, k.kind
       FROM municipality m
      CROSS JOIN (VALUES ('YOUTH_TEAM', 'KAA-teamet'), ('SCHOOL', 'Gymnasieskolan'),
                         ('SOCIAL_SERVICES', 'Socialtjänsten'), ('LABOUR_OFFICE', 'Arbetsförmedlingen'))
            AS k(kind, label)`,
  );
}

/**
 * 50 000 people aged 16–20, 30 000 in the large organisation's municipality and the rest
 * spread over the others. bench_person keeps each person's rank within their municipality,
 * which the caseloads are defined by.
 */
async function insertYoungPeople(owner: Client): Promise<void> {
  const otherCodes = MUNICIPALITIES.slice(1).map(([code]) => code);
  await owner.query(
    `CREATE TEMP TABLE bench_person AS
     SELECT n, gen_random_uuid() AS id,
            CASE WHEN n <= $2 THEN $3 ELSE ($4::text[])[1 + n % cardinality($4::text[])] END AS municipality_code,
            (current_date - interval '16 years' - (n % 1826) * interval '1 day')::date AS birth_date
       FROM generate_series(1, $1) n`,
    [PEOPLE, PEOPLE_IN_LARGE_MUNICIPALITY, LARGE.municipalityCode, otherCodes],
  );
  await owner.query(
    `ALTER TABLE bench_person ADD COLUMN rank int;
     UPDATE bench_person p SET rank = r.rank
       FROM (SELECT n, row_number() OVER (PARTITION BY municipality_code ORDER BY n) AS rank FROM bench_person) r
      WHERE r.n = p.n;
     CREATE UNIQUE INDEX ON bench_person (municipality_code, rank);
     CREATE UNIQUE INDEX ON bench_person (id)`,
  );
  // Names cycle through short lists so that sorting by name is realistic, not by serial.
  await owner.query(
    `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name,
            home_municipality_code, street_address, postal_code, city, phone, email)
     SELECT p.id, to_char(p.birth_date, 'YYYYMMDD') || lpad((p.n / 1826)::text, 4, '0'), p.birth_date,
            (ARRAY['Alva','Elias','Maja','Noah','Saga','Liam','Wilma','Hugo','Ella','Adam','Ebba','Omar','Leah','Ali','Nora','Sam'])[1 + p.n % 16],
            (ARRAY['Andersson','Johansson','Karlsson','Nilsson','Eriksson','Larsson','Olsson','Persson','Svensson','Gustafsson',
                   'Pettersson','Jonsson','Jansson','Hansson','Bengtsson','Jönsson','Lindberg','Jakobsson','Magnusson','Olofsson',
                   'Lindström','Lindqvist','Lindgren','Axelsson','Berg','Bergström','Lundberg','Lind','Lundgren','Lundqvist',
                   'Mattsson','Berglund'])[1 + (p.n / 16) % 32] || CASE WHEN p.n % 7 = 0 THEN '-Hassan' ELSE '' END,
            p.municipality_code, 'Storgatan ' || (1 + p.n % 90), '2' || lpad((p.n % 10000)::text, 4, '0'), m.name,
            '070-' || lpad(p.n::text, 7, '0'), 'ung' || p.n || '@example.se'
       FROM bench_person p JOIN municipality m ON m.code = p.municipality_code`,
  );
}

async function insertSocialWorker(
  owner: Client,
  municipalityCode: string,
  label: string,
  passwordHash: string,
): Promise<Organisation> {
  const userEmail = `socialsekreterare-${label}@bench.example`;
  const { rows } = await owner.query<{ organisation_id: string }>(
    `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
     SELECT id, municipality_code, $2, 'Socialsekreterare ' || $3, ARRAY['SOCIAL_WORKER'], $4
       FROM organisation WHERE municipality_code = $1 AND kind = 'SOCIAL_SERVICES'
     RETURNING organisation_id`,
    [municipalityCode, userEmail, label, passwordHash],
  );
  return { id: rows[0].organisation_id, userEmail };
}

/**
 * The consents naming the organisation, documented by its social worker: a current one
 * per person (identity, contact, social), every tenth withdrawn; a second, narrower one for
 * school and health that also names the youth team; and expired ones from earlier years.
 */
async function insertConsents(owner: Client, org: Organisation, load: Caseload): Promise<void> {
  await owner.query(
    `WITH wanted AS (
       SELECT rank, 'CURRENT' AS kind FROM generate_series(1, $3::int) rank
       UNION ALL SELECT rank, 'SECOND' FROM generate_series(1, $4::int) rank
       UNION ALL SELECT rank, 'EXPIRED' FROM generate_series($4::int + 1, $4::int + $5::int) rank),
     spec AS (
       SELECT p.id AS person_id, p.municipality_code, w.rank, w.kind,
              w.kind = 'CURRENT' AND w.rank % 10 = 7 AS withdrawn,
              CASE w.kind WHEN 'EXPIRED' THEN now() - interval '3 years' + (w.rank % 300) * interval '1 day'
                          ELSE now() - interval '1 year' + (w.rank % 300) * interval '1 day' END AS valid_from
         FROM wanted w JOIN bench_person p ON p.municipality_code = $1 AND p.rank = w.rank),
     consent_rows AS (
       INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
              documented_by_organisation_id, purpose, categories, valid_from, valid_until,
              withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id, withdrawal_reason)
       SELECT s.person_id, s.municipality_code, ARRAY['YOUNG_PERSON'], 'WRITTEN', u.id, $2,
              CASE s.kind WHEN 'SECOND' THEN 'Samordning med skola och elevhälsa' ELSE 'Samverkan kring stöd' END,
              CASE s.kind WHEN 'SECOND' THEN ARRAY['SCHOOL','HEALTH'] ELSE ARRAY['IDENTITY','CONTACT','SOCIAL'] END,
              s.valid_from, s.valid_from + interval '2 years',
              CASE WHEN s.withdrawn THEN now() - (s.rank % 60) * interval '1 day' END,
              CASE WHEN s.withdrawn THEN 'YOUNG_PERSON' END,
              CASE WHEN s.withdrawn THEN u.id END,
              CASE WHEN s.withdrawn THEN 'Vill inte längre' END
         FROM spec s JOIN app_user u ON u.organisation_id = $2
       RETURNING id, municipality_code, categories)
     INSERT INTO consent_recipient (consent_id, organisation_id)
     SELECT id, $2::uuid FROM consent_rows
     UNION ALL
     SELECT c.id, o.id FROM consent_rows c
       JOIN organisation o ON o.municipality_code = c.municipality_code AND o.kind = 'YOUTH_TEAM'
      WHERE 'SCHOOL' = ANY(c.categories)`,
    [
      load.municipalityCode,
      org.id,
      load.currentConsents,
      load.secondConsents,
      load.expiredConsents,
    ],
  );
}

/**
 * Cases the organisation leads over the last two years, every third closed; the youth team
 * takes part in all, the labour office in every fourth.
 */
async function insertCases(owner: Client, org: Organisation, load: Caseload): Promise<void> {
  await owner.query(
    `WITH case_rows AS (
       INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title,
              status, closure_outcome, closed_at, closed_by, created_by, created_at)
       SELECT p.id, p.municipality_code, $2, u.id, 'Samverkan ' || p.rank,
              CASE WHEN p.rank % 3 = 0 THEN 'CLOSED' ELSE 'OPEN' END,
              CASE WHEN p.rank % 3 = 0 THEN 'STUDIES' END,
              CASE WHEN p.rank % 3 = 0 THEN now() - (p.rank % 30) * interval '1 day' END,
              CASE WHEN p.rank % 3 = 0 THEN u.id END,
              u.id, now() - interval '30 days' - (p.rank % 700) * interval '1 day'
         FROM bench_person p JOIN app_user u ON u.organisation_id = $2
        WHERE p.municipality_code = $1 AND p.rank <= $3
       RETURNING id, municipality_code, lead_user_id, created_at,
                 (SELECT rank FROM bench_person WHERE id = young_person_id) AS rank)
     INSERT INTO case_participant (case_id, organisation_id, role, added_by, added_at)
     SELECT id, $2::uuid, 'LEAD', lead_user_id, created_at FROM case_rows
     UNION ALL
     SELECT c.id, o.id, 'PARTICIPANT', c.lead_user_id, c.created_at + interval '1 day'
       FROM case_rows c JOIN organisation o ON o.municipality_code = c.municipality_code
      WHERE o.kind = 'YOUTH_TEAM' OR (o.kind = 'LABOUR_OFFICE' AND c.rank % 4 = 1)`,
    [load.municipalityCode, org.id, load.cases],
  );
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

interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app as test/support/test-app.ts builds it, listening on a loopback port. */
async function startApp(databaseUrl: string, counter: StatementCounter): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: 'test', // no hourly timers firing inside the measurement
    JWT_SECRET: randomBytes(24).toString('hex'),
    AUDIT_SEAL_INTERVAL_MS: '0',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RECORD_BUDGET_PER_MINUTE: '100000000',
    RECORD_BUDGET_PER_DAY: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    SEED_DEMO: 'false',
    // On a busy machine the measured requests outlast the default 15-minute token.
    ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600),
    // The totals count every visible row, in proportion to the caseload by definition; on
    // a busy machine that outlasts the door's 10-second limit, which is not what is measured.
    STATEMENT_TIMEOUT_MS: '300000',
  });
  const app: INestApplication = await createApp(config, databaseUrl, counter);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function graphql(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors || !body.data) {
    throw new Error(`${query.slice(0, 40)}…: ${res.status} ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

async function login(baseUrl: string, email: string): Promise<string> {
  const data = await graphql(
    baseUrl,
    `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          accessToken
        }
      }
    `,
    { input: { email, password: PASSWORD } },
  );
  return (data.login as { accessToken: string }).accessToken;
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
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

function round(x: number): number {
  return Math.round(x * 100) / 100;
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

function gitCommit(): string {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync(
      'git',
      ['--no-optional-locks', 'status', '--porcelain', '--', 'src', 'migrations'],
      {
        encoding: 'utf8',
      },
    ).trim();
    return dirty ? `${hash} (src/ or migrations/ modified)` : hash;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  // Other work on a shared machine shows in the numbers; the load before and after says how much.
  const loadBefore = loadavg().map(round);
  const database = await startDatabase();
  const bench = await createBenchDatabase(database.serverUrl);
  let app: RunningApp | undefined;
  const owner = new Client({ connectionString: bench.url });
  try {
    await runMigrations(bench.url);
    await owner.connect();
    const world = await generateWorld(owner);
    console.warn(
      `bench:authz world generated in ${(world.generationMs / 1000).toFixed(1)} s: ${JSON.stringify(world.counts)}`,
    );

    const counter = new StatementCounter();
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
