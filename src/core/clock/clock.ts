import { stockholmDate } from './stockholm-calendar';

/**
 * The portal's one source of "now" and "today". Outside production it may be pinned
 * (APP_NOW): it then starts at that instant and runs on, so tests, demos and bug
 * reports can be replayed on any date. The database reads the same clock through
 * app_now() / app_today(), which add this clock's offset (see sessionOptions()).
 */
export class Clock {
  constructor(
    /** How far this clock is ahead of the machine's (negative: behind), in ms. */
    readonly offsetMs = 0,
  ) {}

  /** A clock that starts at `pin` now and runs on from there. */
  static pinnedAt(pin: Date): Clock {
    return new Clock(pin.getTime() - Date.now());
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in Sweden, YYYY-MM-DD. */
  today(): string {
    return stockholmDate(this.now());
  }
}

/**
 * The machine's own time, never pinned: only for checks against another party's clock,
 * such as the age of a token an identity provider stamped. Everything the portal itself
 * dates uses the Clock.
 */
export function machineNow(): Date {
  return new Date();
}

/**
 * PostgreSQL session settings for every connection the portal opens: the clock's offset
 * for app_now(), and Swedish local time, so that a date compared with a timestamp is
 * compared as a Stockholm date.
 */
export function clockSessionOptions(clock: Clock): string {
  return `-c TimeZone=Europe/Stockholm -c app.clock_offset=${(clock.offsetMs / 1000).toFixed(3)}`;
}

/** Parses APP_NOW; production never runs on a pinned clock. */
export function clockFromEnv(pin: string | undefined, nodeEnv: string): Clock {
  if (pin === undefined || pin === '') return new Clock();
  if (nodeEnv === 'production') {
    throw new Error(
      'APP_NOW must not be set when NODE_ENV=production (the clock cannot be pinned)',
    );
  }
  const at = new Date(pin);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(pin) || Number.isNaN(at.getTime())) {
    throw new Error(
      `APP_NOW must be an ISO instant such as 2027-02-28T23:30:00+01:00, got "${pin}"`,
    );
  }
  return Clock.pinnedAt(at);
}
