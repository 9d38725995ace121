import { retentionSchedule } from './retention-config';
import { countFields } from './retention-purge.service';

describe('retentionSchedule', () => {
  it('runs daily at 02:30 Swedish time by default, except under test', () => {
    expect(retentionSchedule({ nodeEnv: 'production' }, {})).toEqual({
      enabled: true,
      cron: '30 2 * * *',
      timeZone: 'Europe/Stockholm',
      batchSize: 100,
    });
    expect(retentionSchedule({ nodeEnv: 'test' }, {}).enabled).toBe(false);
  });

  it('follows the environment', () => {
    const s = retentionSchedule(
      { nodeEnv: 'production' },
      {
        RETENTION_SCHEDULE_ENABLED: 'false',
        RETENTION_CRON: '0 4 * * 0',
        RETENTION_TIME_ZONE: 'UTC',
        RETENTION_BATCH_SIZE: '25',
      },
    );
    expect(s).toEqual({ enabled: false, cron: '0 4 * * 0', timeZone: 'UTC', batchSize: 25 });
    expect(
      retentionSchedule({ nodeEnv: 'test' }, { RETENTION_SCHEDULE_ENABLED: 'true' }).enabled,
    ).toBe(true);
    expect(
      retentionSchedule({ nodeEnv: 'production' }, { RETENTION_BATCH_SIZE: '0' }).batchSize,
    ).toBe(100);
  });
});

describe('countFields', () => {
  it('lists kinds and numbers only, sorted, without zeros', () => {
    expect(countFields({ young_person: 3, case_note: 12, guardian: 0 })).toEqual([
      'case_note:12',
      'young_person:3',
    ]);
    expect(countFields({})).toEqual([]);
  });
});
