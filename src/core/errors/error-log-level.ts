import { ErrorCode } from './error-code';

export type ErrorLogLevel = 'info' | 'warn' | 'error';

/**
 * How loudly an error is logged, by the code the client got. What a client did wrong
 * (a wrong password, no token, a reused refresh token, invalid input, a record it may
 * not see) is routine: info, without a stack. Throttling, lock-outs and time-outs are
 * worth a look: warn. Only an unexpected error is logged at error, with its stack.
 */
export function errorLogLevel(code: ErrorCode): ErrorLogLevel {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.CONSENT_REQUIRED:
    case ErrorCode.CONFLICT:
    case ErrorCode.QUERY_TOO_COMPLEX:
    case ErrorCode.SUBSCRIPTIONS_ONLY:
    case ErrorCode.UNTRUSTED_DOCUMENT:
    case ErrorCode.GRAPHQL_PARSE_FAILED:
    case ErrorCode.GRAPHQL_VALIDATION_FAILED:
    case ErrorCode.PAYLOAD_TOO_LARGE:
    case ErrorCode.SECOND_FACTOR_REQUIRED:
      return 'info';
    case ErrorCode.ACCOUNT_LOCKED:
    case ErrorCode.TOO_MANY_REQUESTS:
    case ErrorCode.RECORD_BUDGET_EXCEEDED:
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 'warn';
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 'error';
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
