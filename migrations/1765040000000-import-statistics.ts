import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import is one transaction (all or nothing), so autovacuum never sees the rows it adds:
 * a first import into an empty register planned every statement for tables of one row
 * (nested loops scanning the whole growing table per row). import_refresh_statistics()
 * lets the import analyze the tables it grows, inside its own transaction (ANALYZE counts
 * the transaction's own new rows). SECURITY DEFINER: the application role does not own
 * the tables; it can refresh their statistics and nothing more.
 */
export class ImportStatistics1765040000000 implements MigrationInterface {
  name = 'ImportStatistics1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION import_refresh_statistics() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          ANALYZE young_person;
          ANALYZE schooling;
        END $$`);
    await q.query(`REVOKE ALL ON FUNCTION import_refresh_statistics() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION import_refresh_statistics() TO portal_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION import_refresh_statistics()`);
  }
}
