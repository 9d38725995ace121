import { describeError } from '../core/logging/redact-error';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { retentionSchedule } from './retention-config';
import { countFields, RetentionPurgeService } from './retention-purge.service';

export const RETENTION_JOB = 'retention-purge';

/**
 * Runs the purge daily (RETENTION_CRON, Swedish time by default). Every instance has the
 * timer; the advisory lock makes exactly one of them do the work.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(
    private readonly purge: RetentionPurgeService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = retentionSchedule(this.config);
    if (!schedule.enabled) return;
    const job = CronJob.from({
      cronTime: schedule.cron,
      timeZone: schedule.timeZone,
      onTick: () => void this.tick(schedule.batchSize),
    });
    this.registry.addCronJob(RETENTION_JOB, job);
    job.start();
  }

  async tick(batchSize: number): Promise<void> {
    try {
      const result = await this.purge.run('SCHEDULE', batchSize);
      if (result.skipped) return;
      this.logger.log(
        `retention purge done: ${countFields(result.counts).join(', ') || 'nothing'}`,
      );
    } catch (e) {
      this.logger.error(`retention purge failed: ${describeError(e)}`);
    }
  }
}
