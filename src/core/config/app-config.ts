import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock, clockFromEnv } from '../clock/clock';

/** Everything the portal reads from its environment, parsed once at start-up. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Unset means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
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
  logLevel: string;
  auditSealIntervalMs: number;
  seedDemo: boolean;
  /** The one clock (APP_NOW pins it outside production). */
  clock: Clock;
}

const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me';

/** Loads an optional .env file (never overriding the real environment) and parses the config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const envFile = resolve(process.cwd(), '.env');
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);

  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const jwtSecret = env.JWT_SECRET ?? '';
  if (nodeEnv === 'production' && jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be set (at least 32 characters) when NODE_ENV=production');
  }
  return {
    nodeEnv,
    port: int(env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || join(process.cwd(), '.data')),
    embeddedDatabasePort: int(env.EMBEDDED_DB_PORT, 54329),
    jwtSecret: jwtSecret || DEVELOPMENT_JWT_SECRET,
    accessTokenTtlSeconds: int(env.ACCESS_TOKEN_TTL_SECONDS, 900),
    refreshTokenTtlDays: int(env.REFRESH_TOKEN_TTL_DAYS, 14),
    loginMaxFailures: int(env.LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.LOGIN_LOCK_MINUTES, 15),
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 600),
    loginRateLimitPerMinute: int(env.LOGIN_RATE_LIMIT_PER_MINUTE, 20),
    statementTimeoutMs: int(env.STATEMENT_TIMEOUT_MS, 10000),
    bodyLimit: env.BODY_LIMIT || '1mb',
    maxQueryDepth: int(env.MAX_QUERY_DEPTH, 10),
    maxQueryComplexity: int(env.MAX_QUERY_COMPLEXITY, 2000),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    auditSealIntervalMs: int(env.AUDIT_SEAL_INTERVAL_MS, 2000),
    seedDemo: env.SEED_DEMO === undefined ? !env.DATABASE_URL : env.SEED_DEMO === 'true',
    clock: clockFromEnv(env.APP_NOW, nodeEnv),
  };
}

function parseNodeEnv(value: string | undefined): AppConfig['nodeEnv'] {
  if (value === 'production' || value === 'test') return value;
  return 'development';
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) throw new Error(`Expected a number, got "${value}"`);
  return n;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
