import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions (kommunförbund, DESIGN §1: "one deployment serves many municipalities"): a code, a
 * name and the member municipalities. An organisation may belong to a region; its MANAGER
 * reads the region-wide report (issue 17, point 4). The foreign key on (region_code,
 * municipality_code) keeps an organisation's region one its own municipality is a member of.
 * No personal data: no row policies.
 */
export class Regions1765020000001 implements MigrationInterface {
  name = 'Regions1765020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE region_municipality (
        region_code text NOT NULL REFERENCES region(code) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        PRIMARY KEY (region_code, municipality_code)
      )`);
    await q.query(`ALTER TABLE organisation ADD COLUMN region_code text`);
    await q.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_region_member_fkey
        FOREIGN KEY (region_code, municipality_code)
        REFERENCES region_municipality (region_code, municipality_code)`);
    await q.query(
      `CREATE INDEX organisation_region_idx ON organisation (region_code) WHERE region_code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP COLUMN region_code`);
    await q.query(`DROP TABLE region_municipality`);
    await q.query(`DROP TABLE region`);
  }
}
