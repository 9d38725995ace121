import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * The signed consent document (PDF or image), one per consent version, kept in the
 * database. Row-level security lets through only those who see the consent
 * (authz.sees_consent_id), so nobody else can read it or learn that it exists.
 */
export class ConsentDocuments1764912400000 implements MigrationInterface {
  name = 'ConsentDocuments1764912400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consent_id uuid NOT NULL UNIQUE REFERENCES consent(id) ON DELETE CASCADE,
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        byte_size integer NOT NULL CHECK (byte_size BETWEEN 1 AND 5242880),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL CHECK (length(content) = byte_size),
        uploaded_by_user_id uuid NOT NULL REFERENCES app_user(id),
        uploaded_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        uploaded_at timestamptz NOT NULL DEFAULT app_now()
      )`);
    await q.query(`CREATE INDEX consent_document_person_idx ON consent_document (young_person_id)`);
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consent_document`);
  }
}
