import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `ARRAY['YOUTH_COORDINATOR','COUNSELLOR','SOCIAL_WORKER','EMPLOYMENT_OFFICER','ASSOCIATION_LEADER','MANAGER','AUDITOR','ORG_ADMIN','MUNICIPALITY_ADMIN']::text[]`;

/**
 * SCIM 2.0 provisioning: the users and groups a municipality's directory pushes, per
 * identity provider. A provisioned user is an ordinary app_user (known to the provider by
 * its subject in sso_identity); scim_user records which provider owns it and its
 * externalId. A group's members get the roles its mapping names, so a provisioned account
 * whose groups map to nothing holds no role: app_user may now have none.
 */
export class ScimProvisioning1764915100000 implements MigrationInterface {
  name = 'ScimProvisioning1764915100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check CHECK (roles <@ ${ROLES})`,
    );
    await q.query(`
      CREATE TABLE scim_user (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        provider_id text NOT NULL,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT app_now(),
        updated_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (provider_id, external_id)
      )`);
    await q.query(`
      CREATE TABLE scim_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id text NOT NULL,
        display_name text NOT NULL,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT app_now(),
        updated_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (provider_id, display_name)
      )`);
    await q.query(`
      CREATE TABLE scim_group_member (
        group_id uuid NOT NULL REFERENCES scim_group (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX scim_group_member_user_idx ON scim_group_member (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scim_group_member`);
    await q.query(`DROP TABLE scim_group`);
    await q.query(`DROP TABLE scim_user`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_roles_check`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT app_user_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ${ROLES})`,
    );
  }
}
