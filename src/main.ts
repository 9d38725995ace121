import { INestApplication, Logger } from '@nestjs/common';
import type * as AppFactory from './app.factory';
import { AppConfig, loadConfig } from './core/config/app-config';
import { PreparedDatabase, prepareDatabase } from './core/database/prepare-database';
import { bootLogger } from './core/logging/pino-options';
import { startBanner } from './core/startup/start-banner';
import { describeStartFailure } from './core/startup/start-failure';
import { stopOnExit } from './core/startup/process-lifecycle';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users';

/** How long open requests and subscriptions may hold up a stop before the database goes. */
const APP_CLOSE_MS = 5_000;

/**
 * `npm start`: embedded PostgreSQL when DATABASE_URL is unset, migrations, demo data
 * once, then the API on PORT. Every way out stops the app and then the database; a
 * failed start says why in one line on stderr.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    return failed(e, {});
  }
  const log = bootLogger(config);
  let db: PreparedDatabase | undefined;
  let app: INestApplication | undefined;
  const lifecycle = stopOnExit({
    // Started by `npm start` (npm sets npm_lifecycle_event): stop with npm.
    watchParent: process.env.npm_lifecycle_event !== undefined,
    log: (level, message, error) =>
      level === 'error' ? log.error({ err: error }, message) : log.info(message),
    stop: async () => {
      if (app) await withDeadline(app.close(), APP_CLOSE_MS);
      await db?.stop();
    },
  });

  const appFactory = preloaded(() => {
    // Synchronous on purpose, see preloaded().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./app.factory') as typeof AppFactory;
  });
  try {
    db = await prepareDatabase(config, (m) => log.info(m), {
      ownSignals: true,
      onServerOutput: appFactory.preload,
    });
    if (lifecycle.stopping()) return;
    app = await appFactory.get().createApp(config, db.url);
    await app.listen(config.port);
  } catch (e) {
    if (lifecycle.stopping()) return;
    // Nest holds its log lines until the app listens; a failed start prints them first.
    Logger.flush();
    await app?.close().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    return failed(e, config);
  }
  announce(config, db);
}

function announce(config: AppConfig, db: PreparedDatabase): void {
  if (config.nodeEnv !== 'development') {
    new Logger('Bootstrap').log(`GraphQL API at http://localhost:${config.port}/graphql`);
    return;
  }
  const organisations = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o.name]));
  process.stdout.write(
    startBanner({
      nodeEnv: config.nodeEnv,
      port: config.port,
      seconds: process.uptime(),
      database: db.description,
      graphiql: true,
      logs: `LOG_LEVEL=${config.logLevel}, LOG_FORMAT=${config.logFormat}`,
      // Demo logins are printed in development only, so a new user can try every role.
      demo: db.demoLoaded
        ? {
            password: DEMO_PASSWORD,
            users: DEMO_USERS.map((u) => ({
              role: u.roles.join(', '),
              email: u.email,
              organisation: organisations.get(u.organisation) ?? u.organisation,
            })),
          }
        : undefined,
    }),
  );
}

/** The one line, on stderr and unformatted, so it shows whatever the log settings. */
function failed(error: unknown, config: Partial<AppConfig>): never {
  process.stderr.write(`start-up failed: ${describeStartFailure(error, config)}\n`);
  process.exit(1);
}

/**
 * Loading the application's code costs a second or two of CPU; starting PostgreSQL
 * (initdb on a first start) is mostly waiting for another process. preload() is called
 * when the server prints its first line, so both happen at once; get() loads it then at
 * the latest (always, with DATABASE_URL).
 */
function preloaded<T>(load: () => T): { preload: () => void; get: () => T } {
  let result: { value: T } | { error: unknown } | undefined;
  const run = () => {
    try {
      result ??= { value: load() };
    } catch (error) {
      result = { error };
    }
  };
  return {
    preload: () => void (result ?? setImmediate(run)),
    get: () => {
      run();
      if ('error' in result!) throw result.error;
      return result!.value;
    },
  };
}

async function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((res) => (timer = setTimeout(res, ms))),
  ]);
  clearTimeout(timer);
}

void main();
