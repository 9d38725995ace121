/**
 * `npm run bench:region` (issue 17): the daily reads at a region's size, side by side with
 * PostGraphile v5 over the same tables. A fresh database gets the real migrations and the
 * region of scripts/region/world.ts (REGION_SCALE=1: 20 municipalities, 50 000 young people,
 * 300 000 contact attempts, 20 000 cases with notes); then the portal, PostGraphile and a
 * node:http + pg floor each run in a process of their own, and autocannon drives them in
 * turn, round by round, so a neighbour's load hits all alike.
 *
 * Each daily read runs as the role that does it, at 32 connections, on the portal for the
 * large (10 000 young people, 20 000 cases) and the small (1 000, 10 cases) municipality,
 * and on PostGraphile for the large one. The report and the SCB extract are timed one
 * request at a time (they are documents, waited for alone). Printed first: the portal's
 * req/s as a share of PostGraphile's, and large/small latency; then every run's req/s,
 * p50/p99, errors, SQL statements and access-log rows per request, and the most access-log
 * rows left unsealed during a run.
 *
 * A script, not a test: it never runs in CI. Env: DATABASE_URL (a server to create the bench
 * database on; default an embedded PostgreSQL in /tmp/bench-region-*, ports 56200–56299),
 * REGION_SCALE (default 1), BENCH_SECONDS (per run, default 15), BENCH_WARMUP_SECONDS
 * (default 3), BENCH_ROUNDS (default 2), BENCH_ONLY (part of a read's name), BENCH_OUT (JSON
 * results), BENCH_KEEP=1 (keep the database), BENCH_REUSE=<database> (a database an earlier
 * run kept: its world is used again, after any new migrations, instead of generating one;
 * kept afterwards), REGION_LARGE_PEOPLE (the large municipality's young people, see
 * region/world.ts), REGION_SEAL_INTERVAL_MS (the portal's sealer, default 5000).
 */
import { ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../src/core/database/migrate';
import {
  BenchPlace,
  createBenchDatabase,
  gitCommit,
  graphql,
  login,
  round,
  startDatabase,
} from './bench-world';
import { Context, Read, READS, Shape } from './region/reads';
import { addRegions, generateRegion, Region, SCALE, Size } from './region/world';

// autocannon ships no types; this is the part of its API the bench uses.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Cannon;

const PLACE: BenchPlace = { name: 'bench_region', ports: { first: 56200, last: 56299 } };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** The documents are timed one request at a time, this many after one warm-up. */
const DOCUMENT_RUNS = 5;
/** The portal's sealer interval (region/serve.ts reads it from the environment). */
const SEAL_INTERVAL_MS = Number(process.env.REGION_SEAL_INTERVAL_MS ?? 5000);

type TargetName = 'portal' | 'postgraphile' | 'floor';

interface Target {
  name: TargetName;
  url: string;
  process: ChildProcess;
}

interface RunResult {
  read: string;
  target: TargetName;
  size: Size;
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  statementsPerRequest: number;
  accessLogRowsPerRequest: number;
  maxUnsealed: number;
  appCpuMsPerRequest: number;
}

function startTarget(name: TargetName, databaseUrl: string): Promise<Target> {
  const child = fork(join(__dirname, 'region', 'serve.ts'), [name, databaseUrl], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, NODE_ENV: 'test', REGION_SEAL_INTERVAL_MS: String(SEAL_INTERVAL_MS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before it listened`)),
    );
    child.once('message', (m: { type: string; port: number }) => {
      child.removeAllListeners('exit');
      resolve({ name, url: `http://127.0.0.1:${m.port}`, process: child });
    });
  });
}

function stats(target: Target): Promise<{ statements: number; cpuMs: number }> {
  return new Promise((resolve) => {
    target.process.once('message', (m: { statements: number; cpuMs: number }) => resolve(m));
    target.process.send({ type: 'stats' });
  });
}

interface Tokens {
  [size: string]: Record<string, string>;
}

async function loginAll(portal: Target, region: Region): Promise<Tokens> {
  const tokens: Tokens = {};
  for (const size of ['large', 'small'] as const) {
    tokens[size] = {};
    for (const [role, user] of Object.entries(region.users[size]))
      tokens[size][role] = await login(portal.url, user.email);
  }
  return tokens;
}

function contextFor(region: Region, size: Size): Context {
  let i = 0;
  return { region, size, next: () => i++ };
}

/** One answer, checked: the shape's rows must be there, with no error, before the load starts. */
async function probe(target: Target, shape: Shape, c: Context, token?: string): Promise<number> {
  const data = await graphql(target.url, shape.query, shape.variables(c), token);
  return shape.rows(data);
}

/**
 * The most rows left unsealed, in sealing intervals' worth of this run's log rows
 * (point 5: at most 1). '—' when the run wrote no log rows.
 */
function intervalsUnsealed(r: RunResult): string {
  const perInterval = (r.reqPerSec * r.accessLogRowsPerRequest * SEAL_INTERVAL_MS) / 1000;
  return perInterval > 0 ? round(r.maxUnsealed / perInterval).toString() : '—';
}

async function counts(owner: Client): Promise<{ log: number; unsealed: number }> {
  const { rows } = await owner.query<{ log: number; unsealed: number }>(
    `SELECT (SELECT count(*) FROM access_log)::int AS log,
            (SELECT count(*) FROM access_log WHERE seal_seq IS NULL)::int AS unsealed`,
  );
  return rows[0];
}

async function load(
  target: Target,
  read: Read,
  shape: Shape,
  c: Context,
  seconds: number,
  token?: string,
): Promise<CannonResult> {
  const documents = read.connections === 1;
  return autocannon({
    url: `${target.url}/graphql`,
    connections: read.connections,
    ...(documents ? { amount: DOCUMENT_RUNS } : { duration: seconds }),
    timeout: 120,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          body: JSON.stringify({ query: shape.query, variables: shape.variables(c) }),
        }),
      },
    ],
    // A GraphQL error is an answer with status 200: count it as an error, not as speed.
    verifyBody: (body: string) => body.startsWith('{"data"') && !body.includes('"errors"'),
  });
}

async function measure(
  owner: Client,
  target: Target,
  read: Read,
  shape: Shape,
  c: Context,
  roundNo: number,
  token?: string,
): Promise<RunResult> {
  if (read.connections > 1) await load(target, read, shape, c, WARMUP_SECONDS, token);
  else await probe(target, shape, c, token);
  const before = { ...(await stats(target)), ...(await counts(owner)) };
  let maxUnsealed = before.unsealed;
  const poll = setInterval(() => {
    counts(owner)
      .then((n) => (maxUnsealed = Math.max(maxUnsealed, n.unsealed)))
      .catch(() => undefined);
  }, 500);
  const result = await load(target, read, shape, c, SECONDS, token);
  clearInterval(poll);
  const after = { ...(await stats(target)), ...(await counts(owner)) };
  const answered = Math.max(1, result.requests.total);
  return {
    read: read.name,
    target: target.name,
    size: c.size,
    round: roundNo,
    reqPerSec: round(result.requests.total / (result.duration || SECONDS)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    statementsPerRequest: round((after.statements - before.statements) / answered),
    accessLogRowsPerRequest: round((after.log - before.log) / answered),
    maxUnsealed,
    appCpuMsPerRequest: round((after.cpuMs - before.cpuMs) / answered),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

function summary(results: RunResult[]): string {
  const pick = (read: string, target: TargetName, size: Size) =>
    results.filter((r) => r.read === read && r.target === target && r.size === size);
  const lines = [
    '| read | portal/PostGraphile req/s | large/small p50 | portal req/s | PostGraphile req/s | floor req/s | portal p50 / p99 ms |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const read of [...new Set(results.map((r) => r.read))]) {
    const portal = pick(read, 'portal', 'large');
    const small = pick(read, 'portal', 'small');
    const pgl = pick(read, 'postgraphile', 'large');
    const floor = pick(read, 'floor', 'large');
    const rps = (rs: RunResult[]) => median(rs.map((r) => r.reqPerSec));
    const p50 = (rs: RunResult[]) => median(rs.map((r) => r.p50Ms));
    lines.push(
      `| ${read} | ${pgl.length ? `${round(rps(portal) / rps(pgl))}×` : '—'} | ${round(p50(portal) / p50(small))}× | ` +
        `${rps(portal)} | ${pgl.length ? rps(pgl) : '—'} | ${floor.length ? rps(floor) : '—'} | ` +
        `${p50(portal)} / ${median(portal.map((r) => r.p99Ms))} |`,
    );
  }
  return lines.join('\n');
}

function runsTable(results: RunResult[]): string {
  const head = [
    'read',
    'target',
    'size',
    'round',
    'req/s',
    'p50 ms',
    'p99 ms',
    'requests',
    'errors',
    'SQL/req',
    'log rows/req',
    'max unsealed',
    'unsealed / interval',
    'CPU ms/req',
  ];
  const rows = results.map((r) =>
    [
      r.read,
      r.target,
      r.size,
      r.round,
      r.reqPerSec,
      r.p50Ms,
      r.p99Ms,
      r.requests,
      r.errors,
      r.statementsPerRequest,
      r.accessLogRowsPerRequest,
      r.maxUnsealed,
      intervalsUnsealed(r),
      r.appCpuMsPerRequest,
    ].map(String),
  );
  return [head, head.map(() => '---'), ...rows].map((c) => `| ${c.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  // PostGraphile 5 needs Node.js 22 or later (Promise.withResolvers); the portal runs on both.
  if (Number(process.versions.node.split('.')[0]) < 22)
    throw new Error(
      `bench:region needs Node.js 22 or later for PostGraphile 5; this is ${process.version}`,
    );
  const loadBefore = loadavg().map((x) => round(x));
  const database = await startDatabase(PLACE);
  const reuse = process.env.BENCH_REUSE;
  const bench = reuse
    ? { url: databaseUrl(database.serverUrl, reuse), drop: async () => undefined }
    : await createBenchDatabase(database.serverUrl, PLACE);
  const owner = new Client({ connectionString: bench.url });
  const targets: Target[] = [];
  try {
    await runMigrations(bench.url);
    await owner.connect();
    const region = reuse ? await storedRegion(owner) : await generateRegion(owner);
    if (!reuse) await storeRegion(owner, region);
    await addRegions(owner, region);
    console.warn(
      `bench:region scale ${SCALE}, ${reuse ? `reused ${reuse}, generated earlier` : 'generated'} in ${(region.generationMs / 1000).toFixed(1)} s: ${JSON.stringify(region.counts)}`,
    );
    for (const name of ['portal', 'postgraphile', 'floor'] as const)
      targets.push(await startTarget(name, bench.url));
    const [portal, postgraphile, floor] = targets;
    const tokens = await loginAll(portal, region);
    const reads = READS.filter(
      (r) =>
        (!process.env.BENCH_ONLY || r.name.includes(process.env.BENCH_ONLY)) &&
        (!r.needsRegion || region.users.large.regionManager),
    );

    // Same rows on both sides before anything is timed (a wrong shape is no comparison).
    for (const read of reads) {
      if (read.write || !read.postgraphile) continue;
      const c = contextFor(region, 'large');
      const mine = await probe(portal, read.portal, c, tokens.large[read.role]);
      const theirs = await probe(postgraphile, read.postgraphile, contextFor(region, 'large'));
      if (mine !== theirs || mine === 0)
        throw new Error(`${read.name}: the portal answers ${mine} rows, PostGraphile ${theirs}`);
    }

    const results: RunResult[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      for (const read of reads) {
        for (const size of ['large', 'small'] as const) {
          const c = contextFor(region, size);
          results.push(
            await measure(owner, portal, read, read.portal, c, r, tokens[size][read.role]),
          );
          if (size === 'large' && read.postgraphile)
            results.push(await measure(owner, postgraphile, read, read.postgraphile, c, r));
          if (size === 'large' && read.floor)
            results.push(await measure(owner, floor, read, read.postgraphile!, c, r));
        }
        console.warn(`bench:region round ${r}: ${read.name} done`);
      }
    }
    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: {
        cpus: cpus().length,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((x) => round(x)),
        node: process.version,
      },
      scale: SCALE,
      seconds: SECONDS,
      rounds: ROUNDS,
      world: region.counts,
      results,
    };
    process.stdout.write(`${summary(results)}\n\n${runsTable(results)}\n`);
    console.warn(
      `bench:region load average (1/5/15 min) before ${loadBefore.join(' ')}, after ${report.machine.loadAverageAfter.join(' ')}`,
    );
    if (process.env.BENCH_OUT)
      writeFileSync(process.env.BENCH_OUT, JSON.stringify(report, null, 2));
  } finally {
    for (const t of targets) t.process.kill();
    await owner.end().catch(() => undefined);
    if (process.env.BENCH_KEEP || reuse)
      console.warn(`bench:region kept ${bench.url.replace(/\/\/[^@]*@/, '//')}`);
    else await bench.drop().catch(() => undefined);
    await database.stop();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The generated world's users and people, kept in the database for BENCH_REUSE. */
async function storeRegion(owner: Client, region: Region): Promise<void> {
  await owner.query(`CREATE TABLE bench_region_world (region jsonb NOT NULL)`);
  await owner.query(`INSERT INTO bench_region_world (region) VALUES ($1)`, [
    JSON.stringify(region),
  ]);
}

async function storedRegion(owner: Client): Promise<Region> {
  const { rows } = await owner.query<{ region: Region }>(`SELECT region FROM bench_region_world`);
  if (!rows[0]) throw new Error('BENCH_REUSE: this database holds no bench:region world');
  return rows[0].region;
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
