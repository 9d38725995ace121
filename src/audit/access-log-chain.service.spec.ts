import { DataSource } from 'typeorm';
import { AppConfig } from '../core/config/app-config';
import { AccessLogChainService } from './access-log-chain.service';

/** The periodic sealer's schedule (the sealing itself is tested in test/audit/hash-chain). */
describe('AccessLogChainService schedule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function sealerWith(intervalMs: number, runMs: number) {
    const sealer = new AccessLogChainService({} as DataSource, {
      auditSealIntervalMs: intervalMs,
    } as AppConfig);
    const runs: { start: number; end: number }[] = [];
    let running = 0;
    let overlapped = false;
    jest.spyOn(sealer, 'seal').mockImplementation(async () => {
      overlapped ||= running > 0;
      running += 1;
      const start = jest.now();
      await new Promise((r) => setTimeout(r, runMs));
      running -= 1;
      runs.push({ start, end: jest.now() });
      return 0;
    });
    return { sealer, runs, overlapped: () => overlapped };
  }

  it('runs twice per interval, so no row waits longer than the interval', async () => {
    const { sealer, runs } = sealerWith(2000, 10);
    const began = jest.now();
    sealer.onModuleInit();
    await jest.advanceTimersByTimeAsync(10_000);
    sealer.onModuleDestroy();
    expect(runs[0].start - began).toBe(1000);
    // Each run starts half an interval after the previous one ended: a row written just
    // after a run's read waits at most that plus one run.
    for (let i = 1; i < runs.length; i++) expect(runs[i].start - runs[i - 1].end).toBe(1000);
    expect(runs.length).toBe(9);
  });

  it('never starts a run while a slow one is still going', async () => {
    const { sealer, runs, overlapped } = sealerWith(1000, 1700);
    sealer.onModuleInit();
    await jest.advanceTimersByTimeAsync(10_000);
    sealer.onModuleDestroy();
    expect(overlapped()).toBe(false);
    expect(runs.length).toBeGreaterThanOrEqual(4);
  });

  it('stops with the module, and does nothing when the interval is 0', async () => {
    const stopped = sealerWith(1000, 10);
    stopped.sealer.onModuleInit();
    await jest.advanceTimersByTimeAsync(600);
    stopped.sealer.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(stopped.runs.length).toBe(1);

    const off = sealerWith(0, 10);
    off.sealer.onModuleInit();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(off.runs.length).toBe(0);
  });
});
