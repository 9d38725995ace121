import { SchedulerRegistry } from '@nestjs/schedule';
import { RETENTION_JOB, RetentionScheduler } from '../../src/retention/retention.scheduler';
import { createTestApp } from '../support/test-app';

describe('retention schedule', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['RETENTION_SCHEDULE_ENABLED', 'RETENTION_CRON', 'RETENTION_TIME_ZONE']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('registers the daily cron job when enabled, with the configured time', async () => {
    process.env.RETENTION_SCHEDULE_ENABLED = 'true';
    process.env.RETENTION_CRON = '15 3 * * *';
    const t = await createTestApp();
    try {
      const job = t.app.get(SchedulerRegistry).getCronJob(RETENTION_JOB);
      expect(job.isActive).toBe(true);
      expect(String(job.cronTime.source)).toBe('15 3 * * *');
      const next = job.nextDate().setZone('Europe/Stockholm');
      expect([next.hour, next.minute]).toEqual([3, 15]);
      // A tick runs the purge as the scheduler.
      await t.app.get(RetentionScheduler).tick(100);
      const { rows } = await t.db.query(`SELECT trigger, status FROM retention_run`);
      expect(rows).toEqual([{ trigger: 'SCHEDULE', status: 'COMPLETED' }]);
    } finally {
      await t.close();
    }
  });

  it('registers nothing when disabled', async () => {
    process.env.RETENTION_SCHEDULE_ENABLED = 'false';
    const t = await createTestApp();
    try {
      expect(t.app.get(SchedulerRegistry).doesExist('cron', RETENTION_JOB)).toBe(false);
    } finally {
      await t.close();
    }
  });
});
