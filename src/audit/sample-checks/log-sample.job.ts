import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { describeError } from '../../core/logging/redact-error';
import { LogSampleService } from './log-sample.service';

export const LOG_SAMPLE_JOB = 'log-samples';
/** Daily: last month's check is drawn on the first, or on the first day the API runs after. */
export const LOG_SAMPLE_CRON = '0 5 * * *';

@Injectable()
export class LogSampleJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(LogSampleJob.name);

  constructor(
    private readonly samples: LogSampleService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: LOG_SAMPLE_CRON,
      timeZone: 'Europe/Stockholm',
      onTick: () => void this.safeTick(),
    });
    this.registry.addCronJob(LOG_SAMPLE_JOB, job);
    // Tests tick the job themselves, on the pinned clock.
    if (this.config.nodeEnv !== 'test') job.start();
  }

  /** The number of checks drawn. */
  tick(): Promise<number> {
    return this.samples.drawDue();
  }

  private async safeTick(): Promise<void> {
    try {
      const drawn = await this.tick();
      if (drawn > 0) this.logger.log(`log samples: ${drawn} checks drawn`);
    } catch (e) {
      this.logger.error(`log sample job failed: ${describeError(e)}`);
    }
  }
}
