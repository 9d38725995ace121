import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-error';

describe('isDatabaseUnavailable', () => {
  it('knows a restart by its codes and by pg’s own messages for a broken connection', () => {
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    // Seen in the soak: a connection cut under a query has a message and no code.
    const cut = new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly'));
    expect(isDatabaseUnavailable(cut)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated'))).toBe(true);
  });

  it('does not take an input or programming error for an outage', () => {
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT', [], new Error('syntax error'))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('terminated'))).toBe(false);
  });
});
