import { testClock } from '../support/clock';
import { createTestApp, TestApp } from '../support/test-app';
import { createSchoolWorld, createStudent, SchoolWorld } from './school-world';

const today = () => testClock.today();

describe('access log and query counts for flags and notices', () => {
  let t: TestApp;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
  });
  afterAll(() => t.close());

  const logRows = async (subjectId: string) =>
    (
      await t.db.query(
        `SELECT action, subject_type, legal_basis, actor_user_id, young_person_ids, subject_municipality_code
           FROM access_log WHERE $1 = ANY(subject_ids) ORDER BY id`,
        [subjectId],
      )
    ).rows;

  it('logs notice writes and reads with the statutory basis', async () => {
    const student = await createStudent(t, '1287', mmo.school);
    const sent = await t.gql(
      `mutation($input: SendSchoolNoticeInput!) { sendSchoolNotice(input: $input) { id } }`,
      {
        input: {
          youngPersonId: student.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'OTHER',
          leftWithPlan: true,
        },
      },
      mmo.counsellor.token,
    );
    const id = sent.data.sendSchoolNotice.id;
    await t.gql(
      `{ schoolNotices { edges { node { id student { givenName } } } } }`,
      {},
      tbg.coordinator.token,
    );
    await t.gql(`query($id: ID!) { schoolNotice(id: $id) { id } }`, { id }, mmo.counsellor.token);
    await t.gql(
      `mutation($id: ID!) { acknowledgeSchoolNotice(id: $id) { id } }`,
      { id },
      tbg.coordinator.token,
    );
    const rows = await logRows(id);
    const base = {
      subject_type: 'SCHOOL_NOTICE',
      legal_basis: 'STATUTORY_DUTY',
      young_person_ids: [student.id],
      subject_municipality_code: '1287',
    };
    expect(rows).toEqual([
      { ...base, action: 'CREATE', actor_user_id: mmo.counsellor.id },
      { ...base, action: 'SEARCH', actor_user_id: tbg.coordinator.id },
      { ...base, action: 'READ', actor_user_id: mmo.counsellor.id },
      { ...base, action: 'UPDATE', actor_user_id: tbg.coordinator.id },
    ]);
    const kaa = await t.db.query(
      `SELECT l.legal_basis FROM access_log l JOIN kaa_period k ON k.id = ANY(l.subject_ids) WHERE k.young_person_id = $1 AND l.subject_type = 'KAA_PERIOD'`,
      [student.id],
    );
    expect(kaa.rows).toEqual([{ legal_basis: 'STATUTORY_DUTY' }]);
    // A refused read leaves no read row behind.
    await t.gql(`query($id: ID!) { schoolNotice(id: $id) { id } }`, { id }, mmo.coordinator.token);
    expect(await logRows(id)).toHaveLength(4);
  });

  it("logs the school's flag work as its own and the youth team's reads as consent-based", async () => {
    const student = await createStudent(t, '1287', tbg.school);
    const raised = await t.gql(
      `mutation($input: RaiseRiskFlagInput!) { raiseRiskFlag(input: $input) { id } }`,
      {
        input: {
          youngPersonId: student.id,
          indicators: ['WELLBEING'],
          severity: 'MEDIUM',
          consent: { givenBy: 'YOUNG_PERSON', method: 'DIGITAL', givenOn: today() },
        },
      },
      tbg.counsellor.token,
    );
    const id = raised.data.raiseRiskFlag.id;
    await t.gql(`query($id: ID!) { riskFlag(id: $id) { id } }`, { id }, tbg.counsellor.token);
    await t.gql(`{ riskFlags { edges { node { id } } } }`, {}, tbg.coordinator.token);
    await t.gql(`query($id: ID!) { riskFlag(id: $id) { id } }`, { id }, tbg.coordinator.token);
    const rows = (await logRows(id)).map((r) => [r.action, r.legal_basis, r.actor_user_id]);
    expect(rows).toEqual([
      ['CREATE', 'OWN_ORGANISATION', tbg.counsellor.id],
      ['UPDATE', 'OWN_ORGANISATION', tbg.counsellor.id],
      ['READ', 'OWN_ORGANISATION', tbg.counsellor.id],
      ['SEARCH', 'CONSENT', tbg.coordinator.id],
      ['READ', 'CONSENT', tbg.coordinator.id],
    ]);
  });

  it('lists notices and flags with a number of statements that does not grow with the rows', async () => {
    const count = async (query: string, token: string) => {
      t.sql.reset();
      const res = await t.gql(query, {}, token);
      expect(res.errors).toBeUndefined();
      return t.sql.count;
    };
    const NOTICES = `{ schoolNotices(first: 100) { totalCount edges { node { id student { id givenName } school { id name } } } } }`;
    const FLAGS = `{ riskFlags(first: 100) { totalCount edges { node { id student { id } school { name } meetings { id } } } } }`;
    const addRows = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const s = await createStudent(t, '1287', tbg.school);
        await t.gql(
          `mutation($input: SendSchoolNoticeInput!) { sendSchoolNotice(input: $input) { id } }`,
          {
            input: {
              youngPersonId: s.id,
              kind: 'SIGNIFICANT_ABSENCE',
              lastAttendanceDate: today(),
              reasonCategory: 'OTHER',
              leftWithPlan: false,
            },
          },
          tbg.counsellor.token,
        );
        const f = await t.gql(
          `mutation($input: RaiseRiskFlagInput!) { raiseRiskFlag(input: $input) { id } }`,
          {
            input: {
              youngPersonId: s.id,
              indicators: ['OTHER'],
              severity: 'LOW',
              consent: { givenBy: 'YOUNG_PERSON', method: 'ORAL', givenOn: today() },
            },
          },
          tbg.counsellor.token,
        );
        await t.gql(
          `mutation($input: BookPreventiveMeetingInput!) { bookPreventiveMeeting(input: $input) { id } }`,
          {
            input: {
              riskFlagId: f.data.raiseRiskFlag.id,
              meetingAt: testClock.now().toISOString(),
              participants: ['elev'],
            },
          },
          tbg.counsellor.token,
        );
      }
    };
    await addRows(2);
    const small = {
      notices: await count(NOTICES, tbg.coordinator.token),
      flags: await count(FLAGS, tbg.coordinator.token),
      schoolFlags: await count(FLAGS, tbg.counsellor.token),
    };
    await addRows(10);
    const large = {
      notices: await count(NOTICES, tbg.coordinator.token),
      flags: await count(FLAGS, tbg.coordinator.token),
      schoolFlags: await count(FLAGS, tbg.counsellor.token),
    };
    expect(large).toEqual(small);
    const listed = await t.gql(NOTICES, {}, tbg.coordinator.token);
    expect(listed.data.schoolNotices.edges.length).toBeGreaterThanOrEqual(12);
  });
});
