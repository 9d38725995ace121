import { createHash } from 'node:crypto';
import { databaseErrorFacts } from '../errors/database-error';
import { DomainError } from '../errors/domain-error';

/** What of an error may be logged: named by allow-list, so a new property never leaks. */
export interface RedactedError {
  type: string;
  /** Only a DomainError's message: those never carry personal data (domain-error.ts). */
  message?: string;
  code?: string;
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** A failed statement by its hash: the text could be matched, its parameters never logged. */
  statement?: string;
  stack?: string[];
}

const redacted = new WeakSet<object>();

/**
 * An error as it may appear in a log line. The message of anything but a DomainError
 * is left out: a driver's message quotes values ("invalid input syntax for type uuid:
 * …", "Key (personal_number)=(…)"), and the stack's first line repeats it, so only the
 * frames are kept. Query parameters are never read.
 */
export function redactError(error: unknown): RedactedError {
  // Already redacted (a caller's, then the logger's serializer): as it is.
  if (typeof error === 'object' && error !== null && redacted.has(error))
    return error as RedactedError;
  if (!(error instanceof Error)) return { type: typeof error };
  const out: RedactedError = { type: error.constructor?.name || error.name || 'Error' };
  redacted.add(out);
  if (error instanceof DomainError) {
    out.message = error.message;
    out.code = error.code;
  }
  const facts = databaseErrorFacts(error);
  if (facts) {
    out.sqlState = facts.sqlState;
    if (facts.constraint) out.constraint = facts.constraint;
    if (facts.table) out.table = facts.table;
    if (facts.column) out.column = facts.column;
  }
  const query = (error as { query?: unknown }).query;
  if (typeof query === 'string') out.statement = statementHash(query);
  const frames = error.stack?.split('\n').filter((l) => /^\s+at /.test(l));
  if (frames?.length) out.stack = frames.map((l) => l.trim());
  return out;
}

/** One line for a message: type, SQLSTATE and constraint, or a DomainError's own message. */
export function describeError(error: unknown): string {
  const r = redactError(error);
  if (r.message) return `${r.type}: ${r.message}`;
  return [r.type, r.sqlState, r.constraint, r.statement && `statement ${r.statement}`]
    .filter(Boolean)
    .join(' ');
}

export function statementHash(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}
