import { ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DEMO_STEPS } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/demo-users';

/**
 * Runs the real `npm start` (build included) on an empty data folder, as a new user
 * would: the embedded PostgreSQL is initialised, migrated and seeded, /health turns
 * ok and a demo user can log in. A second start on the same folder must reuse it.
 */
const REPO = resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 30_000;

interface Started {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe('npm start', () => {
  let dataDir: string;
  let port: number;
  let dbPort: number;
  let running: Started | undefined;

  beforeAll(async () => {
    // Under root the server runs as the postgres user, which must reach this folder.
    const base = mkdtempSync(join(tmpdir(), 'upt-start-'));
    chmodSync(base, 0o755);
    dataDir = join(base, 'data');
    port = await freePort();
    dbPort = await freePort();
  });

  afterAll(async () => {
    if (running) await stop(running).catch(() => undefined);
    if (dataDir) rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
  });

  it(
    'starts on an empty data folder, answers /health and a demo login, and stops cleanly',
    async () => {
      running = start();
      await waitForHealth(running);
      const out = running.output();
      expect(out).toContain('applied migrations');
      expect(out).toContain('loaded demo data');
      expect(out).toContain(DEMO_USERS[0].email); // demo logins are printed in development

      const login = await gqlLogin('coordinator@trelleborg.demo', DEMO_PASSWORD);
      expect(login.errors).toBeUndefined();
      expect(login.data.login.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const me = await gql('{ me { email roles } }', login.data.login.accessToken);
      expect(me.data.me).toEqual({
        email: 'coordinator@trelleborg.demo',
        roles: ['YOUTH_COORDINATOR'],
      });

      const wrong = await gqlLogin('coordinator@trelleborg.demo', 'not-the-password');
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      // The server really runs from the test's folder, so "none left" below means something.
      expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);

      await stop(running);
      running = undefined;
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    },
    READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );

  it(
    'reuses the data folder on the next start: no re-initialisation, demo data loaded once',
    async () => {
      const pgVersion = join(dataDir, 'postgres', 'PG_VERSION');
      expect(existsSync(pgVersion)).toBe(true);
      const initialisedAt = statSync(pgVersion).mtimeMs;

      running = start('start:prod'); // the build from the first start; same main.js
      await waitForHealth(running);
      const out = running.output();
      expect(out).not.toContain('applied migrations');
      expect(out).not.toContain('loaded demo data');
      expect(statSync(pgVersion).mtimeMs).toBe(initialisedAt);

      const db = new Client({
        connectionString: `postgres://portal:portal@127.0.0.1:${dbPort}/ungdomsportalen`,
      });
      await db.connect();
      try {
        // Every demo login exists once, and every demo step was loaded exactly once.
        const users = await db.query(
          `SELECT count(*)::int AS n FROM app_user WHERE email = ANY($1)`,
          [DEMO_USERS.map((u) => u.email)],
        );
        expect(users.rows[0].n).toBe(DEMO_USERS.length);
        const steps = await db.query(`SELECT count(*)::int AS n FROM demo_seed_step`);
        expect(steps.rows[0].n).toBe(DEMO_STEPS.length);
      } finally {
        await db.end();
      }
      const login = await gqlLogin('admin@trelleborg.demo', DEMO_PASSWORD);
      expect(login.errors).toBeUndefined();

      await stop(running);
      running = undefined;
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    },
    READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );

  function start(script: 'start' | 'start:prod' = 'start'): Started {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      EMBEDDED_DB_PORT: String(dbPort),
      DATA_DIR: dataDir,
      // Empty rather than absent, so a developer's .env cannot point the test elsewhere.
      DATABASE_URL: '',
      JWT_SECRET: '',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
    };
    // Its own process group, so stopping it reaches npm, node and PostgreSQL alike.
    const proc = spawn('npm', ['run', script], { cwd: REPO, env, detached: true, stdio: 'pipe' });
    let output = '';
    proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
    return { proc, output: () => output, exited };
  }

  async function waitForHealth(s: Started): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let gone = false;
    void s.exited.then(() => (gone = true));
    while (Date.now() < deadline) {
      if (gone) throw new Error(`npm start exited before it was healthy:\n${tail(s.output())}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok && ((await res.json()) as { status: string }).status === 'ok') return;
      } catch {
        // not listening yet
      }
      await sleep(500);
    }
    throw new Error(`/health not ok after ${READY_TIMEOUT_MS} ms:\n${tail(s.output())}`);
  }

  /** SIGTERM to the whole group, then wait until no process of it is left. */
  async function stop(s: Started): Promise<void> {
    const pgid = s.proc.pid!;
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (groupMembers(pgid).length === 0 && postgresProcessesFor(dataDir).length === 0) return;
      await sleep(250);
    }
    const left = groupMembers(pgid);
    signalGroup(pgid, 'SIGKILL');
    throw new Error(
      `processes still running ${STOP_TIMEOUT_MS} ms after SIGTERM: ${left.join(', ')}`,
    );
  }

  async function gqlLogin(email: string, password: string) {
    return gql(
      `mutation { login(input: { email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)} }) { accessToken } }`,
    );
  }

  async function gql(query: string, token?: string): Promise<any> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query }),
    });
    return res.json();
  }
});

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/** Pids whose process group is pgid (from /proc, so it sees the postgres user's processes too). */
function groupMembers(pgid: number): number[] {
  return procEntries()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.pid);
}

/** PostgreSQL servers whose data directory lies under dir. */
function postgresProcessesFor(dir: string): string[] {
  return procEntries()
    .filter((p) => p.cmdline.includes('postgres') && p.cmdline.includes(dir))
    .map((p) => `${p.pid} ${p.cmdline}`);
}

function procEntries(): { pid: number; pgid: number; cmdline: string }[] {
  const out: { pid: number; pgid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), pgid: Number(fields[2]), cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(text: string): string {
  return text.split('\n').slice(-40).join('\n');
}
