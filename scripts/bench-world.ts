/**
 * The region-scale world the benchmarks share (bench:authz, bench:region): a fresh database
 * on a server (DATABASE_URL, or an embedded PostgreSQL), migrated by the real migrations and
 * filled by SQL over an owner connection, and the real app started on it. Only the measured
 * requests go through the app, so the world does not depend on how the app connects or
 * authorizes.
 */
import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/core/config/app-config';
import { startEmbeddedDatabase } from '../src/core/database/embedded-database';

export const PASSWORD = 'bench password, not a secret';

/** Skåne: the first one holds the large organisation and most of the young people. */
export const MUNICIPALITIES: [string, string][] = [
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

/**
 * What an organisation holds, counted in people of its own municipality (rank 1, 2, …):
 * one current consent each for the first `currentConsents` (every tenth of them withdrawn),
 * a second, in-force consent for other categories for the first `secondConsents`, an expired
 * one for the next `expiredConsents`, and a case for the first `cases` (every third closed).
 */
export interface Caseload {
  municipalityCode: string;
  currentConsents: number;
  secondConsents: number;
  expiredConsents: number;
  cases: number;
}

/** Counts the statements TypeORM sends, so a request's SQL cost shows next to its time. */
export class StatementCounter extends AbstractLogger {
  count = 0;
  constructor(private readonly label: string) {
    super();
  }
  override logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    // BENCH_SQL=1 prints each statement (for EXPLAIN ANALYZE against a BENCH_KEEP world).
    if (process.env.BENCH_SQL)
      console.warn(`${this.label} sql ${JSON.stringify({ query, parameters })}`);
  }
  protected writeLog(
    _level: LogLevel,
    _message: string | number | LogMessage | (string | number | LogMessage)[],
  ): void {
    // counting only
  }
}

export interface Database {
  serverUrl: string;
  stop(): Promise<void>;
}

/** The bench's own ports and names, so two benchmarks can run side by side. */
export interface BenchPlace {
  /** e.g. bench_authz: the database's name prefix, and /tmp/bench-authz-* for an embedded server */
  name: string;
  ports: { first: number; last: number };
}

export async function startDatabase(place: BenchPlace): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { serverUrl: process.env.DATABASE_URL, stop: async () => undefined };
  }
  const dir = mkdtempSync(`/tmp/${place.name.replace(/_/g, '-')}-`);
  chmodSync(dir, 0o755); // as root the server runs as the postgres user, which must reach it
  const server = await startEmbeddedDatabase(dir, await freePort(place.ports));
  return {
    serverUrl: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(ports: BenchPlace['ports']): Promise<number> {
  for (let port = ports.first; port <= ports.last; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${ports.first}-${ports.last}`);
}

/** A database of its own on the server, so a shared DATABASE_URL server is left as found. */
export async function createBenchDatabase(
  serverUrl: string,
  place: BenchPlace,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${place.name}_${randomBytes(4).toString('hex')}`;
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

export interface Organisation {
  id: string;
  userEmail: string;
}

/** Every municipality has a youth team, a school, social services and a labour office. */
export async function insertMunicipalitiesAndOrganisations(owner: Client): Promise<void> {
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

/** How many young people live where: a fixed number in some municipalities, the rest spread over the others. */
export interface Population {
  total: number;
  fixed: { municipalityCode: string; people: number }[];
}

/**
 * `population.total` people aged 16–20. bench_person keeps each person's rank within their
 * municipality, which the caseloads are defined by.
 */
export async function insertYoungPeople(owner: Client, population: Population): Promise<void> {
  const fixedCodes = population.fixed.map((f) => f.municipalityCode);
  const otherCodes = MUNICIPALITIES.map(([code]) => code).filter((c) => !fixedCodes.includes(c));
  let upTo = 0;
  const bounds = population.fixed.map((f) => (upTo += f.people));
  await owner.query(
    `CREATE TEMP TABLE bench_person AS
     SELECT n, gen_random_uuid() AS id,
            coalesce((SELECT code FROM unnest($2::text[], $3::int[]) AS f(code, up_to)
                       WHERE n <= up_to ORDER BY up_to LIMIT 1),
                     ($4::text[])[1 + n % cardinality($4::text[])]) AS municipality_code,
            (current_date - interval '16 years' - (n % 1826) * interval '1 day')::date AS birth_date
       FROM generate_series(1, $1) n`,
    [population.total, fixedCodes, bounds, otherCodes],
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

/** A user of one role in the municipality's organisation of that kind; the email is `label@bench.example`. */
export async function insertUser(
  owner: Client,
  user: { municipalityCode: string; kind: string; role: string; label: string },
  passwordHash: string,
): Promise<Organisation & { userId: string }> {
  const userEmail = `${user.label}@bench.example`;
  const { rows } = await owner.query<{ id: string; organisation_id: string }>(
    `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
     SELECT id, municipality_code, $3, $4, ARRAY[$5], $6
       FROM organisation WHERE municipality_code = $1 AND kind = $2
     RETURNING id, organisation_id`,
    [user.municipalityCode, user.kind, userEmail, user.label, user.role, passwordHash],
  );
  return { id: rows[0].organisation_id, userId: rows[0].id, userEmail };
}

/**
 * The consents naming the organisation, documented by its social worker: a current one
 * per person (identity, contact, social), every tenth withdrawn; a second, narrower one for
 * school and health that also names the youth team; and expired ones from earlier years.
 */
export async function insertConsents(
  owner: Client,
  org: Organisation,
  load: Caseload,
): Promise<void> {
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
 * takes part in all, the labour office in every fourth. More cases than people: the cases
 * beyond one per person are an earlier round, closed, two to four years old.
 */
export async function insertCases(owner: Client, org: Organisation, load: Caseload): Promise<void> {
  await owner.query(
    `WITH case_rows AS (
       INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title,
              status, closure_outcome, closed_at, closed_by, created_by, created_at)
       SELECT p.id, p.municipality_code, $2, u.id, 'Samverkan ' || k.k,
              CASE WHEN k.closed THEN 'CLOSED' ELSE 'OPEN' END,
              CASE WHEN k.closed THEN 'STUDIES' END,
              CASE WHEN k.closed THEN least(now() - (k.k % 30) * interval '1 day', k.created_at + interval '300 days') END,
              CASE WHEN k.closed THEN u.id END,
              u.id, k.created_at
         FROM (SELECT k, 1 + (k - 1) % n.people AS rank, k % 3 = 0 OR k > n.people AS closed,
                      now() - interval '30 days' - (k % 700) * interval '1 day'
                        - CASE WHEN k > n.people THEN interval '2 years' ELSE interval '0' END AS created_at
                 FROM generate_series(1, $3::int) k,
                      (SELECT count(*)::int AS people FROM bench_person WHERE municipality_code = $1) n) k
         JOIN bench_person p ON p.municipality_code = $1 AND p.rank = k.rank
         JOIN app_user u ON u.organisation_id = $2
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

export interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app as test/support/test-app.ts builds it, listening on a loopback port. */
export async function startApp(
  databaseUrl: string,
  counter: StatementCounter,
  env: Record<string, string> = {},
): Promise<RunningApp> {
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
    ...env,
  });
  const app: INestApplication = await createApp(config, databaseUrl, counter);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function graphql(
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

export async function login(baseUrl: string, email: string): Promise<string> {
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

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function gitCommit(): string {
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
