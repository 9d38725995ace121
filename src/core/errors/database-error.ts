import { ErrorCode } from './error-code';

/** What a PostgreSQL error says, without the values it may quote. */
export interface DatabaseErrorFacts {
  sqlState: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** The driver's error, as TypeORM's QueryFailedError wraps it or as pg throws it. */
export function databaseErrorFacts(error: unknown): DatabaseErrorFacts | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = ((error as { driverError?: unknown }).driverError ?? error) as Record<string, unknown>;
  const code = e.code;
  if (typeof code !== 'string') return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    sqlState: code,
    constraint: str(e.constraint),
    table: str(e.table),
    column: str(e.column),
  };
}

/**
 * pg's own messages for a connection that broke under a query (they carry no code and
 * quote nothing); a restart of PostgreSQL surfaces as these as often as as 57P01.
 */
const CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Connection is closed)/;

/** Errors that mean the database is not there (connection refused, shutting down, gone). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driver = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const message = (driver as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
  const facts = databaseErrorFacts(error);
  if (!facts) return false;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'].includes(facts.sqlState) ||
    /^(08|57P0)/.test(facts.sqlState) ||
    facts.sqlState === '53300'
  );
}

/**
 * A constraint or data error the client's input caused: the code and the field (from
 * the column, or PostgreSQL's `<table>_<column>_<kind>` constraint name). The database's
 * own message is never passed on: it may quote the value.
 */
export function clientDatabaseError(
  error: unknown,
): { code: ErrorCode; message: string; field?: string } | undefined {
  const facts = databaseErrorFacts(error);
  if (!facts) return undefined;
  const field = fieldOf(facts);
  const on = field ? ` (${field})` : '';
  switch (facts.sqlState) {
    case '23505':
      return { code: ErrorCode.CONFLICT, message: `Already exists${on}`, field };
    case '23P01':
      return { code: ErrorCode.CONFLICT, message: `Overlaps an existing record${on}`, field };
    case '23503':
      return {
        code: ErrorCode.BAD_USER_INPUT,
        message: `Refers to a record that does not exist${on}`,
        field,
      };
    case '23502':
      return { code: ErrorCode.BAD_USER_INPUT, message: `A value is required${on}`, field };
    case '23514':
      return { code: ErrorCode.BAD_USER_INPUT, message: `Invalid value${on}`, field };
    default:
      // Class 22: data exceptions (a value the column's type cannot hold).
      if (facts.sqlState.startsWith('22'))
        return { code: ErrorCode.BAD_USER_INPUT, message: `Invalid value${on}`, field };
      return undefined;
  }
}

/**
 * What a client is told of a database error, whichever transport it came by: a statement
 * past its timeout or a database that is not there is SERVICE_UNAVAILABLE, an error the
 * input caused is BAD_USER_INPUT or CONFLICT with the field; undefined for anything else.
 */
export function databaseErrorAnswer(
  error: unknown,
): { code: ErrorCode; message: string; field?: string } | undefined {
  if (databaseErrorFacts(error)?.sqlState === '57014')
    return { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The request took too long' };
  if (isDatabaseUnavailable(error))
    return {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The service is temporarily unavailable',
    };
  return clientDatabaseError(error);
}

function fieldOf(f: DatabaseErrorFacts): string | undefined {
  let name = f.column;
  if (!name && f.constraint) {
    name = f.constraint.replace(/_(check|key|fkey|excl|not_null)$/, '');
    if (f.table && name.startsWith(`${f.table}_`)) name = name.slice(f.table.length + 1);
  }
  return name ? name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : undefined;
}
