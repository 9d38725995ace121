import { ErrorCode } from './error-code';

/**
 * Every expected failure is a DomainError with a code; messages never carry personal
 * data (no names, no personnummer), only what the caller did wrong.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** "Does not exist" and "not allowed to see" are the same answer. */
export class NotFoundError extends DomainError {
  constructor(what = 'Record') {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required', details?: Record<string, unknown>) {
    super(ErrorCode.UNAUTHENTICATED, message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class ConsentRequiredError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.CONSENT_REQUIRED, message, details);
  }
}
