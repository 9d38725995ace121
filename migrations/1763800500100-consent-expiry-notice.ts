import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the named organisations were told that a consent ran out (told once). */
export class ConsentExpiryNotice1763800500100 implements MigrationInterface {
  name = 'ConsentExpiryNotice1763800500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent ADD COLUMN expiry_notified_at timestamptz`);
    await q.query(
      `CREATE INDEX consent_expiry_pending_idx ON consent (valid_until) WHERE expiry_notified_at IS NULL AND withdrawn_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consent_expiry_pending_idx`);
    await q.query(`ALTER TABLE consent DROP COLUMN expiry_notified_at`);
  }
}
