import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const { TEST_DB_SERVER_URL: serverUrl, TEST_DB_TEMPLATE: template } = process.env;
  if (serverUrl && template && !globalThis.__EMBEDDED_PG__) {
    // On a shared server, remove what this run created.
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.end();
  }
  if (globalThis.__EMBEDDED_PG__) await globalThis.__EMBEDDED_PG__.stop();
  if (globalThis.__TEST_STATE_FILE__) rmSync(globalThis.__TEST_STATE_FILE__, { force: true });
}
