import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { clockSessionOptions } from '../../src/core/clock/clock';
import { SYSTEM_DATA_SOURCE } from '../../src/core/database/data-source-options';
import { getDataSourceToken } from '@nestjs/typeorm';

/**
 * Counts the SQL statements the app sends, to prove lists do not issue N+1 queries, and
 * keeps the text of the first KEPT_STATEMENTS since reset() for tests to look at. Only
 * so many: an app under load for minutes (npm run soak, the benchmarks) sends millions,
 * and keeping them all grew the soak's RSS by a third in ten minutes.
 */
export class SqlCounter extends AbstractLogger {
  static readonly KEPT_STATEMENTS = 10_000;
  count = 0;
  statements: string[] = [];
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
  override logQuery(query: string): void {
    this.count += 1;
    if (this.statements.length < SqlCounter.KEPT_STATEMENTS) this.statements.push(query);
  }
  protected writeLog(
    _level: LogLevel,
    _message: string | number | LogMessage | (string | number | LogMessage)[],
  ): void {
    // counting only
  }
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; details?: unknown } }[];
  body: Record<string, unknown>;
}

export interface TestApp {
  app: INestApplication;
  ds: DataSource;
  db: Client;
  /** The owner's URL of this test's database. */
  databaseUrl: string;
  config: AppConfig;
  sql: SqlCounter;
  http: () => ReturnType<typeof request>;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and the real app on top of it. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DB_SERVER_URL!;
  const template = process.env.TEST_DB_TEMPLATE!;
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    AUDIT_SEAL_INTERVAL_MS: '0',
    RATE_LIMIT_PER_MINUTE: '100000',
    RECORD_BUDGET_PER_MINUTE: '10000000',
    RECORD_BUDGET_PER_DAY: '10000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    // Refusals for size or cost are answered at once (test/security/address-limit and
    // bench:abuse set the delay).
    REFUSAL_DELAY_MS: '0',
    // Suites about other things log in with a password and then use EMERGENCY_ACCESS or
    // PROTECTED_IDENTITY; the sign-in suites (test/auth/second-factor, test/sso) set the
    // production default, under which a password-only session does not hold them.
    ASSURANCE_LEVELS: '{}',
    // A whole run may be pinned to a date (APP_NOW); a test may pin its own. Production
    // refuses a pinned clock, so a production app runs on the machine's.
    ...(process.env.APP_NOW && env.NODE_ENV !== 'production'
      ? { APP_NOW: process.env.APP_NOW }
      : {}),
    ...env,
  });
  const sql = new SqlCounter();
  const app = await createApp(config, url.toString(), sql);
  await app.init();
  // The tests' own DataSource is the owner's (fixtures, inspection); the app's request
  // traffic runs as the application role under row-level security.
  const ds = app.get<DataSource>(getDataSourceToken(SYSTEM_DATA_SOURCE));
  // The test's own connection reads the same clock as the app (app_now(), app_today()).
  const db = new Client({
    connectionString: url.toString(),
    options: clockSessionOptions(config.clock),
  });
  await db.connect();
  const server = app.getHttpServer();
  return {
    app,
    ds,
    db,
    databaseUrl: url.toString(),
    config,
    sql,
    http: () => request(server),
    async gql(query, variables, token) {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
    },
    async close() {
      await db.end();
      await app.close();
    },
  };
}
