/** The codes a client sees in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  CONFLICT = 'CONFLICT',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  /** The password was right; the account's second factor (a TOTP or recovery code) is asked for. */
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A query or mutation sent over the WebSocket, which carries subscriptions only. */
  SUBSCRIPTIONS_ONLY = 'SUBSCRIPTIONS_ONLY',
  /** Production accepts registered operations only (trusted documents). */
  UNTRUSTED_DOCUMENT = 'UNTRUSTED_DOCUMENT',
  /** The caller's budget of personal-data records for the minute or the day is spent. */
  RECORD_BUDGET_EXCEEDED = 'RECORD_BUDGET_EXCEEDED',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
