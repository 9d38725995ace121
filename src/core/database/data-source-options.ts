import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { clockSessionOptions } from '../clock/clock';
import { AppConfig } from '../config/app-config';

/** Migrations are the only way the schema changes; both .ts (tests) and .js (built) load. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export function dataSourceOptions(
  config: Pick<AppConfig, 'statementTimeoutMs' | 'clock'>,
  url: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    applicationName: 'ungdomsportalen',
    // Every statement is bounded so one slow query cannot hold a connection forever.
    extra: {
      options: `-c statement_timeout=${config.statementTimeoutMs} ${clockSessionOptions(config.clock)}`,
      max: 10,
    },
  };
}

/** The owner's connection, for work outside requests: inject with @InjectDataSource(SYSTEM_DATA_SOURCE). */
export const SYSTEM_DATA_SOURCE = 'system';

export function systemDataSourceOptions(
  config: Pick<AppConfig, 'statementTimeoutMs' | 'clock'>,
  url: string,
): DataSourceOptions {
  const base = dataSourceOptions(config, url);
  return {
    ...base,
    applicationName: 'ungdomsportalen-system',
    entities: [join(__dirname, '..', '..', '**', '*.{entity,entities}.{ts,js}')],
    extra: { ...(base.extra as object), max: 4 },
  } as DataSourceOptions;
}
