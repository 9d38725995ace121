import { createTestApp, TestApp } from '../support/test-app';
import { createSchoolWorld, createStudent, SchoolWorld } from './school-world';

const OWN = `query($from: String!, $to: String!) {
  ownSchoolFigures(fromMonth: $from, toMonth: $to) {
    municipalityCode schoolOrganisationId smallCountsSuppressed
    months { month preventiveMeetingsHeld noticesReceived noticesWithPlan flagsRaised flagsShared }
  }
}`;

const FIGURES = `query($from: String!, $to: String!) {
  schoolFigures(fromMonth: $from, toMonth: $to) {
    municipalityCode smallCountsSuppressed
    months { month preventiveMeetingsHeld noticesReceived noticesWithPlan flagsRaised flagsShared }
  }
}`;

/**
 * March 2025 in Swedish time runs from 2025-02-28T23:00Z (CET) to 2025-03-31T22:00Z
 * (CEST, after the clocks changed on 30 March): the events below sit on both edges.
 */
describe('monthly school figures', () => {
  let t: TestApp;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
    const a = await createStudent(t, '1287', tbg.school);
    const b = await createStudent(t, '1287', mmo.school);
    const c = await createStudent(t, '1280', mmo.school);

    const notice = (yp: string, school: SchoolWorld, home: string, sentAt: string, plan: boolean) =>
      t.db.query(
        `INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
           kind, last_attendance_date, reason_category, left_with_plan, sent_by, sent_at)
         VALUES ($1, $2, $3, $4, 'DROPPED_OUT', '2025-01-10', 'OTHER', $5, $6, $7)`,
        [yp, school.school, school.code, home, plan, school.counsellor.id, sentAt],
      );
    await notice(a.id, tbg, '1287', '2025-02-28T22:59:59Z', true); // 23:59:59 on 28 Feb: February
    await notice(a.id, tbg, '1287', '2025-02-28T23:00:00Z', true); // 00:00 on 1 March
    await notice(b.id, mmo, '1287', '2025-03-15T12:00:00Z', false); // Malmö school, Trelleborg student
    await notice(a.id, tbg, '1287', '2025-03-31T21:59:59Z', true); // 23:59:59 CEST on 31 March
    await notice(a.id, tbg, '1287', '2025-03-31T22:00:00Z', false); // 00:00 on 1 April
    for (let i = 0; i < 4; i++) await notice(a.id, tbg, '1287', '2025-04-10T10:00:00Z', false);
    await notice(c.id, mmo, '1280', '2025-03-12T10:00:00Z', true); // Malmö's own

    const flag = async (
      yp: string,
      school: SchoolWorld,
      createdAt: string,
      sharedAt?: string,
      sharedWith?: string,
    ) => {
      const { rows } = await t.db.query(
        `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity,
           raised_by, created_at)
         VALUES ($1, $2, $3, ARRAY['OTHER'], 'LOW', $4, $5) RETURNING id`,
        [yp, school.school, school.code, school.counsellor.id, createdAt],
      );
      // Shared: the school documented a consent record for the home municipality's youth team.
      if (sharedAt)
        await t.db.query(
          `WITH c AS (
             INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
               documented_by_organisation_id, purpose, categories, valid_from, valid_until, created_at)
             VALUES ($2, $3, ARRAY['YOUNG_PERSON'], 'WRITTEN', $4, $5, 'Avhoppsrisk', ARRAY['SCHOOL'],
               $6, $6::timestamptz + interval '1 year', $6) RETURNING id)
           UPDATE risk_flag SET consent_id = (SELECT id FROM c) WHERE id = $1`,
          [rows[0].id, yp, sharedWith, school.counsellor.id, school.school, sharedAt],
        );
      return rows[0].id as string;
    };
    const f1 = await flag(a.id, tbg, '2025-02-28T23:30:00Z'); // 00:30 on 1 March
    await flag(a.id, tbg, '2025-03-20T10:00:00Z', '2025-03-31T21:30:00Z', '1287'); // shared 23:30 on 31 March
    await flag(a.id, tbg, '2025-03-01T00:30:00Z', '2025-04-01T10:00:00Z', '1287'); // shared in April
    await flag(a.id, tbg, '2025-03-31T22:30:00Z'); // 00:30 on 1 April
    await flag(b.id, mmo, '2025-03-05T09:00:00Z', '2025-03-10T09:00:00Z', '1287'); // Malmö school, shared with Trelleborg

    const meeting = (at: string, status: string) =>
      t.db.query(
        `INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, status, booked_by) VALUES ($1, $2, ARRAY['elev'], $3, $4)`,
        [f1, at, status, tbg.counsellor.id],
      );
    await meeting('2025-03-05T09:00:00Z', 'HELD');
    await meeting('2025-02-28T23:15:00Z', 'HELD'); // 00:15 on 1 March
    await meeting('2025-03-10T09:00:00Z', 'BOOKED');
    await meeting('2025-03-11T09:00:00Z', 'CANCELLED');
    await meeting('2025-03-31T22:15:00Z', 'HELD'); // 00:15 on 1 April
  });
  afterAll(() => t.close());

  it('counts Swedish calendar months for the youth team, unsuppressed', async () => {
    const res = await t.gql(FIGURES, { from: '2025-02', to: '2025-04' }, tbg.coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.schoolFigures).toEqual({
      municipalityCode: '1287',
      smallCountsSuppressed: false,
      months: [
        {
          month: '2025-02',
          preventiveMeetingsHeld: 0,
          noticesReceived: 1,
          noticesWithPlan: 1,
          flagsRaised: 0,
          flagsShared: 0,
        },
        {
          month: '2025-03',
          preventiveMeetingsHeld: 2,
          noticesReceived: 3,
          noticesWithPlan: 2,
          flagsRaised: 3,
          flagsShared: 2,
        },
        {
          month: '2025-04',
          preventiveMeetingsHeld: 1,
          noticesReceived: 5,
          noticesWithPlan: 0,
          flagsRaised: 1,
          flagsShared: 1,
        },
      ],
    });
  });

  it("counts only the caller's municipality", async () => {
    const res = await t.gql(FIGURES, { from: '2025-03', to: '2025-03' }, mmo.coordinator.token);
    expect(res.data.schoolFigures.months).toEqual([
      {
        month: '2025-03',
        preventiveMeetingsHeld: 0,
        noticesReceived: 1,
        noticesWithPlan: 1,
        flagsRaised: 1,
        flagsShared: 0,
      },
    ]);
  });

  it('hides counts under 5 from managers', async () => {
    const res = await t.gql(FIGURES, { from: '2025-04', to: '2025-04' }, tbg.manager.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.schoolFigures).toEqual({
      municipalityCode: '1287',
      smallCountsSuppressed: true,
      months: [
        {
          month: '2025-04',
          preventiveMeetingsHeld: null,
          noticesReceived: 5,
          noticesWithPlan: null,
          flagsRaised: null,
          flagsShared: null,
        },
      ],
    });
  });

  it('refuses counsellors and bad ranges', async () => {
    const res = await t.gql(FIGURES, { from: '2025-03', to: '2025-03' }, tbg.counsellor.token);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const backwards = await t.gql(
      FIGURES,
      { from: '2025-04', to: '2025-03' },
      tbg.coordinator.token,
    );
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooLong = await t.gql(FIGURES, { from: '2020-01', to: '2025-03' }, tbg.coordinator.token);
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const malformed = await t.gql(
      FIGURES,
      { from: '2025-13', to: '2025-03' },
      tbg.coordinator.token,
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("gives a counsellor the own school's figures only, unsuppressed", async () => {
    // Trelleborg's school: the same events as above without the Malmö school's notice and
    // flag (one shared with Trelleborg's youth team), so March has 2 notices and 1 share.
    const res = await t.gql(OWN, { from: '2025-02', to: '2025-04' }, tbg.counsellor.token);
    expect(res.errors).toBeUndefined();
    const month = (m: string, held: number, notices: number, plan: number, raised: number, shared: number) => ({
      month: m,
      preventiveMeetingsHeld: held,
      noticesReceived: notices,
      noticesWithPlan: plan,
      flagsRaised: raised,
      flagsShared: shared,
    });
    expect(res.data.ownSchoolFigures).toEqual({
      municipalityCode: '1287',
      schoolOrganisationId: tbg.school,
      smallCountsSuppressed: false,
      months: [month('2025-02', 0, 1, 1, 0, 0), month('2025-03', 2, 2, 2, 3, 1), month('2025-04', 1, 5, 0, 1, 1)],
    });
    // Malmö's school: its two notices (one for a Trelleborg student) and its one flag,
    // shared with Trelleborg; none of Trelleborg's school's events.
    const malmo = await t.gql(OWN, { from: '2025-03', to: '2025-03' }, mmo.counsellor.token);
    expect(malmo.data.ownSchoolFigures.months).toEqual([month('2025-03', 0, 2, 1, 1, 1)]);
  });

  it('refuses ownSchoolFigures to everyone but a school counsellor, and bad ranges', async () => {
    for (const who of [tbg.coordinator, tbg.manager]) {
      const res = await t.gql(OWN, { from: '2025-03', to: '2025-03' }, who.token);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    const backwards = await t.gql(OWN, { from: '2025-04', to: '2025-03' }, tbg.counsellor.token);
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
