import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { describeError } from '../core/logging/redact-error';

export const WORK_LIST_CLOCK_JOB = 'work-list-clock';

/** How many expired rows one tick refreshes; the rest wait for the next tick (reads recompute them meanwhile). */
const BATCH = 5000;

/**
 * The work list's priority by the clock: a stored row holds until a day-dependent moment
 * (a follow-up date passing, a birthday, N weeks without contact; work-list.sql.ts).
 * Reads recompute expired rows themselves, so this only keeps them few: every five
 * minutes it stores the current answer for the expired ones. Safe on every instance at
 * once (the refresh locks the rows it rewrites).
 */
@Injectable()
export class WorkListClockJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkListClockJob.name);

  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({ cronTime: '*/5 * * * *', onTick: () => void this.safeTick() });
    this.registry.addCronJob(WORK_LIST_CLOCK_JOB, job);
    if (this.config.nodeEnv !== 'test') job.start();
  }

  /** Refreshes up to BATCH expired rows; returns how many. */
  async tick(): Promise<number> {
    const rows: { n: number }[] = await this.system.query(
      `WITH due AS (
         SELECT kaa_period_id FROM work_list_entry
          WHERE valid_until <= app_now() OR valid_from > app_now() LIMIT ${BATCH})
       SELECT work_list_refresh(ARRAY(SELECT kaa_period_id FROM due)), (SELECT count(*) FROM due)::int AS n`,
    );
    return rows[0]?.n ?? 0;
  }

  private async safeTick(): Promise<void> {
    try {
      await this.tick();
    } catch (e) {
      this.logger.error(`work list refresh failed: ${describeError(e)}`);
    }
  }
}
