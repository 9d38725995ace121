import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';
import { DomainError } from '../core/errors/domain-error';
import { databaseErrorAnswer } from '../core/errors/database-error';
import { ErrorCode } from '../core/errors/error-code';
import { describeError } from '../core/logging/redact-error';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * REST routes answer errors in the same shape as GraphQL (`errors[].extensions.code`),
 * with a matching HTTP status; database errors as GraphQL does (databaseErrorAnswer: a
 * timeout is SERVICE_UNAVAILABLE, bad input BAD_USER_INPUT or CONFLICT with the field);
 * unknown errors never show their message.
 */
@Catch()
export class DomainErrorHttpFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorHttpFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let code = ErrorCode.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    let status = 500;
    let details: { field: string } | undefined;
    const database = databaseErrorAnswer(error);
    if (database) {
      ({ code, message } = database);
      status = STATUS[code] ?? 400;
      if (database.field) details = { field: database.field };
    } else if (error instanceof DomainError) {
      code = error.code;
      message = error.message;
      status = STATUS[code] ?? 400;
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      code =
        status === 401
          ? ErrorCode.UNAUTHENTICATED
          : status === 403
            ? ErrorCode.FORBIDDEN
            : status === 429
              ? ErrorCode.TOO_MANY_REQUESTS
              : status === 413
                ? ErrorCode.PAYLOAD_TOO_LARGE
                : ErrorCode.BAD_USER_INPUT;
      message = status >= 500 ? message : error.message;
    }
    // The client learns nothing of an unknown error; the log keeps its kind (redacted: the
    // error's SQL state and statement hash, never its parameters).
    if (status >= 500) this.logger.error(`REST request failed: ${describeError(error)}`);
    res
      .status(status)
      .json({ errors: [{ message, extensions: { code, ...(details ? { details } : {}) } }] });
  }
}
