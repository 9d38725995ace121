import { Clock, clockFromEnv, clockSessionOptions } from './clock';

describe('Clock', () => {
  it('runs on from a pinned instant', () => {
    const clock = clockFromEnv('2027-02-28T23:30:00+01:00', 'test');
    const now = clock.now().getTime();
    expect(Math.abs(now - Date.parse('2027-02-28T22:30:00Z'))).toBeLessThan(1000);
    expect(clock.today()).toBe('2027-02-28');
  });

  it('is the machine clock when not pinned', () => {
    const clock = clockFromEnv(undefined, 'development');
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('refuses a pinned clock in production and a malformed pin', () => {
    expect(() => clockFromEnv('2027-02-28T23:30:00+01:00', 'production')).toThrow(/APP_NOW/);
    expect(() => clockFromEnv('tomorrow', 'test')).toThrow(/APP_NOW/);
    expect(() => clockFromEnv('2027-13-45T00:00:00Z', 'test')).toThrow(/APP_NOW/);
  });

  it("gives the database the clock's offset and Swedish local time", () => {
    expect(clockSessionOptions(new Clock(-1500))).toBe(
      '-c TimeZone=Europe/Stockholm -c app.clock_offset=-1.500',
    );
  });
});
