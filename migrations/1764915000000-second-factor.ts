import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local login's second factor: a TOTP secret per user (sealed with the portal's key, never
 * in clear text), the last time step used so a code works once, and one-use recovery codes
 * (only their hashes). A session remembers the assurance level it was opened with, so a
 * role or permission that asks for more is not in force in a weaker session.
 */
export class SecondFactor1764915000000 implements MigrationInterface {
  name = 'SecondFactor1764915000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        secret_sealed text NOT NULL,
        confirmed_at timestamptz,
        last_time_step bigint,
        created_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    await q.query(`
      CREATE TABLE user_recovery_code (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      ALTER TABLE refresh_token ADD COLUMN assurance_level smallint NOT NULL DEFAULT 1
        CONSTRAINT refresh_token_assurance_level_check CHECK (assurance_level BETWEEN 1 AND 4)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_token DROP COLUMN assurance_level`);
    await q.query(`DROP TABLE user_recovery_code`);
    await q.query(`DROP TABLE user_totp`);
  }
}
