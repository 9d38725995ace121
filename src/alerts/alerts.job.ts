import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ReconsentService } from '../cases/reconsent.service';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { ReferralTransitionsService } from '../referrals/referral-transitions.service';
import { DueAlertsService } from './due-alerts.service';
import { describeError } from '../core/logging/redact-error';

export const ALERTS_JOB = 'alerts';
/** Every minute: an alert follows its event within minutes. */
export const ALERTS_CRON = '* * * * *';

export interface AlertsTick {
  reconsentTasks: number;
  consentsEnded: number;
  consentsEnding: number;
  referralsOverdue: number;
  tasksDue: number;
}

/**
 * The one scheduled job that produces alerts: re-consent at 18, consents ending soon or
 * ended, overdue referrals and tasks due. Queries never write, so nothing waits for
 * someone to read. Each step works from state (what is due and not yet told) against the
 * clock's app_now()/app_today(), so a tick after downtime catches up, and telling marks
 * the row, so each alert reaches the feed and the subscription once.
 */
@Injectable()
export class AlertsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertsJob.name);

  constructor(
    private readonly reconsent: ReconsentService,
    private readonly referrals: ReferralTransitionsService,
    private readonly due: DueAlertsService,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: ALERTS_CRON,
      timeZone: 'Europe/Stockholm',
      onTick: () => void this.safeTick(),
    });
    this.registry.addCronJob(ALERTS_JOB, job);
    // Tests tick the job themselves, on the pinned clock.
    if (this.config.nodeEnv !== 'test') job.start();
  }

  async tick(): Promise<AlertsTick> {
    // Re-consent tasks before tasks due, so a task made due today is told in the same tick.
    const reconsentTasks = await this.reconsent.createReconsentTasks();
    const consentsEnded = await this.reconsent.notifyExpired();
    const consentsEnding = await this.due.notifyConsentsEnding();
    const referralsOverdue = await this.referrals.notifyOverdue();
    const tasksDue = await this.due.notifyTasksDue();
    return { reconsentTasks, consentsEnded, consentsEnding, referralsOverdue, tasksDue };
  }

  private async safeTick(): Promise<void> {
    try {
      const told = await this.tick();
      const total = Object.values(told).reduce((a, b) => a + b, 0);
      if (total > 0) this.logger.log(`alerts: ${JSON.stringify(told)}`);
    } catch (e) {
      this.logger.error(`alerts job failed: ${describeError(e)}`);
    }
  }
}
