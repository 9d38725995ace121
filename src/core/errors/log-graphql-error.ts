import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error';
import { errorLogLevel } from './error-log-level';
import { graphqlErrorCode } from './format-graphql-error';
import { describeError, redactError } from '../logging/redact-error';

const logger = new Logger('GraphQL');

/**
 * Logs one GraphQL error at the level of the code the client got (errorLogLevel).
 * Expected errors carry code, operation and path, and the message only for domain
 * errors, whose messages never hold personal data; input errors can quote the
 * caller's values, so theirs is left out. Unexpected errors carry their stack frames and
 * what redactError allows (type, SQLSTATE, constraint, statement hash), never a driver's
 * message or a query's parameters.
 */
export function logGraphqlError(error: GraphQLError, operation: string | undefined): void {
  const code = graphqlErrorCode(error);
  const level = errorLogLevel(code);
  const original = error.originalError ?? error;
  const path = error.path?.join('.');
  const fields = { code, operation, path };
  const where = [operation, path].filter(Boolean).join(' at ');
  const summary = `${code}${where ? ` in ${where}` : ''}`;
  if (level === 'error') {
    logger.error(
      { ...fields, err: redactError(original) },
      `${summary}: ${describeError(original)}`,
    );
    return;
  }
  const message = original instanceof DomainError ? `${summary}: ${original.message}` : summary;
  if (level === 'warn') logger.warn(fields, message);
  else logger.log(fields, message);
}
