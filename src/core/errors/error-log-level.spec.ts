import { BadRequestException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ConflictError, NotFoundError, UnauthenticatedError } from './domain-error';
import { ErrorCode } from './error-code';
import { errorLogLevel } from './error-log-level';
import { graphqlErrorCode } from './format-graphql-error';

describe('errorLogLevel', () => {
  const levelOf = (error: GraphQLError) => errorLogLevel(graphqlErrorCode(error));
  const thrown = (original: unknown) =>
    new GraphQLError('wrapped', { originalError: original as Error });

  it('logs what a client did wrong at info: wrong password, no token, not found, conflicts', () => {
    expect(levelOf(thrown(new UnauthenticatedError('Invalid e-mail or password')))).toBe('info');
    expect(levelOf(thrown(new UnauthenticatedError()))).toBe('info');
    expect(levelOf(thrown(new NotFoundError('Case')))).toBe('info');
    expect(levelOf(thrown(new ConflictError('already decided')))).toBe('info');
  });

  it('logs validation and query errors at info', () => {
    expect(levelOf(thrown(new BadRequestException(['email must be an email'])))).toBe('info');
    const invalid = new GraphQLError('Cannot query field "nope"', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(levelOf(invalid)).toBe('info');
    const badVariable = new GraphQLError('Variable "$id" got invalid value', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(levelOf(badVariable)).toBe('info');
  });

  it('logs throttling, lock-outs and statement time-outs at warn', () => {
    expect(errorLogLevel(ErrorCode.TOO_MANY_REQUESTS)).toBe('warn');
    expect(errorLogLevel(ErrorCode.ACCOUNT_LOCKED)).toBe('warn');
    expect(
      levelOf(thrown(Object.assign(new Error('canceling statement'), { code: '57014' }))),
    ).toBe('warn');
  });

  it('logs only the unexpected at error', () => {
    expect(
      levelOf(thrown(new TypeError("Cannot read properties of undefined (reading 'id')"))),
    ).toBe('error');
    expect(errorLogLevel(ErrorCode.INTERNAL_SERVER_ERROR)).toBe('error');
  });

  it('has a level for every code', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(['info', 'warn', 'error']).toContain(errorLogLevel(code));
    }
  });
});
