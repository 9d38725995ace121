import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  exitWithin,
  freePort,
  makeDataDir,
  READY_TIMEOUT_MS,
  removeDataDir,
  startNpm,
  StartedNpm,
  stopGroup,
  waitForHealth,
} from './npm-process';

// A user a demo step adds (permissions.demo.ts) rather than demo-users.ts: the check goes by
// the demo domain, so it is found too.
const DEMO_USER = 'oncall@trelleborg.demo';

/**
 * The real `npm start` under NODE_ENV=production on a database that holds the demo
 * users (a development start was once pointed at it): it refuses and says why. The same
 * start on a database without them comes up, so the refusal is about the demo users.
 */
describe('npm start in production', () => {
  let dataDir: string;
  let databaseUrl: string;
  let dbName: string;
  let admin: Client;
  let running: StartedNpm | undefined;
  let dbPort: number;

  beforeAll(async () => {
    dataDir = makeDataDir();
    dbPort = await freePort();
    admin = new Client({ connectionString: process.env.TEST_DB_SERVER_URL });
    await admin.connect();
    dbName = `${process.env.TEST_DB_TEMPLATE}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${process.env.TEST_DB_TEMPLATE}`);
    const u = new URL(process.env.TEST_DB_SERVER_URL!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  });

  afterAll(async () => {
    if (running) await stopGroup(running).catch(() => undefined);
    await admin.end();
    removeDataDir(dataDir);
  });

  const start = (port: number) =>
    startNpm(
      { port, dbPort, dataDir },
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'production-test-secret-0123456789abcdef',
        SEED_DEMO: '',
      },
    );

  it(
    'refuses to start while demo users are present, naming the reason',
    async () => {
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      await db.query(`INSERT INTO municipality (code, name) VALUES ('1287', 'Trelleborg')`);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO organisation (municipality_code, name, kind) VALUES ('1287', 'Demo', 'YOUTH_TEAM') RETURNING id`,
      );
      await db.query(
        `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
         VALUES ($1, '1287', $2, 'Demo', '{SOCIAL_WORKER}', 'x')`,
        [rows[0].id, DEMO_USER],
      );
      const port = await freePort();
      const run = start(port);
      expect(await exitWithin(run, READY_TIMEOUT_MS)).toBe(1);
      const lines = run.stderr().trimEnd().split('\n');
      expect(lines[lines.length - 1]).toMatch(
        /^start-up failed: the database holds 1 demo users \(published password\) and NODE_ENV=production/,
      );
      // Nothing listened: the refusal came before the API.
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

      await db.query(`DELETE FROM app_user WHERE email = $1`, [DEMO_USER]);
      await db.end();
      running = start(await freePort());
      await waitForHealth(running);
      expect(running.output()).not.toContain('start-up failed');
    },
    2 * READY_TIMEOUT_MS,
  );
});
