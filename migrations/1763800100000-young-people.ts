import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The young person and the core of the KAA register: schooling, register periods and
 * the occupation timeline. The home municipality is the tenant key.
 */
export class YoungPeople1763800100000 implements MigrationInterface {
  name = 'YoungPeople1763800100000';

  async up(q: QueryRunner): Promise<void> {
    // Explicit per-user permissions beyond roles (protected identity, emergency access).
    await q.query(`
      ALTER TABLE app_user ADD COLUMN permissions text[] NOT NULL DEFAULT '{}'
        CHECK (permissions <@ ARRAY['PROTECTED_IDENTITY','EMERGENCY_ACCESS']::text[])`);

    await q.query(`
      CREATE TABLE young_person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        personal_number char(12) NOT NULL UNIQUE CHECK (personal_number ~ '^[0-9]{12}$'),
        coordination_number boolean NOT NULL DEFAULT false,
        birth_date date NOT NULL,
        given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
        home_municipality_code char(4) NOT NULL REFERENCES municipality(code),
        street_address text,
        postal_code text,
        city text,
        phone text,
        email text,
        preferred_language text,
        protected_identity boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX young_person_home_idx ON young_person (home_municipality_code, family_name, given_name, id)`,
    );
    await q.query(
      `CREATE INDEX young_person_birth_idx ON young_person (home_municipality_code, birth_date)`,
    );

    await q.query(`
      CREATE TABLE guardian (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        phone text,
        email text,
        street_address text,
        declined_contact boolean NOT NULL DEFAULT false,
        declined_contact_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX guardian_young_person_idx ON guardian (young_person_id)`);

    await q.query(`
      CREATE TABLE schooling (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        school_organisation_id uuid REFERENCES organisation(id),
        school_name text NOT NULL CHECK (length(school_name) BETWEEN 1 AND 200),
        programme_code text NOT NULL CHECK (programme_code ~ '^[A-Z0-9]{2,10}$'),
        programme_type text NOT NULL CHECK (programme_type IN ('NATIONAL','INTRODUCTION','COMPULSORY','OTHER')),
        start_date date NOT NULL,
        end_date date,
        status text NOT NULL CHECK (status IN ('ACTIVE','COMPLETED','INTERRUPTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date),
        CHECK ((status = 'ACTIVE') = (end_date IS NULL))
      )`);
    await q.query(
      `CREATE INDEX schooling_young_person_idx ON schooling (young_person_id, start_date)`,
    );
    await q.query(
      `CREATE INDEX schooling_school_idx ON schooling (school_organisation_id) WHERE status = 'ACTIVE'`,
    );

    await q.query(`
      CREATE TABLE kaa_period (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        entry_date date NOT NULL,
        entry_reason text NOT NULL CHECK (entry_reason IN ('NEVER_STARTED','INTERRUPTED_STUDIES','MOVED_IN','STUDY_CERTIFICATE_ONLY')),
        exit_date date,
        exit_reason text CHECK (exit_reason IN ('STARTED_STUDIES','COMPLETED_STUDIES','TURNED_20','MOVED_AWAY','OTHER')),
        responsible_user_id uuid REFERENCES app_user(id),
        next_follow_up_date date,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((exit_date IS NULL) = (exit_reason IS NULL)),
        CHECK (exit_date IS NULL OR exit_date >= entry_date)
      )`);
    // At most one open period per young person and municipality.
    await q.query(
      `CREATE UNIQUE INDEX kaa_period_one_open ON kaa_period (young_person_id, municipality_code) WHERE exit_date IS NULL`,
    );
    await q.query(
      `CREATE INDEX kaa_period_municipality_idx ON kaa_period (municipality_code, entry_date, exit_date)`,
    );

    await q.query(`
      CREATE TABLE occupation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        category text NOT NULL CHECK (category IN ('STUDIES','WORK','INTERNSHIP','LABOUR_OFFICE_PROGRAMME','MUNICIPAL_MEASURE','PARENTAL_LEAVE','SICK','ABROAD','NOTHING','UNKNOWN')),
        valid_from date NOT NULL,
        source text NOT NULL CHECK (source IN ('YOUNG_PERSON','GUARDIAN','SCHOOL','LABOUR_OFFICE','SOCIAL_SERVICES','POPULATION_REGISTER','HOME_VISIT','OTHER')),
        note text CHECK (length(note) <= 500),
        recorded_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX occupation_timeline_idx ON occupation (young_person_id, valid_from DESC, recorded_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occupation`);
    await q.query(`DROP TABLE kaa_period`);
    await q.query(`DROP TABLE schooling`);
    await q.query(`DROP TABLE guardian`);
    await q.query(`DROP TABLE young_person`);
    await q.query(`ALTER TABLE app_user DROP COLUMN permissions`);
  }
}
