import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The logout tokens the portal has accepted, by issuer and jti, so that a replayed token
 * is refused (OpenID Connect Back-Channel Logout 1.0 §2.6). A row is needed only while the
 * token could still pass the age check; expired rows are deleted as new tokens arrive.
 * Holds no personal data: a jti is the provider's random token id.
 */
export class SsoLogoutTokenReplay1764917100000 implements MigrationInterface {
  name = 'SsoLogoutTokenReplay1764917100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_logout_token (
        issuer text NOT NULL,
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (issuer, jti)
      )`);
    await q.query(`CREATE INDEX sso_logout_token_expires_idx ON sso_logout_token (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_logout_token`);
  }
}
