import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider that knows users by another claim than sub (Entra ID: oid) still names them
 * by sub in a back-channel logout token, which carries the id_token's sub (OpenID
 * Back-Channel Logout 1.0 §2.4). The identity keeps the sub of its latest login beside
 * the chosen subject, so such a token finds the user. Null until the first login after
 * this change (or after a SCIM link); it goes with the identity row.
 */
export class SsoIdentityProviderSub1764936500000 implements MigrationInterface {
  name = 'SsoIdentityProviderSub1764936500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sso_identity ADD COLUMN provider_sub text`);
    await q.query(
      `CREATE INDEX sso_identity_provider_sub_idx ON sso_identity (provider_id, provider_sub) WHERE provider_sub IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sso_identity DROP COLUMN provider_sub`);
  }
}
