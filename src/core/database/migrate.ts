import { Clock } from '../clock/clock';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations; returns the names of those it ran. */
export async function runMigrations(url: string, statementTimeoutMs = 60000): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ statementTimeoutMs, clock: new Clock() }, url));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
