import { DataSource, EntityManager } from 'typeorm';

/** Runs work in one transaction; the access-log rows of a change are written with it. */
export function inTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return ds.transaction('READ COMMITTED', work);
}
