import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { startEmbeddedDatabase } from './embedded-database';
import { runMigrations } from './migrate';
import { seedDemoData } from '../../demo/demo-seed';

export interface PreparedDatabase {
  url: string;
  demoLoaded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'ungdomsportalen';

/** Picks the database (DATABASE_URL or embedded), migrates it and loads demo data if asked. */
export async function prepareDatabase(
  config: AppConfig,
  log: (m: string) => void,
): Promise<PreparedDatabase> {
  let url = config.databaseUrl;
  let stop = async () => undefined as void;
  if (!url) {
    log(`DATABASE_URL unset: starting embedded PostgreSQL in ${config.dataDir}`);
    const embedded = await startEmbeddedDatabase(config.dataDir, config.embeddedDatabasePort);
    if (!embedded.dataDir.startsWith(config.dataDir)) log(`its data lives in ${embedded.dataDir}`);
    url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    stop = embedded.stop;
  }
  const ran = await runMigrations(url);
  if (ran.length) log(`applied migrations: ${ran.join(', ')}`);
  let demoLoaded = false;
  if (config.seedDemo) {
    const steps = await seedDemoData(url, config.clock);
    demoLoaded = true;
    if (steps.length) log(`loaded demo data: ${steps.join(', ')}`);
  }
  return { url, demoLoaded, stop };
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
