import { DataSource, EntityManager } from 'typeorm';

/**
 * The rows a statement returns, whatever its kind. TypeORM's `query()` answers an
 * UPDATE or DELETE (… RETURNING) with `[rows, affectedCount]` and every other statement
 * with the rows themselves; mapping one as the other silently yields undefined ids.
 * Use this for every statement whose returned rows are read.
 */
export async function queryRows<T>(
  on: EntityManager | DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const em = on instanceof DataSource ? on.manager : on;
  const runner = em.queryRunner ?? em.dataSource.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (runner !== em.queryRunner) await runner.release();
  }
}
