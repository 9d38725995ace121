import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogWriter } from '../audit/access-log.writer';
import { AppConfig, loadConfig } from '../core/config/app-config';
import { dataSourceOptions } from '../core/database/data-source-options';
import { prepareDatabase } from '../core/database/prepare-database';
import { retentionSchedule } from '../retention/retention-config';
import {
  countFields,
  PurgeResult,
  PurgeTrigger,
  RetentionPurgeService,
} from '../retention/retention-purge.service';

/**
 * One retention purge against the database at `url`, on its own small connection pool
 * (no HTTP, no GraphQL). The same advisory lock as the scheduled job: if an API instance
 * is purging right now, this returns skipped.
 */
export async function purgeDatabase(
  config: Pick<AppConfig, 'statementTimeoutMs' | 'nodeEnv' | 'clock'>,
  url: string,
  trigger: PurgeTrigger = 'CLI',
): Promise<PurgeResult> {
  const ds = new DataSource({ ...dataSourceOptions(config, url), entities: [] });
  await ds.initialize();
  try {
    const service = new RetentionPurgeService(ds, new AccessLogWriter());
    return await service.run(trigger, retentionSchedule(config).batchSize);
  } finally {
    await ds.destroy();
  }
}

// `npm run purge`: the same database choice as `npm start`, pending migrations, one purge.
async function main(): Promise<void> {
  const logger = new Logger('purge');
  try {
    const config = { ...loadConfig(), seedDemo: false };
    const db = await prepareDatabase(config, (m) => logger.log(m));
    try {
      const result = await purgeDatabase(config, db.url);
      logger.log(
        result.skipped
          ? 'another purge is running (advisory lock held): nothing done'
          : `purge ${result.runId} done: ${countFields(result.counts).join(', ') || 'nothing to remove'}`,
      );
    } finally {
      await db.stop();
    }
  } catch (e) {
    logger.error(`purge failed: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
