import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { databaseErrorAnswer } from './database-error';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

interface Mapped {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one place where errors become `extensions.code`. Unknown errors become
 * INTERNAL_SERVER_ERROR with a generic message: no stack, no SQL, no personal data.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  exposeStack: boolean,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const mapped = mapError(original, formatted);
  // Outside development the schema is not told: no "Did you mean …" on any transport.
  if (!exposeStack) mapped.message = mapped.message.replace(/\s*Did you mean .*$/s, '');
  const extensions: Record<string, unknown> = { code: mapped.code };
  if (mapped.details) extensions.details = mapped.details;
  if (exposeStack && mapped.code === ErrorCode.INTERNAL_SERVER_ERROR && original instanceof Error) {
    extensions.stacktrace = original.stack?.split('\n');
  }
  return {
    message: mapped.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions,
  };
}

/** The code a client sees for this error: the mapping formatGraphqlError applies. */
export function graphqlErrorCode(error: GraphQLError): ErrorCode {
  return mapError(error.originalError ?? error, error).code;
}

function mapError(
  error: unknown,
  formatted: Pick<GraphQLFormattedError, 'message' | 'extensions'>,
): Mapped {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HttpException) return mapHttpException(error);
  const apolloCode = formatted.extensions?.code;
  switch (apolloCode) {
    case 'GRAPHQL_PARSE_FAILED':
      return { code: ErrorCode.GRAPHQL_PARSE_FAILED, message: formatted.message };
    case 'GRAPHQL_VALIDATION_FAILED':
      return { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, message: formatted.message };
    case 'BAD_USER_INPUT':
    case 'BAD_REQUEST':
    case 'OPERATION_RESOLUTION_FAILURE':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'PERSISTED_QUERY_NOT_FOUND':
      return { code: ErrorCode.BAD_USER_INPUT, message: formatted.message };
    case ErrorCode.QUERY_TOO_COMPLEX:
      return { code: ErrorCode.QUERY_TOO_COMPLEX, message: formatted.message };
    case ErrorCode.UNAUTHENTICATED:
      return { code: ErrorCode.UNAUTHENTICATED, message: formatted.message };
    case ErrorCode.TOO_MANY_REQUESTS:
    case ErrorCode.PAYLOAD_TOO_LARGE:
    case ErrorCode.SUBSCRIPTIONS_ONLY:
    case ErrorCode.UNTRUSTED_DOCUMENT:
      return { code: apolloCode, message: formatted.message };
    default: {
      const database = databaseErrorAnswer(error);
      if (database)
        return {
          code: database.code,
          message: database.message,
          ...(database.field ? { details: { field: database.field } } : {}),
        };
      return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
    }
  }
}

function mapHttpException(error: HttpException): Mapped {
  const status = error.getStatus();
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return { code: ErrorCode.UNAUTHENTICATED, message: 'Authentication required' };
    case HttpStatus.FORBIDDEN:
      return { code: ErrorCode.FORBIDDEN, message: 'Not allowed' };
    case HttpStatus.NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'Not found' };
    case HttpStatus.TOO_MANY_REQUESTS:
      return { code: ErrorCode.TOO_MANY_REQUESTS, message: 'Too many requests, try again later' };
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body too large' };
    case HttpStatus.BAD_REQUEST:
      return validationFailure(error);
    default:
      return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}

/** class-validator failures arrive as a 400 whose response lists the broken constraints. */
function validationFailure(error: HttpException): Mapped {
  const response = error.getResponse();
  const messages =
    typeof response === 'object' && response && 'message' in response
      ? (response as { message: unknown }).message
      : error.message;
  const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  return {
    code: ErrorCode.BAD_USER_INPUT,
    message: `Invalid input: ${list.join('; ')}`,
    details: { problems: list },
  };
}
