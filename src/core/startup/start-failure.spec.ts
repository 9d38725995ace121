import { ConfigError } from '../config/app-config';
import { describeStartFailure } from './start-failure';

describe('describeStartFailure', () => {
  it('names the port in use', () => {
    const e = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
      port: 3000,
    });
    expect(describeStartFailure(e, { port: 3000 })).toBe('port 3000 is already in use (set PORT)');
  });

  it('gives a bad variable as the config says it', () => {
    const e = new ConfigError('PORT', 'PORT must be a whole number (0–65535), got "abc"');
    expect(describeStartFailure(e)).toBe('PORT must be a whole number (0–65535), got "abc"');
  });

  it('names the unreachable database by host and port, without the password', () => {
    // Connecting to "localhost" tries every address: an AggregateError without a message.
    const refused = new AggregateError(
      [
        Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ],
      '',
    );
    const line = describeStartFailure(refused, {
      databaseUrl: 'postgres://portal:secret@localhost/portal',
    });
    expect(line).toMatch(
      /^database unreachable at localhost:5432 \(check DATABASE_URL\): connection refused/,
    );
    expect(line).not.toContain('secret');
  });

  it('says a login was refused', () => {
    const e = Object.assign(new Error('password authentication failed for user "portal"'), {
      code: '28P01',
    });
    expect(describeStartFailure(e, { databaseUrl: 'postgres://portal:x@db:6543/p' })).toBe(
      'database unreachable at db:6543 (check DATABASE_URL): login refused (password authentication failed for user "portal")',
    );
  });

  it('keeps any other reason to one line', () => {
    expect(describeStartFailure(new Error('first\n  second\n'))).toBe('first second');
    expect(describeStartFailure('plain')).toBe('plain');
    expect(describeStartFailure(undefined)).toBe('unknown error');
  });
});
