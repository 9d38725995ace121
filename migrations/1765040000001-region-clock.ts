import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region's created_at takes the one clock (app_now(), the clock issue), like every other
 * column; 1765020000001 gave it now(), which test/hygiene/one-clock-schema refuses.
 */
export class RegionClock1765040000001 implements MigrationInterface {
  name = 'RegionClock1765040000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE region ALTER COLUMN created_at SET DEFAULT app_now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE region ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
