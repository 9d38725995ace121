import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEMO_STEPS } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/demo/demo-users';
import {
  freePort,
  makeDataDir,
  eventually,
  postgresProcessesFor,
  READY_TIMEOUT_MS,
  removeDataDir,
  startNpm,
  StartedNpm,
  STOP_TIMEOUT_MS,
  stopGroup,
  waitForHealth,
} from './npm-process';

/**
 * Runs the real `npm start` (build included) on an empty data folder, as a new user
 * would: the embedded PostgreSQL is initialised, migrated and seeded, /health turns
 * ok and a demo user can log in. A second start on the same folder must reuse it.
 */
describe('npm start', () => {
  let dataDir: string;
  let port: number;
  let dbPort: number;
  let running: StartedNpm | undefined;

  beforeAll(async () => {
    dataDir = makeDataDir();
    port = await freePort();
    dbPort = await freePort();
  });

  afterAll(async () => {
    if (running) await stopGroup(running).catch(() => undefined);
    if (dataDir) removeDataDir(dataDir);
  });

  it(
    'starts on an empty data folder, answers /health and a demo login, and stops cleanly',
    async () => {
      running = start();
      await waitForHealth(running);
      const out = running.output();
      expect(out).toContain('applied migrations');
      expect(out).toContain('loaded demo data');
      // The banner: where the API and the IDE are, and the demo logins as a table.
      expect(out).toContain(`GraphQL API    http://localhost:${port}/graphql`);
      expect(out).toContain(`GraphiQL IDE   http://localhost:${port}/graphiql`);
      expect(out).toMatch(/^ {2}ROLE {2,}E-MAIL {2,}ORGANISATION$/m);
      expect(out).toMatch(new RegExp(`^  YOUTH_COORDINATOR +${DEMO_USERS[0].email} +\\S`, 'm'));
      // Development logs are lines to read, not JSON, and Nest's module-by-module chatter is gone.
      expect(out).not.toContain('{"level"');
      expect(out).not.toContain('InstanceLoader');

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
      // A client's mistake is routine: logged at info, one line, no stack, nothing at error.
      await eventually(() => /INFO: GraphQL: UNAUTHENTICATED in login/.test(running!.output()));
      expect(running.output()).not.toMatch(/ERROR|^\s+at /m);
      // The server really runs from the test's folder, so "none left" below means something.
      expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);

      await stopGroup(running);
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

      await stopGroup(running);
      running = undefined;
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    },
    READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );

  function start(script: 'start' | 'start:prod' = 'start'): StartedNpm {
    return startNpm({ port, dbPort, dataDir, script });
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
