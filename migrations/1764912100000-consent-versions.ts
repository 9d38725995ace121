import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents change the way they do on paper: an amendment is a new version linked to the
 * one it replaces (previous_version_id / superseded_by_id, each at most once, so versions
 * form one line); the replaced version is ended like a withdrawal, so every rule that reads
 * consent_in_force treats it alike. guardians_to_be_told records whether a young person
 * who consented alone wants the guardians told (NULL: not asked, or not a self-consent).
 */
export class ConsentVersions1764912100000 implements MigrationInterface {
  name = 'ConsentVersions1764912100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN previous_version_id uuid UNIQUE REFERENCES consent(id) ON DELETE SET NULL,
      ADD COLUMN superseded_by_id uuid UNIQUE REFERENCES consent(id) ON DELETE SET NULL,
      ADD COLUMN guardians_to_be_told boolean,
      ADD CONSTRAINT consent_superseded_is_ended CHECK (superseded_by_id IS NULL OR withdrawn_at IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent
      DROP CONSTRAINT consent_superseded_is_ended,
      DROP COLUMN guardians_to_be_told, DROP COLUMN superseded_by_id,
      DROP COLUMN previous_version_id, DROP COLUMN version`);
  }
}
