import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documentation the KAA rules expect (förordning 2006:39): measures (åtgärder), the
 * individual plan and goal with who is responsible for what and follow-up dates (revised by
 * adding a version, old versions kept), and closures (avslut) to work or studies.
 * Every row carries the young person and the municipality whose register holds it, so the
 * youth-team scope is one comparison.
 */
export class KaaMeasuresPlansClosures1763800200000 implements MigrationInterface {
  name = 'KaaMeasuresPlansClosures1763800200000';

  async up(q: QueryRunner): Promise<void> {
    // One individual plan per register period; its content lives in versions.
    await q.query(`
      CREATE TABLE kaa_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        kaa_period_id uuid NOT NULL UNIQUE REFERENCES kaa_period(id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX kaa_plan_person_idx ON kaa_plan (municipality_code, young_person_id)`,
    );

    await q.query(`
      CREATE TABLE kaa_plan_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES kaa_plan(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 1000),
        description text CHECK (length(description) <= 4000),
        next_follow_up_date date,
        revision_reason text CHECK (length(revision_reason) <= 1000),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, version),
        CHECK ((version = 1) OR (revision_reason IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE kaa_plan_responsibility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_version_id uuid NOT NULL REFERENCES kaa_plan_version(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        party text NOT NULL CHECK (party IN ('YOUNG_PERSON','MUNICIPALITY','OTHER_ACTOR')),
        actor_name text CHECK (length(actor_name) BETWEEN 1 AND 200),
        task text NOT NULL CHECK (length(task) BETWEEN 1 AND 1000),
        follow_up_date date,
        UNIQUE (plan_version_id, position),
        CHECK ((party = 'OTHER_ACTOR') = (actor_name IS NOT NULL))
      )`);

    // Revisions are kept: a version and its responsibilities never change once written.
    await q.query(`
      CREATE FUNCTION kaa_plan_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan versions are immutable; add a new version' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER kaa_plan_version_no_update BEFORE UPDATE ON kaa_plan_version
      FOR EACH ROW EXECUTE FUNCTION kaa_plan_version_immutable()`);
    await q.query(`
      CREATE TRIGGER kaa_plan_responsibility_no_update BEFORE UPDATE ON kaa_plan_responsibility
      FOR EACH ROW EXECUTE FUNCTION kaa_plan_version_immutable()`);

    await q.query(`
      CREATE TABLE kaa_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        kaa_period_id uuid REFERENCES kaa_period(id) ON DELETE SET NULL,
        plan_id uuid REFERENCES kaa_plan(id) ON DELETE SET NULL,
        type text NOT NULL CHECK (type IN ('COACHING','STUDY_CAREER_GUIDANCE','INTERNSHIP','MENTORSHIP','STUDY_VISIT','ASSOCIATION_MATCHING','SUMMER_JOB','JOB_FAIR','LABOUR_OFFICE_PROGRAMME','STUDIES_PREPARATION','OTHER')),
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 1000),
        offered_on date NOT NULL,
        start_date date,
        end_date date,
        status text NOT NULL CHECK (status IN ('OFFERED','DECLINED','ONGOING','COMPLETED','ABORTED')),
        end_reason text CHECK (end_reason IN ('GOAL_REACHED','STARTED_WORK','STARTED_STUDIES','DECLINED_BY_YOUNG_PERSON','STOPPED_ATTENDING','MOVED_AWAY','TURNED_20','OTHER')),
        end_note text CHECK (length(end_note) <= 500),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (start_date IS NULL OR start_date >= offered_on),
        CHECK (end_date IS NULL OR (start_date IS NOT NULL AND end_date >= start_date)),
        CHECK (status NOT IN ('ONGOING','COMPLETED','ABORTED') OR start_date IS NOT NULL),
        CHECK ((status IN ('COMPLETED','ABORTED')) = (end_date IS NOT NULL)),
        CHECK ((status IN ('COMPLETED','ABORTED','DECLINED')) = (end_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX kaa_measure_person_idx ON kaa_measure (municipality_code, young_person_id, offered_on)`,
    );
    await q.query(
      `CREATE INDEX kaa_measure_dates_idx ON kaa_measure (municipality_code, start_date, end_date)`,
    );
    await q.query(
      `CREATE INDEX kaa_measure_plan_idx ON kaa_measure (plan_id) WHERE plan_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE kaa_closure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        young_person_id uuid NOT NULL REFERENCES young_person(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        kaa_period_id uuid REFERENCES kaa_period(id) ON DELETE SET NULL,
        measure_id uuid REFERENCES kaa_measure(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('WORK','STUDIES','OTHER')),
        closed_on date NOT NULL,
        occupation_title text CHECK (length(occupation_title) BETWEEN 1 AND 200),
        programme text CHECK (length(programme) BETWEEN 1 AND 200),
        note text CHECK (length(note) <= 500),
        recorded_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'WORK') = (occupation_title IS NOT NULL)),
        CHECK ((kind = 'STUDIES') = (programme IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX kaa_closure_municipality_idx ON kaa_closure (municipality_code, closed_on)`,
    );
    await q.query(`CREATE INDEX kaa_closure_person_idx ON kaa_closure (young_person_id)`);

    // Lists filter and sort on the current occupation and on last contact per person.
    await q.query(
      `CREATE INDEX occupation_municipality_idx ON occupation (municipality_code, young_person_id)`,
    );
    await q.query(
      `CREATE INDEX kaa_period_person_idx ON kaa_period (young_person_id, municipality_code, entry_date DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kaa_period_person_idx`);
    await q.query(`DROP INDEX occupation_municipality_idx`);
    await q.query(`DROP TABLE kaa_closure`);
    await q.query(`DROP TABLE kaa_measure`);
    await q.query(`DROP TABLE kaa_plan_responsibility`);
    await q.query(`DROP TABLE kaa_plan_version`);
    await q.query(`DROP FUNCTION kaa_plan_version_immutable()`);
    await q.query(`DROP TABLE kaa_plan`);
  }
}
