import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the purge stripped a person's KAA content (plans, notes of register events): KAA
 * data goes after its own period even while another record keeps the person itself.
 */
export class RetentionKaaContent1763800900100 implements MigrationInterface {
  name = 'RetentionKaaContent1763800900100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE young_person ADD COLUMN kaa_content_purged_at timestamptz`);
    await q.query(
      `UPDATE young_person SET kaa_content_purged_at = anonymised_at WHERE anonymised_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE young_person DROP COLUMN kaa_content_purged_at`);
  }
}
