import { randomBytes } from 'node:crypto';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { TestApp } from '../support/test-app';

/** Arranging rows straight in the database: the report only reads them. */
export class ReportWorld {
  org!: Record<OrganisationKind, string>;
  coordinator!: TestUser;
  schoolUser!: TestUser;
  private caseId?: string;

  constructor(
    private readonly t: TestApp,
    readonly code: string,
  ) {}

  async init(): Promise<this> {
    this.org = (await createWorld(this.t, this.code)).org;
    this.coordinator = await createUser(this.t, this.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    this.schoolUser = await createUser(this.t, this.org.SCHOOL, [Role.COUNSELLOR], {
      login: false,
    });
    return this;
  }

  async person(): Promise<string> {
    const pn = `2008${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { rows } = await this.t.db.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
       VALUES ($1, '2008-05-05', 'Test', $2, $3) RETURNING id`,
      [pn, `P${randomBytes(3).toString('hex')}`, this.code],
    );
    return rows[0].id;
  }

  async period(person: string, entry: string, exit?: string): Promise<void> {
    await this.t.db.query(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
       VALUES ($1, $2, $3, 'INTERRUPTED_STUDIES', $4, $5)`,
      [person, this.code, entry, exit ?? null, exit ? 'OTHER' : null],
    );
  }

  async occupation(person: string, category: string, validFrom: string, recordedAt?: string) {
    await this.t.db.query(
      `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_at)
       VALUES ($1, $2, $3, $4, 'YOUNG_PERSON', coalesce($5::timestamptz, app_now()))`,
      [person, this.code, category, validFrom, recordedAt ?? null],
    );
  }

  /**
   * A closure recorded at an instant; its date is the Swedish calendar date of that instant.
   * `code` is its occupation field (WORK) or programme code (STUDIES); null: none recorded.
   */
  async closure(
    person: string,
    kind: 'WORK' | 'STUDIES',
    at: string,
    code: string | null = kind === 'WORK' ? 'HOTEL_RESTAURANT_CATERING' : 'IMV',
  ): Promise<void> {
    await this.t.db.query(
      `INSERT INTO kaa_closure (young_person_id, municipality_code, kind, closed_on, occupation_title, programme,
         occupation_field, programme_code, recorded_at)
       VALUES ($1, $2, $3, ($4::timestamptz AT TIME ZONE 'Europe/Stockholm')::date, $5, $6, $7, $8, $4)`,
      [
        person,
        this.code,
        kind,
        at,
        kind === 'WORK' ? 'Restaurangbiträde' : null,
        kind === 'STUDIES' ? 'IMV' : null,
        kind === 'WORK' ? code : null,
        kind === 'STUDIES' ? code : null,
      ],
    );
  }

  async contact(
    person: string,
    channel: string,
    direction: 'OUTBOUND' | 'INBOUND',
    outcome: string,
    at: string,
  ): Promise<void> {
    await this.t.db.query(
      `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, outcome, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [person, this.code, channel, direction, outcome, at],
    );
  }

  /** A notice from this world's school to `home`'s youth team. */
  async notice(person: string, home: string, withPlan: boolean, at: string): Promise<void> {
    await this.t.db.query(
      `INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
         kind, last_attendance_date, reason_category, left_with_plan, sent_by, sent_at)
       VALUES ($1, $2, $3, $4, 'DROPPED_OUT', '2026-01-15', 'UNKNOWN', $5, $6, $7)`,
      [person, this.org.SCHOOL, this.code, home, withPlan, this.schoolUser.id, at],
    );
  }

  async preventiveMeeting(person: string, status: 'HELD' | 'BOOKED', at: string): Promise<void> {
    await this.t.db.query(
      `WITH f AS (
         INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by)
         VALUES ($1, $2, $3, ARRAY['WANTS_TO_QUIT'], 'LOW', $4) RETURNING id)
       INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by)
       SELECT id, $5, ARRAY['Mentor'], $6, $4 FROM f`,
      [person, this.org.SCHOOL, this.code, this.schoolUser.id, at, status],
    );
  }

  async jointCase(person: string): Promise<string> {
    const { rows } = await this.t.db.query(
      `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
       VALUES ($1, $2, $3, $4, 'Samverkan', $4) RETURNING id`,
      [person, this.code, this.org.YOUTH_TEAM, this.coordinator.id],
    );
    this.caseId = rows[0].id;
    return rows[0].id;
  }

  async caseMeeting(caseId: string, kind: string, heldAt: string): Promise<void> {
    await this.t.db.query(
      `INSERT INTO case_meeting (case_id, kind, scheduled_at, held_at, created_by) VALUES ($1, $2, $3, $3, $4)`,
      [caseId, kind, heldAt, this.coordinator.id],
    );
  }

  /** A referral with its transitions [state, at][]; the first must be SENT. */
  async referral(person: string, caseId: string, transitions: [string, string][]): Promise<void> {
    const state = transitions[transitions.length - 1][0];
    const { rows } = await this.t.db.query(
      `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
         receiver_organisation_id, purpose, shared_categories, response_due_date, state, decline_reason, outcome_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'GUIDANCE', '{}', '2026-06-01', $7, $8, $9) RETURNING id`,
      [
        caseId,
        person,
        this.code,
        this.org.YOUTH_TEAM,
        this.coordinator.id,
        this.org.LABOUR_OFFICE,
        state,
        state === 'DECLINED' ? 'NO_CAPACITY' : null,
        state === 'COMPLETED' ? 'STARTED_WORK' : null,
      ],
    );
    let from: string | null = null;
    for (const [to, at] of transitions) {
      await this.t.db.query(
        `INSERT INTO referral_transition (referral_id, from_state, to_state, by_user_id, by_organisation_id, at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [rows[0].id, from, to, this.coordinator.id, this.org.YOUTH_TEAM, at],
      );
      from = to;
    }
  }

  async activity(startsAt: string, attendance?: [number, number], cancelled = false) {
    const { rows } = await this.t.db.query(
      `INSERT INTO activity (municipality_code, kind, title, starts_at, ends_at, cancelled_at)
       VALUES ($1, 'OPEN_HALL', 'Öppen Hall', $2, $2::timestamptz + interval '3 hours', $3) RETURNING id`,
      [this.code, startsAt, cancelled ? startsAt : null],
    );
    if (attendance) {
      await this.t.db.query(
        `INSERT INTO activity_attendance (activity_id, total, first_timers) VALUES ($1, $2, $3)`,
        [rows[0].id, attendance[0], attendance[1]],
      );
    }
  }

  async summerJobs(year: number, sector: string, positions: number, placements: number) {
    await this.t.db.query(
      `INSERT INTO summer_job_offer (municipality_code, year, sector, employer_name, positions, placements)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        this.code,
        year,
        sector,
        `Employer ${randomBytes(3).toString('hex')}`,
        positions,
        placements,
      ],
    );
  }
}
