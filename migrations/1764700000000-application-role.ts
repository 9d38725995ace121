import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role the API connects as for request traffic. It does not own the tables and has
 * no BYPASSRLS, so row-level security applies to it. Roles belong to the whole server:
 * several databases (tests, a second checkout) may create it at once, so creation
 * tolerates a concurrent twin. Its login is provisioned at start (application-role.ts).
 */
export class ApplicationRole1764700000000 implements MigrationInterface {
  name = 'ApplicationRole1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') THEN
          CREATE ROLE portal_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO portal_app`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portal_app`);
    await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO portal_app`);
    // Bookkeeping of migrations and demo seeding is the owner's alone.
    await q.query(`REVOKE ALL ON schema_migrations, demo_seed_step FROM portal_app`);
    // Tables later migrations create are the application's too, unless a migration says otherwise.
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portal_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM portal_app`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM portal_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM portal_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM portal_app`);
    await q.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM portal_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM portal_app`);
  }
}
