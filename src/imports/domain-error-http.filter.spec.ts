import { ArgumentsHost, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { BadInputError } from '../core/errors/domain-error';
import { DomainErrorHttpFilter } from './domain-error-http.filter';

interface Answer {
  status: number;
  body: { errors: { message: string; extensions: { code: string; details?: unknown } }[] };
}

/** What a REST route answers for an error (the import's large-file routes use this filter). */
function answer(error: unknown): Answer {
  const sent: Answer = { status: 0, body: { errors: [] } };
  const res = {
    status(s: number) {
      sent.status = s;
      return this;
    },
    json(b: Answer['body']) {
      sent.body = b;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new DomainErrorHttpFilter().catch(error, host);
  return sent;
}

const pgError = (fields: Record<string, string>) =>
  new QueryFailedError('INSERT …', ['190001011234', 'Alva'], Object.assign(new Error('x'), fields));

describe('DomainErrorHttpFilter', () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((m: unknown) => void logged.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a statement timeout as SERVICE_UNAVAILABLE (503), as GraphQL does', () => {
    const r = answer(pgError({ code: '57014' }));
    expect(r.status).toBe(503);
    expect(r.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers a constraint the input broke with its code and field, never the database message', () => {
    const r = answer(
      pgError({ code: '23514', table: 'young_person', constraint: 'young_person_city_check' }),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({
      message: 'Invalid value (city)',
      extensions: { code: 'BAD_USER_INPUT', details: { field: 'city' } },
    });
    expect(answer(pgError({ code: '23505' })).status).toBe(409);
  });

  it('keeps a domain error and hides an unknown one, logging only its redacted kind', () => {
    expect(answer(new BadInputError('bad date')).body.errors[0]).toMatchObject({
      message: 'bad date',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const r = answer(new Error('secret 190001011234'));
    expect(r.status).toBe(500);
    expect(r.body.errors[0]).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toHaveLength(1);
    expect(logged.join()).not.toContain('190001011234');
  });
});
