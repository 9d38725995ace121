import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation directory's contact point (a functional mailbox or switchboard, never a
 * person), and permissions as data: each EMERGENCY_ACCESS or PROTECTED_IDENTITY grant is a
 * row with its reason, end date, granter and revocation. A user's permissions are the
 * grants in force (authz.permissions_in_force); app_user.permissions stays as a mirror that
 * older write paths (SQL by an operator) still set, and a trigger records such a write as a
 * grant without an end date, or revokes what it removes.
 */
export class DirectoryAndPermissionGrants1764830000000 implements MigrationInterface {
  name = 'DirectoryAndPermissionGrants1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation ADD COLUMN contact_point text
      CHECK (contact_point IS NULL OR length(contact_point) BETWEEN 1 AND 200)`);
    await q.query(`CREATE INDEX organisation_directory_name ON organisation (lower(name), id)`);
    await q.query(`
      CREATE TABLE permission_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        permission text NOT NULL CHECK (permission IN ('EMERGENCY_ACCESS', 'PROTECTED_IDENTITY')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        ends_on date,
        granted_by_user_id uuid REFERENCES app_user(id),
        granted_at timestamptz NOT NULL DEFAULT app_now(),
        revoked_at timestamptz,
        revoked_by_user_id uuid REFERENCES app_user(id),
        revoke_reason text CHECK (revoke_reason IS NULL OR length(revoke_reason) BETWEEN 1 AND 1000)
      )`);
    // At most one grant of a permission per user is open (not revoked) at a time.
    await q.query(`CREATE UNIQUE INDEX permission_grant_open
      ON permission_grant (user_id, permission) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX permission_grant_municipality
      ON permission_grant (municipality_code, granted_at DESC, id)`);
    await q.query(`
      CREATE FUNCTION permissions_in_force(subject uuid) RETURNS text[]
        LANGUAGE sql STABLE AS $$
          SELECT coalesce(array_agg(DISTINCT g.permission ORDER BY g.permission), '{}')
            FROM permission_grant g
           WHERE g.user_id = subject AND g.revoked_at IS NULL
             AND (g.ends_on IS NULL OR g.ends_on >= app_today()) $$`);
    await q.query(`
      CREATE FUNCTION app_user_permissions_as_grants() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO permission_grant (user_id, municipality_code, permission, reason)
          SELECT NEW.id, NEW.municipality_code, p, 'Recorded on the user directly'
            FROM unnest(NEW.permissions) p
           WHERE NOT EXISTS (SELECT 1 FROM permission_grant g
                              WHERE g.user_id = NEW.id AND g.permission = p AND g.revoked_at IS NULL);
          UPDATE permission_grant g SET revoked_at = app_now(), revoke_reason = 'Removed from the user directly'
           WHERE g.user_id = NEW.id AND g.revoked_at IS NULL AND NOT (g.permission = ANY (NEW.permissions));
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER app_user_permissions_as_grants
        AFTER INSERT OR UPDATE OF permissions ON app_user
        FOR EACH ROW EXECUTE FUNCTION app_user_permissions_as_grants()`);
    await q.query(`
      INSERT INTO permission_grant (user_id, municipality_code, permission, reason)
      SELECT u.id, u.municipality_code, p, 'Held before permissions were recorded as grants'
        FROM app_user u, unnest(u.permissions) p`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER app_user_permissions_as_grants ON app_user`);
    await q.query(`DROP FUNCTION app_user_permissions_as_grants()`);
    await q.query(`DROP FUNCTION permissions_in_force(uuid)`);
    await q.query(`DROP TABLE permission_grant`);
    await q.query(`DROP INDEX organisation_directory_name`);
    await q.query(`ALTER TABLE organisation DROP COLUMN contact_point`);
  }
}
