import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { startEmbeddedDatabase } from './embedded-database';
import { runMigrations } from './migrate';
import { seedDemoData } from '../../demo/demo-seed';

export interface PreparedDatabase {
  url: string;
  /** For people: which server and where its data lives, without credentials. */
  description: string;
  demoLoaded: boolean;
  stop(): Promise<void>;
}

export interface PrepareOptions {
  /** The caller handles the stop signals itself (see startEmbeddedDatabase). */
  ownSignals?: boolean;
  /** Each line the embedded server (or initdb) prints: a sign it is running. */
  onServerOutput?: (line: string) => void;
}

const EMBEDDED_DATABASE = 'ungdomsportalen';

/** Picks the database (DATABASE_URL or embedded), migrates it and loads demo data if asked. */
export async function prepareDatabase(
  config: AppConfig,
  log: (m: string) => void,
  { ownSignals = false, onServerOutput }: PrepareOptions = {},
): Promise<PreparedDatabase> {
  if (config.databaseUrl) {
    const description = `PostgreSQL at ${serverOf(config.databaseUrl)} (DATABASE_URL)`;
    return migrateAndSeed(config, config.databaseUrl, description, async () => undefined, log);
  }
  log(`DATABASE_URL unset: starting embedded PostgreSQL in ${config.dataDir}`);
  const embedded = await startEmbeddedDatabase(config.dataDir, config.embeddedDatabasePort, {
    ownSignals,
    onLog: onServerOutput,
  });
  if (!embedded.dataDir.startsWith(config.dataDir)) log(`its data lives in ${embedded.dataDir}`);
  try {
    const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    const description = `embedded PostgreSQL on port ${config.embeddedDatabasePort}, data in ${embedded.dataDir}`;
    return await migrateAndSeed(config, url, description, embedded.stop, log);
  } catch (e) {
    // The server this start launched must not outlive it.
    await embedded.stop().catch(() => undefined);
    throw e;
  }
}

async function migrateAndSeed(
  config: AppConfig,
  url: string,
  description: string,
  stop: () => Promise<void>,
  log: (m: string) => void,
): Promise<PreparedDatabase> {
  const ran = await runMigrations(url);
  if (ran.length) {
    // A first start applies them all: name the range, not every one.
    const names =
      ran.length > 3 ? `${ran.length}, ${ran[0]} … ${ran[ran.length - 1]}` : ran.join(', ');
    log(`applied migrations: ${names}`);
  }
  if (config.nodeEnv === 'production') await refuseDemoUsers(url);
  let demoLoaded = false;
  if (config.seedDemo) {
    const steps = await seedDemoData(url, config.clock, config.secretsKey);
    demoLoaded = true;
    if (steps.length) log(`loaded demo data: ${steps.join(', ')}`);
  }
  return { url, description, demoLoaded, stop };
}

/**
 * A database that once got the demo data (a development start pointed at it) holds
 * users with a published password, one with EMERGENCY_ACCESS: production does not
 * start on it, and says why.
 */
async function refuseDemoUsers(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Every demo address is in the .demo domain: the users of demo-users.ts and those a
    // demo step adds (the on-call social worker), so none is missed by a list kept apart.
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%.demo'`,
    );
    if (rows[0].n > 0)
      throw new Error(
        `the database holds ${rows[0].n} demo users (published password) and NODE_ENV=production: ` +
          `remove them (DELETE FROM app_user WHERE email LIKE '%.demo') or use another database`,
      );
  } finally {
    await client.end();
  }
}

/** host:port/database of a URL, without user or password. */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Creates the named database on the server if missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
