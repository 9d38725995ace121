import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect providers a municipality admin configures (beside those of OIDC_PROVIDERS):
 * issuer, client, claims and the group mapping. The client secret is kept sealed with the
 * portal's key (SECRETS_KEY), never in clear text; it is never read back out through the API.
 */
export class IdentityProvidersByAdmin1764915200000 implements MigrationInterface {
  name = 'IdentityProvidersByAdmin1764915200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,40}$'),
        municipality_code char(4) NOT NULL REFERENCES municipality (code),
        issuer text NOT NULL CHECK (issuer ~ '^https?://'),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
        client_secret_sealed text NOT NULL,
        subject_claim text NOT NULL DEFAULT 'sub',
        group_claim text,
        groups jsonb NOT NULL DEFAULT '{}',
        acr_levels jsonb NOT NULL DEFAULT '{}',
        multi_factor_level smallint NOT NULL DEFAULT 3 CHECK (multi_factor_level BETWEEN 1 AND 4),
        updated_by uuid NOT NULL REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        updated_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    await q.query(`CREATE INDEX sso_provider_municipality_idx ON sso_provider (municipality_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_provider`);
  }
}
