import { AppConfig } from '../core/config/app-config';

/** The purge schedule, from the environment (documented in README.md). */
export interface RetentionSchedule {
  enabled: boolean;
  cron: string;
  timeZone: string;
  batchSize: number;
}

export function retentionSchedule(
  config: Pick<AppConfig, 'nodeEnv'>,
  env: NodeJS.ProcessEnv = process.env,
): RetentionSchedule {
  const flag = env.RETENTION_SCHEDULE_ENABLED;
  const batch = Number.parseInt(env.RETENTION_BATCH_SIZE ?? '', 10);
  return {
    // Tests run the purge explicitly; a timer firing mid-test would make them flaky.
    enabled: flag === undefined || flag === '' ? config.nodeEnv !== 'test' : flag === 'true',
    cron: env.RETENTION_CRON || '30 2 * * *',
    timeZone: env.RETENTION_TIME_ZONE || 'Europe/Stockholm',
    batchSize: Number.isFinite(batch) && batch > 0 ? batch : 100,
  };
}
