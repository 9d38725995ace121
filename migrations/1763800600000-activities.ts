import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group activities (Öppen Hall and others) with attendance as counts only, association
 * membership follow-up, and summer-job offers per sector (DESIGN.md §8). No personal data.
 */
export class Activities1763800600000 implements MigrationInterface {
  name = 'Activities1763800600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        host_organisation_id uuid REFERENCES organisation(id),
        kind text NOT NULL CHECK (kind IN ('OPEN_HALL','STUDY_VISIT','JOB_FAIR','THEME_EVENING','SCHOOL_LECTURE','RECRUITMENT_FAIR','OTHER')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        place text CHECK (length(place) <= 200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        age_min int NOT NULL DEFAULT 15 CHECK (age_min BETWEEN 0 AND 99),
        age_max int NOT NULL DEFAULT 25 CHECK (age_max BETWEEN 0 AND 99),
        cancelled_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (age_max >= age_min)
      )`);
    await q.query(
      `CREATE INDEX activity_municipality_idx ON activity (municipality_code, starts_at, id)`,
    );
    await q.query(`CREATE INDEX activity_host_idx ON activity (host_organisation_id, starts_at)`);

    // Attendance is counted, never named: the age bands follow the youth team's reporting.
    await q.query(`
      CREATE TABLE activity_attendance (
        activity_id uuid PRIMARY KEY REFERENCES activity(id) ON DELETE CASCADE,
        total int NOT NULL CHECK (total >= 0),
        age_15_17 int NOT NULL DEFAULT 0 CHECK (age_15_17 >= 0),
        age_18_20 int NOT NULL DEFAULT 0 CHECK (age_18_20 >= 0),
        age_21_25 int NOT NULL DEFAULT 0 CHECK (age_21_25 >= 0),
        first_timers int NOT NULL DEFAULT 0 CHECK (first_timers >= 0),
        reported_by uuid REFERENCES app_user(id),
        reported_at timestamptz NOT NULL DEFAULT now(),
        CHECK (age_15_17 + age_18_20 + age_21_25 <= total),
        CHECK (first_timers <= total)
      )`);

    await q.query(`
      CREATE TABLE association_membership_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation(id),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        period_start date NOT NULL,
        period_end date NOT NULL,
        members_before int NOT NULL CHECK (members_before >= 0),
        members_after int NOT NULL CHECK (members_after >= 0),
        reported_by uuid REFERENCES app_user(id),
        reported_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start),
        UNIQUE (organisation_id, period_start, period_end)
      )`);
    await q.query(
      `CREATE INDEX membership_report_municipality_idx ON association_membership_report (municipality_code, period_start)`,
    );

    await q.query(`
      CREATE TABLE summer_job_offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_code char(4) NOT NULL REFERENCES municipality(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        sector text NOT NULL CHECK (sector IN ('MUNICIPALITY','BUSINESS','ASSOCIATION')),
        employer_name text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 200),
        positions int NOT NULL CHECK (positions >= 0),
        placements int NOT NULL DEFAULT 0 CHECK (placements >= 0 AND placements <= positions),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality_code, year, sector, employer_name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE summer_job_offer`);
    await q.query(`DROP TABLE association_membership_report`);
    await q.query(`DROP TABLE activity_attendance`);
    await q.query(`DROP TABLE activity`);
  }
}
