import { ConfigError } from '../config/app-config';

const DATABASE_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  // PostgreSQL's own: wrong password or user, missing database.
  '28P01': 'login refused',
  '28000': 'login refused',
  '3D000': 'no such database',
};

/**
 * Why the start failed, in one line a person can act on: which port is taken, which
 * database cannot be reached, which variable is wrong. Never prints a password.
 */
export function describeStartFailure(
  error: unknown,
  config: { port?: number; databaseUrl?: string } = {},
): string {
  return oneLine(describe(error, config));
}

function describe(error: unknown, config: { port?: number; databaseUrl?: string }): string {
  if (error instanceof ConfigError) return error.message;
  const code = errorCode(error);
  const syscall = (error as { syscall?: string } | undefined)?.syscall;
  if (syscall === 'listen' || code === 'EADDRINUSE') {
    const port = (error as { port?: number }).port ?? config.port;
    if (code === 'EADDRINUSE') return `port ${port} is already in use (set PORT)`;
    if (code === 'EACCES') return `port ${port} needs more privileges (set PORT above 1023)`;
  }
  if (code && code in DATABASE_ERRORS) {
    const detail = messageOf(error);
    const reason = DATABASE_ERRORS[code];
    const where = config.databaseUrl
      ? ` at ${serverOf(config.databaseUrl)} (check DATABASE_URL)`
      : '';
    return `database unreachable${where}: ${reason}${detail && detail !== reason ? ` (${detail})` : ''}`;
  }
  return messageOf(error) || 'unknown error';
}

/** A connection error may come as an AggregateError (one per address tried), with no message. */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof e?.code === 'string') return e.code;
  const first = Array.isArray(e?.errors) ? (e.errors[0] as { code?: unknown }) : undefined;
  return typeof first?.code === 'string' ? first.code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((e) => messageOf(e)).join('; ');
  }
  if (error instanceof Error) return error.message;
  return error === undefined ? '' : String(error);
}

/** host:port of a database URL, without user or password. */
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return 'the configured server';
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > 600 ? `${line.slice(0, 597)}...` : line;
}
