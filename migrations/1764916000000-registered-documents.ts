import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations an admin registers for an integration (trusted documents, issue 16): in
 * production only these, the README's and the web client's are accepted. A document is
 * an operation text, not data about anyone; the registering admin and the time are kept
 * (the registration is also in the access log).
 */
export class RegisteredDocuments1764916000000 implements MigrationInterface {
  name = 'RegisteredDocuments1764916000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registered_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hash char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        integration text NOT NULL CHECK (integration = btrim(integration) AND length(integration) BETWEEN 1 AND 100),
        document text NOT NULL CHECK (length(document) BETWEEN 1 AND 100000),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        registered_by uuid NOT NULL REFERENCES app_user(id),
        registered_at timestamptz NOT NULL DEFAULT app_now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registered_document`);
  }
}
