import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on: a user is known to an identity provider by its subject (never by
 * e-mail); the first link is made only through an admin's invitation. A login in
 * progress keeps its PKCE verifier, nonce and state here, for one use. A session started
 * through a provider remembers the provider's session id (sid), so the provider's
 * back-channel logout ends exactly that session.
 */
export class SingleSignOn1764820000000 implements MigrationInterface {
  name = 'SingleSignOn1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_identity (
        provider_id text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT app_now(),
        PRIMARY KEY (provider_id, subject),
        UNIQUE (provider_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE sso_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES app_user (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE sso_login_state (
        state text PRIMARY KEY,
        provider_id text NOT NULL,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        invitation_token_hash text,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(
      `ALTER TABLE refresh_token ADD COLUMN sso_provider_id text, ADD COLUMN sso_session_id text`,
    );
    await q.query(
      `CREATE INDEX refresh_token_sso_session_idx ON refresh_token (sso_provider_id, sso_session_id) WHERE sso_session_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE refresh_token DROP COLUMN sso_provider_id, DROP COLUMN sso_session_id`,
    );
    await q.query(`DROP TABLE sso_login_state`);
    await q.query(`DROP TABLE sso_invitation`);
    await q.query(`DROP TABLE sso_identity`);
  }
}
