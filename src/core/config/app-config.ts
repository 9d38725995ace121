import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock, clockFromEnv } from '../clock/clock';
import { hkdfSync } from 'node:crypto';
import { AssuranceLevels, loadAssuranceLevels } from './assurance-levels';
import { loadSsoProviders, SsoProviderConfig } from './sso-providers';

/** Everything the portal reads from its environment, parsed once at start-up. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Unset means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  /** The non-owner role for request traffic; derived from the owner's URL when unset. */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedDatabasePort: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  statementTimeoutMs: number;
  bodyLimit: string;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /** Characters and lexical tokens of a query, checked before it is parsed. */
  maxQueryLength: number;
  /** How long a document refused at the edge for its size or cost waits for its answer. */
  refusalDelayMs: number;
  maxQueryTokens: number;
  /** Requests and socket messages per client address and minute, whatever they ask. */
  addressRateLimitPerMinute: number;
  /** Personal-data records one user may be shown per minute and per day (exports aside). */
  recordBudgetPerMinute: number;
  recordBudgetPerDay: number;
  /** Production accepts only the operations listed in trustedDocumentsDir (TRUSTED_DOCUMENTS=off opts out). */
  trustedDocuments: boolean;
  trustedDocumentsDir: string;
  logLevel: LogLevel;
  /** pretty: one readable line per entry (development default); json: one JSON object per line. */
  logFormat: 'pretty' | 'json';
  /** LOG_FILE: append log lines to this file instead of stdout. */
  logFile: string | undefined;
  auditSealIntervalMs: number;
  seedDemo: boolean;
  /** Where browsers reach the portal (OIDC callbacks, the client after login). */
  publicUrl: string;
  /** OpenID Connect providers (OIDC_PROVIDERS_FILE or OIDC_PROVIDERS), with their secrets. */
  ssoProviders: SsoProviderConfig[];
  /** Assurance level a login needs for EMERGENCY_ACCESS or PROTECTED_IDENTITY. */
  strongLoginLevel: number;
  /** The least assurance level of a session for each role or permission (ASSURANCE_LEVELS). */
  assuranceLevels: AssuranceLevels;
  /** The level a local login with password and a second factor (TOTP, recovery code) counts as. */
  localTwoFactorLevel: number;
  /** Seals secrets the portal must read back (TOTP secrets); SECRETS_KEY, else derived from JWT_SECRET. */
  secretsKey: Buffer;
  /** The one clock (APP_NOW pins it outside production). */
  clock: Clock;
}

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A variable of the environment has a value the portal cannot use; names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** REFUSAL_DELAY_MS unless set (bench:abuse uses it too). */
export const DEFAULT_REFUSAL_DELAY_MS = 250;

/** Loads an optional .env file (never overriding the real environment) and parses the config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const envFile = resolve(process.cwd(), '.env');
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);

  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const jwtSecret = env.JWT_SECRET ?? '';
  if (nodeEnv === 'production' && jwtSecret.length < 32) {
    throw new ConfigError(
      'JWT_SECRET',
      'JWT_SECRET must be set (at least 32 characters) when NODE_ENV=production',
    );
  }
  const int = (name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
    integer(env, name, fallback, min, max);
  return {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || join(process.cwd(), '.data')),
    embeddedDatabasePort: int('EMBEDDED_DB_PORT', 54329, 1, 65535),
    jwtSecret: jwtSecret || DEVELOPMENT_JWT_SECRET,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900, 1),
    refreshTokenTtlDays: int('REFRESH_TOKEN_TTL_DAYS', 14, 1),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', 15),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 1),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1),
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 10000),
    bodyLimit: env.BODY_LIMIT || '1mb',
    maxQueryDepth: int('MAX_QUERY_DEPTH', 10, 1),
    maxQueryComplexity: int('MAX_QUERY_COMPLEXITY', 5000, 1),
    maxQueryLength: int('MAX_QUERY_LENGTH', 20_000, 1),
    maxQueryTokens: int('MAX_QUERY_TOKENS', 3000, 1),
    refusalDelayMs: int('REFUSAL_DELAY_MS', DEFAULT_REFUSAL_DELAY_MS),
    // Above the per-user limit, so one user behind one address meets theirs first.
    addressRateLimitPerMinute: int(
      'ADDRESS_RATE_LIMIT_PER_MINUTE',
      2 * int('RATE_LIMIT_PER_MINUTE', 600, 1),
      1,
    ),
    recordBudgetPerMinute: int('RECORD_BUDGET_PER_MINUTE', 2000, 1),
    recordBudgetPerDay: int('RECORD_BUDGET_PER_DAY', 20_000, 1),
    trustedDocuments: oneOf(env, 'TRUSTED_DOCUMENTS', ['on', 'off'], 'on') === 'on',
    trustedDocumentsDir: resolve(
      env.TRUSTED_DOCUMENTS_DIR || join(process.cwd(), 'trusted-documents'),
    ),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: oneOf(
      env,
      'LOG_FORMAT',
      ['pretty', 'json'],
      nodeEnv === 'development' ? 'pretty' : 'json',
    ),
    logFile: env.LOG_FILE || undefined,
    auditSealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', 2000),
    seedDemo: seedDemo(env, nodeEnv),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${int('PORT', 3000, 0, 65535)}`).replace(
      /\/$/,
      '',
    ),
    ssoProviders: loadSsoProviders(env),
    strongLoginLevel: int('STRONG_LOGIN_LEVEL', 3, 1, 4),
    assuranceLevels: loadAssuranceLevels(env.ASSURANCE_LEVELS, int('STRONG_LOGIN_LEVEL', 3, 1, 4)),
    // "An eID of level 3, or two factors" (issue 15): two factors meet the strong level.
    localTwoFactorLevel: int('LOCAL_TWO_FACTOR_LEVEL', int('STRONG_LOGIN_LEVEL', 3, 1, 4), 1, 4),
    secretsKey: secretsKey(env.SECRETS_KEY, jwtSecret || DEVELOPMENT_JWT_SECRET),
    clock: clockFromEnv(env.APP_NOW, nodeEnv),
  };
}

/**
 * A 32-byte key for sealed secrets. Derived from JWT_SECRET when SECRETS_KEY is unset, so a
 * deployment works without one more variable; set SECRETS_KEY to rotate the two apart.
 */
function secretsKey(value: string | undefined, jwtSecret: string): Buffer {
  if (value !== undefined && value !== '' && value.length < 32)
    throw new ConfigError('SECRETS_KEY', 'SECRETS_KEY must be at least 32 characters');
  return Buffer.from(
    hkdfSync('sha256', value || jwtSecret, '', 'ungdomsportalen sealed secrets', 32),
  );
}

/**
 * Demo data (users with a published password, one holding EMERGENCY_ACCESS) is never
 * loaded in production: unset means false there, and asking for it stops the start.
 */
function seedDemo(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['nodeEnv']): boolean {
  const asked = oneOf(env, 'SEED_DEMO', ['true', 'false', ''], '');
  if (nodeEnv === 'production') {
    if (asked === 'true')
      throw new ConfigError(
        'SEED_DEMO',
        'SEED_DEMO=true is refused when NODE_ENV=production: demo users have a published password',
      );
    return false;
  }
  return asked === '' ? !env.DATABASE_URL : asked === 'true';
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** Whole numbers only: "3000abc" or "1e3" stop the start instead of becoming 3000 or 1. */
function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`;
    throw new ConfigError(name, `${name} must be a whole number (${range}), got "${value}"`);
  }
  return n;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
