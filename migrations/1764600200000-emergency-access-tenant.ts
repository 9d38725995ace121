import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emergency access stays inside the tenant and can be ended early: the opener's
 * municipality is stored on the opening (its auditors review it as well as the subject's),
 * and ended_at records an early end, which also moves expires_at to that instant.
 * Openings still active across municipalities are ended here.
 */
export class EmergencyAccessTenant1764600200000 implements MigrationInterface {
  name = 'EmergencyAccessTenant1764600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE emergency_access
        ADD COLUMN opener_municipality_code char(4) REFERENCES municipality(code),
        ADD COLUMN ended_at timestamptz`);
    await q.query(`
      UPDATE emergency_access ea SET opener_municipality_code = u.municipality_code
        FROM app_user u WHERE u.id = ea.user_id`);
    await q.query(
      `ALTER TABLE emergency_access ALTER COLUMN opener_municipality_code SET NOT NULL`,
    );
    // Ending at the opening's own instant leaves an empty interval: allowed from now on.
    await this.dropCheck(q, 'CHECK ((expires_at > opened_at))');
    await q.query(`
      ALTER TABLE emergency_access
        ADD CONSTRAINT emergency_access_period_check CHECK (expires_at >= opened_at),
        ADD CONSTRAINT emergency_access_ended_check CHECK (ended_at IS NULL OR ended_at = expires_at)`);
    await q.query(`
      UPDATE emergency_access SET ended_at = greatest(app_now(), opened_at),
                                  expires_at = greatest(app_now(), opened_at)
       WHERE app_now() < expires_at AND opener_municipality_code <> municipality_code`);
    // Rows inserted without it (older fixtures, direct SQL) take the opener's own.
    await q.query(`
      CREATE FUNCTION emergency_access_opener_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.opener_municipality_code IS NULL THEN
          SELECT municipality_code INTO NEW.opener_municipality_code FROM app_user WHERE id = NEW.user_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER emergency_access_opener_municipality BEFORE INSERT ON emergency_access
        FOR EACH ROW EXECUTE FUNCTION emergency_access_opener_municipality()`);
    await q.query(
      `CREATE INDEX emergency_access_opener_review_idx ON emergency_access (opener_municipality_code, opened_at DESC) WHERE reviewed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX emergency_access_opener_review_idx`);
    await q.query(`DROP TRIGGER emergency_access_opener_municipality ON emergency_access`);
    await q.query(`DROP FUNCTION emergency_access_opener_municipality()`);
    await q.query(`ALTER TABLE emergency_access DROP CONSTRAINT emergency_access_ended_check`);
    await q.query(`ALTER TABLE emergency_access DROP CONSTRAINT emergency_access_period_check`);
    await q.query(`
      UPDATE emergency_access SET expires_at = opened_at + interval '1 millisecond'
       WHERE expires_at <= opened_at`);
    await q.query(`ALTER TABLE emergency_access ADD CHECK (expires_at > opened_at)`);
    await q.query(`
      ALTER TABLE emergency_access
        DROP COLUMN ended_at,
        DROP COLUMN opener_municipality_code`);
  }

  private async dropCheck(q: QueryRunner, definition: string): Promise<void> {
    const found: { conname: string }[] = await q.query(
      `SELECT conname FROM pg_constraint
        WHERE conrelid = 'emergency_access'::regclass AND pg_get_constraintdef(oid) = $1`,
      [definition],
    );
    for (const c of found)
      await q.query(`ALTER TABLE emergency_access DROP CONSTRAINT "${c.conname}"`);
  }
}
