import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letter templates per municipality (Swedish, with placeholders such as {förnamn}); a
 * letter round prints one PDF from one and records its contacts. A template holds no
 * personal data; it is scoped to its municipality in SQL.
 */
export class LetterTemplates1764840100000 implements MigrationInterface {
  name = 'LetterTemplates1764840100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE letter_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        UNIQUE (municipality_code, name)
      )`);
    await q.query(
      `ALTER TABLE outreach_round ADD COLUMN letter_template_id uuid REFERENCES letter_template(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outreach_round DROP COLUMN letter_template_id`);
    await q.query(`DROP TABLE letter_template`);
  }
}
