import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No existence oracle (DESIGN §6): registering a personnummer that an organisation may not
 * see creates a new record from what the caller gave, marked as a possible duplicate and
 * linked to the existing person for the home municipality's youth team to merge.
 *
 * - The personnummer stays unique among records that are not possible duplicates.
 * - existing_person_id() and existing_person_home() look the register up whatever rows
 *   the caller may see (row-level security is coming): SECURITY DEFINER, owned by the
 *   migration user. Their results are used inside the app only, never returned.
 * - A legal duty (notice, concern report) about a duplicate is routed to the existing
 *   person; the reported_* columns keep what the sender named, which is all it sees.
 * - A merge removes the duplicate row: duplicate_row keeps it and moved_rows the ids
 *   moved per table and column, so an undo can put everything back.
 */
export class PossibleDuplicates1764710000000 implements MigrationInterface {
  name = 'PossibleDuplicates1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE young_person ADD COLUMN is_possible_duplicate boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE young_person DROP CONSTRAINT young_person_personal_number_key`);
    await q.query(`
      CREATE UNIQUE INDEX young_person_personal_number_key ON young_person (personal_number)
        WHERE NOT is_possible_duplicate`);
    // Lookups that want every record with a number (the caller's own duplicates included).
    await q.query(
      `CREATE INDEX young_person_personal_number_idx ON young_person (personal_number)`,
    );
    await q.query(`
      CREATE TABLE possible_duplicate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- No foreign key: a merge removes the duplicate row and an undo restores it.
        duplicate_id uuid NOT NULL UNIQUE,
        existing_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        -- The existing person's home when linked: whose youth team may merge.
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        created_by_organisation_id uuid NOT NULL REFERENCES organisation(id),
        created_at timestamptz NOT NULL DEFAULT app_now(),
        merged_at timestamptz,
        merged_by uuid REFERENCES app_user(id),
        duplicate_row jsonb,
        moved_rows jsonb,
        undone_at timestamptz,
        undone_by uuid REFERENCES app_user(id),
        CHECK (duplicate_id <> existing_id),
        CHECK ((merged_at IS NULL) = (merged_by IS NULL)
           AND (merged_at IS NULL) = (duplicate_row IS NULL)
           AND (merged_at IS NULL) = (moved_rows IS NULL))
      )`);
    await q.query(
      `CREATE INDEX possible_duplicate_municipality_idx ON possible_duplicate (municipality_code, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX possible_duplicate_existing_idx ON possible_duplicate (existing_id)`,
    );
    await q.query(`
      CREATE FUNCTION existing_person_id(p_personal_number char) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT id FROM young_person
         WHERE personal_number = p_personal_number AND NOT is_possible_duplicate
      $$`);
    await q.query(`
      CREATE FUNCTION existing_person_home(p_id uuid) RETURNS char
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT home_municipality_code FROM young_person WHERE id = p_id AND NOT is_possible_duplicate
      $$`);
    await q.query(`
      ALTER TABLE school_notice
        ADD COLUMN reported_young_person_id uuid,
        ADD COLUMN reported_home_municipality_code char(4) REFERENCES municipality(code),
        ADD CHECK ((reported_young_person_id IS NULL) = (reported_home_municipality_code IS NULL))`);
    await q.query(`
      ALTER TABLE concern_report
        ADD COLUMN reported_young_person_id uuid,
        ADD COLUMN reported_municipality_code char(4) REFERENCES municipality(code),
        ADD COLUMN reported_receiver_organisation_ids uuid[],
        ADD CHECK ((reported_young_person_id IS NULL) = (reported_municipality_code IS NULL)
               AND (reported_young_person_id IS NULL) = (reported_receiver_organisation_ids IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE concern_report DROP COLUMN reported_receiver_organisation_ids,
        DROP COLUMN reported_municipality_code, DROP COLUMN reported_young_person_id`);
    await q.query(`
      ALTER TABLE school_notice DROP COLUMN reported_home_municipality_code,
        DROP COLUMN reported_young_person_id`);
    await q.query(`DROP FUNCTION existing_person_home(uuid)`);
    await q.query(`DROP FUNCTION existing_person_id(char)`);
    await q.query(`DROP TABLE possible_duplicate`);
    // Open duplicates cannot survive a unique personnummer.
    await q.query(`DELETE FROM young_person WHERE is_possible_duplicate`);
    await q.query(`DROP INDEX young_person_personal_number_idx`);
    await q.query(`DROP INDEX young_person_personal_number_key`);
    await q.query(
      `ALTER TABLE young_person ADD CONSTRAINT young_person_personal_number_key UNIQUE (personal_number)`,
    );
    await q.query(`ALTER TABLE young_person DROP COLUMN is_possible_duplicate`);
  }
}
