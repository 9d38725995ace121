import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A note's visibility (DESIGN.md §5): CASE notes follow the consent rules; an
 * AUTHOR_ORGANISATION note stays with its author, others see only the placeholder.
 */
export class CaseNoteVisibility1763800500200 implements MigrationInterface {
  name = 'CaseNoteVisibility1763800500200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_note ADD COLUMN visibility text NOT NULL DEFAULT 'CASE' CHECK (visibility IN ('CASE','AUTHOR_ORGANISATION'))`,
    );
    await this.appendOnly(q, true);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.appendOnly(q, false);
    await q.query(`ALTER TABLE case_note DROP COLUMN visibility`);
  }

  /** The append-only guard must cover the new column too. */
  private async appendOnly(q: QueryRunner, withVisibility: boolean): Promise<void> {
    const v = (row: string) => (withVisibility ? `, ${row}.visibility` : '');
    await q.query(`
      CREATE OR REPLACE FUNCTION case_note_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT OLD.superseded AND NEW.superseded
           AND ROW(OLD.id, OLD.case_id, OLD.root_note_id, OLD.version, OLD.previous_version_id,
                   OLD.author_organisation_id, OLD.author_user_id, OLD.category, OLD.body, OLD.created_at${v('OLD')})
               IS NOT DISTINCT FROM
               ROW(NEW.id, NEW.case_id, NEW.root_note_id, NEW.version, NEW.previous_version_id,
                   NEW.author_organisation_id, NEW.author_user_id, NEW.category, NEW.body, NEW.created_at${v('NEW')})
        THEN RETURN NEW; END IF;
        IF TG_OP = 'DELETE' AND current_setting('portal.retention', true) = 'on' THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'case_note is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}
