import { RateWindow } from './rate-window';

describe('RateWindow', () => {
  let now = 0;
  const window = () => new RateWindow(10, 60_000, () => now);

  beforeEach(() => (now = 120_000));

  it('takes a request whole or not at all', () => {
    const w = window();
    expect(w.take('a', 8)).toBe(true);
    expect(w.take('a', 3)).toBe(false);
    expect(w.take('a', 2)).toBe(true);
    expect(w.take('a')).toBe(false);
  });

  it('charges a cost already paid, over the limit if need be, for that key alone', () => {
    const w = window();
    w.charge('a', 59);
    expect(w.fits('a')).toBe(false);
    expect(w.take('b', 10)).toBe(true);
  });

  it('forgets charges when the minute turns', () => {
    const w = window();
    w.charge('a', 59);
    now += 60_000;
    expect(w.take('a', 10)).toBe(true);
  });
});
