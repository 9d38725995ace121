import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  PayloadTooLargeException,
  UnauthorizedException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  BadInputError,
  ConflictError,
  ConsentRequiredError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from './domain-error';
import { formatGraphqlError } from './format-graphql-error';

/** Formats `original` as Apollo would hand it to formatError from a resolver. */
function format(original: unknown, apolloCode?: string, exposeStack = false) {
  const error = new GraphQLError('raw message', {
    originalError: original instanceof Error ? original : undefined,
    path: ['field'],
    extensions: apolloCode ? { code: apolloCode } : {},
  });
  const formatted: GraphQLFormattedError = {
    message: error.message,
    path: ['field'],
    extensions: apolloCode ? { code: apolloCode } : { code: 'INTERNAL_SERVER_ERROR' },
  };
  return formatGraphqlError(formatted, error, exposeStack);
}

describe('formatGraphqlError', () => {
  it.each([
    [new NotFoundError('User'), 'NOT_FOUND', 'User not found'],
    [new BadInputError('Invalid cursor'), 'BAD_USER_INPUT', 'Invalid cursor'],
    [new ConflictError('Taken'), 'CONFLICT', 'Taken'],
    [new UnauthenticatedError(), 'UNAUTHENTICATED', 'Authentication required'],
    [new ForbiddenError(), 'FORBIDDEN', 'Not allowed'],
    [new ConsentRequiredError('No consent'), 'CONSENT_REQUIRED', 'No consent'],
  ])('maps %s to its own code and message', (error, code, message) => {
    expect(format(error)).toMatchObject({ message, extensions: { code } });
  });

  it('passes domain error details on', () => {
    const error = new BadInputError('Bad row', { row: 3 });
    expect(format(error).extensions).toEqual({ code: 'BAD_USER_INPUT', details: { row: 3 } });
  });

  it.each([
    [new UnauthorizedException(), 'UNAUTHENTICATED'],
    [new ForbiddenException(), 'FORBIDDEN'],
    [new ThrottlerException(), 'TOO_MANY_REQUESTS'],
    [new PayloadTooLargeException(), 'PAYLOAD_TOO_LARGE'],
    [new HttpException('Teapot', 418), 'INTERNAL_SERVER_ERROR'],
  ])('maps the HTTP exception %s to %s', (error, code) => {
    expect(format(error).extensions?.code).toBe(code);
  });

  it('maps class-validator failures to BAD_USER_INPUT listing every problem', () => {
    const error = new BadRequestException({
      message: ['email must be an email', 'first must not be greater than 100'],
      error: 'Bad Request',
      statusCode: 400,
    });
    expect(format(error)).toMatchObject({
      message: 'Invalid input: email must be an email; first must not be greater than 100',
      extensions: {
        code: 'BAD_USER_INPUT',
        details: { problems: ['email must be an email', 'first must not be greater than 100'] },
      },
    });
  });

  it.each([
    ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_PARSE_FAILED'],
    ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED'],
    ['BAD_USER_INPUT', 'BAD_USER_INPUT'],
    ['BAD_REQUEST', 'BAD_USER_INPUT'],
    ['OPERATION_RESOLUTION_FAILURE', 'BAD_USER_INPUT'],
    ['PERSISTED_QUERY_NOT_SUPPORTED', 'BAD_USER_INPUT'],
    ['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX'],
    ['UNAUTHENTICATED', 'UNAUTHENTICATED'],
  ])('maps the Apollo code %s to %s, keeping its message', (apolloCode, code) => {
    expect(format(undefined, apolloCode)).toMatchObject({
      message: 'raw message',
      extensions: { code },
    });
  });

  it('maps a PostgreSQL statement timeout to SERVICE_UNAVAILABLE', () => {
    const timeout = Object.assign(new Error('canceling statement due to statement timeout'), {
      code: '57014',
    });
    expect(format(timeout)).toMatchObject({
      message: 'The request took too long',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('hides the message of an unexpected error (it may hold SQL or personal data)', () => {
    const error = new Error('duplicate key value violates unique constraint, Key (email)=(a@b.se)');
    const result = format(error);
    expect(result).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toContain('a@b.se');
  });

  it('adds no stack trace unless asked to (development only)', () => {
    expect(format(new Error('boom')).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(format(new Error('boom'), undefined, true).extensions?.stacktrace).toEqual(
      expect.arrayContaining([expect.stringContaining('Error: boom')]),
    );
  });

  it('never exposes a stack trace for an expected error, even in development', () => {
    expect(format(new NotFoundError(), undefined, true).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('keeps the path and only the mapped extensions', () => {
    const result = format(new NotFoundError());
    expect(result.path).toEqual(['field']);
    expect(Object.keys(result.extensions ?? {})).toEqual(['code']);
  });
});
