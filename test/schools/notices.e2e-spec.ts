import { testClock } from '../support/clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  createSchoolWorld,
  createStudent,
  personalNumberFor,
  SchoolWorld,
} from './school-world';

const SEND = `mutation($input: SendSchoolNoticeInput!) {
  sendSchoolNotice(input: $input) { id status kind leftWithPlan homeMunicipalityCode student { id } }
}`;
const INBOX = `query($status: SchoolNoticeStatus) {
  schoolNotices(status: $status, first: 50) {
    totalCount
    edges { node { id kind status leftWithPlan lastAttendanceDate acknowledgedAt
      student { id personalNumber givenName familyName } school { id name } } }
  }
}`;
const ACK = `mutation($id: ID!) { acknowledgeSchoolNotice(id: $id) { id status acknowledgedAt } }`;

describe('school notices to the home municipality', () => {
  let t: TestApp;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
  });
  afterAll(() => t.close());

  const today = () => testClock.today();

  it("routes a Malmö school's drop-out notice for a Trelleborg student to Trelleborg only, and into its KAA register", async () => {
    const student = await createStudent(t, '1287', mmo.school, { age: 17 });
    const sent = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: student.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'WRONG_PROGRAMME',
          leftWithPlan: true,
        },
      },
      mmo.counsellor.token,
    );
    expect(sent.errors).toBeUndefined();
    const noticeId = sent.data.sendSchoolNotice.id;
    expect(sent.data.sendSchoolNotice).toMatchObject({
      status: 'SENT',
      homeMunicipalityCode: '1287',
    });

    // Malmö's youth team sees nothing of it: not in its inbox, not by id, cannot acknowledge.
    const malmoInbox = await t.gql(INBOX, {}, mmo.coordinator.token);
    expect(malmoInbox.errors).toBeUndefined();
    expect(malmoInbox.data.schoolNotices.edges.map((e: any) => e.node.id)).not.toContain(noticeId);
    const malmoById = await t.gql(
      `query($id: ID!) { schoolNotice(id: $id) { id } }`,
      { id: noticeId },
      mmo.coordinator.token,
    );
    expect(malmoById.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malmoAck = await t.gql(ACK, { id: noticeId }, mmo.coordinator.token);
    expect(malmoAck.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malmoNotes = await t.db.query(
      `SELECT 1 FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [noticeId, mmo.coordinator.id],
    );
    expect(malmoNotes.rowCount).toBe(0);

    // Trelleborg's youth team has it in the inbox, and a notification.
    const inbox = await t.gql(INBOX, { status: 'SENT' }, tbg.coordinator.token);
    expect(inbox.errors).toBeUndefined();
    const node = inbox.data.schoolNotices.edges.find((e: any) => e.node.id === noticeId)?.node;
    expect(node).toMatchObject({
      kind: 'DROPPED_OUT',
      student: { id: student.id, personalNumber: student.personalNumber },
      school: { id: mmo.school },
    });
    const notes = await t.db.query(
      `SELECT kind FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [noticeId, tbg.coordinator.id],
    );
    expect(notes.rows).toEqual([{ kind: 'NOTICE_RECEIVED' }]);

    const ack = await t.gql(ACK, { id: noticeId }, tbg.coordinator.token);
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeSchoolNotice.status).toBe('ACKNOWLEDGED');
    const kaa = await t.db.query(
      `SELECT municipality_code, entry_reason, exit_date FROM kaa_period WHERE young_person_id = $1`,
      [student.id],
    );
    expect(kaa.rows).toEqual([
      { municipality_code: '1287', entry_reason: 'INTERRUPTED_STUDIES', exit_date: null },
    ]);
    const schooling = await t.db.query(`SELECT status FROM schooling WHERE young_person_id = $1`, [
      student.id,
    ]);
    expect(schooling.rows).toEqual([{ status: 'INTERRUPTED' }]);
    const told = await t.db.query(
      `SELECT kind FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [noticeId, mmo.counsellor.id],
    );
    expect(told.rows).toEqual([{ kind: 'NOTICE_ACKNOWLEDGED' }]);

    // A second acknowledgement is refused.
    const again = await t.gql(ACK, { id: noticeId }, tbg.coordinator.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // The school sees what it sent and that it was acknowledged, nothing of the register.
    const schoolView = await t.gql(
      `query($id: ID!) { schoolNotice(id: $id) { id status acknowledgedAt } }`,
      { id: noticeId },
      mmo.counsellor.token,
    );
    expect(schoolView.errors).toBeUndefined();
    expect(schoolView.data.schoolNotice.status).toBe('ACKNOWLEDGED');
    const kaaField = await t.gql(
      `query($id: ID!) { schoolNotice(id: $id) { kaaPeriodId } }`,
      { id: noticeId },
      mmo.counsellor.token,
    );
    expect(kaaField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('creates the young person when the school sends a notice for someone the portal does not know', async () => {
    const personalNumber = personalNumberFor(birthDateForAge(18));
    const sent = await t.gql(
      SEND,
      {
        input: {
          newStudent: {
            personalNumber,
            givenName: 'Ny',
            familyName: 'Elev',
            homeMunicipalityCode: '1287',
            programmeCode: 'EE',
            startDate: '2024-08-19',
          },
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'WORK',
          leftWithPlan: false,
        },
      },
      mmo.counsellor.token,
    );
    expect(sent.errors).toBeUndefined();
    const person = await t.db.query(
      `SELECT id, home_municipality_code FROM young_person WHERE personal_number = $1`,
      [personalNumber],
    );
    expect(person.rows).toEqual([
      { id: sent.data.sendSchoolNotice.student.id, home_municipality_code: '1287' },
    ]);
    const ack = await t.gql(ACK, { id: sent.data.sendSchoolNotice.id }, tbg.coordinator.token);
    expect(ack.errors).toBeUndefined();
    const kaa = await t.db.query(
      `SELECT 1 FROM kaa_period WHERE young_person_id = $1 AND exit_date IS NULL`,
      [person.rows[0].id],
    );
    expect(kaa.rowCount).toBe(1);
  });

  it('sends a notice when every consent is withdrawn and the guardians declined contact', async () => {
    const student = await createStudent(t, '1287', tbg.school, { age: 16 });
    await t.db.query(
      `INSERT INTO guardian (young_person_id, name, declined_contact, declined_contact_at) VALUES ($1, 'Vh Ett', true, app_now()), ($1, 'Vh Två', true, app_now())`,
      [student.id],
    );
    const flag = await t.gql(
      `mutation($input: RaiseRiskFlagInput!) { raiseRiskFlag(input: $input) { id } }`,
      {
        input: {
          youngPersonId: student.id,
          indicators: ['WANTS_TO_QUIT'],
          severity: 'HIGH',
          consent: { givenBy: 'YOUNG_PERSON', method: 'ORAL', givenOn: today() },
        },
      },
      tbg.counsellor.token,
    );
    expect(flag.errors).toBeUndefined();
    const withdrawn = await t.gql(
      `mutation($id: ID!) { withdrawRiskFlagConsent(riskFlagId: $id) { consent { inForce } } }`,
      { id: flag.data.raiseRiskFlag.id },
      tbg.counsellor.token,
    );
    expect(withdrawn.data.withdrawRiskFlagConsent.consent.inForce).toBe(false);
    // And in the generalised consent register: a consent naming the youth team, withdrawn.
    await t.db.query(
      `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
         documented_by_organisation_id, purpose, categories, valid_from, valid_until,
         withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id)
       VALUES ($1, '1287', ARRAY['YOUNG_PERSON'], 'WRITTEN', $2, $3, 'Samverkan', ARRAY['SCHOOL'],
         app_now() - interval '30 days', app_now() + interval '300 days', app_now(), 'YOUNG_PERSON', $2)`,
      [student.id, tbg.counsellor.id, tbg.school],
    );
    const sent = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: student.id,
          kind: 'SIGNIFICANT_ABSENCE',
          lastAttendanceDate: today(),
          reasonCategory: 'UNKNOWN',
          leftWithPlan: false,
          riskFlagId: flag.data.raiseRiskFlag.id,
        },
      },
      tbg.counsellor.token,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data.sendSchoolNotice.status).toBe('SENT');
    const flagNow = await t.db.query(
      `SELECT status, escalated_notice_id FROM risk_flag WHERE id = $1`,
      [flag.data.raiseRiskFlag.id],
    );
    expect(flagNow.rows[0]).toEqual({
      status: 'ESCALATED',
      escalated_notice_id: sent.data.sendSchoolNotice.id,
    });
    const inbox = await t.gql(INBOX, {}, tbg.coordinator.token);
    expect(inbox.data.schoolNotices.edges.map((e: any) => e.node.id)).toContain(
      sent.data.sendSchoolNotice.id,
    );
    // A significant-absence notice does not put the student into the register.
    const ack = await t.gql(ACK, { id: sent.data.sendSchoolNotice.id }, tbg.coordinator.token);
    expect(ack.errors).toBeUndefined();
    const kaa = await t.db.query(`SELECT 1 FROM kaa_period WHERE young_person_id = $1`, [
      student.id,
    ]);
    expect(kaa.rowCount).toBe(0);
  });

  it('refuses notices for students of 20 or over and for students of another school', async () => {
    const adult = await createStudent(t, '1287', tbg.school, { age: 20 });
    const tooOld = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: adult.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'OTHER',
          leftWithPlan: false,
        },
      },
      tbg.counsellor.token,
    );
    expect(tooOld.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await createStudent(t, '1287', mmo.school, { age: 17 });
    const notMine = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: other.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'OTHER',
          leftWithPlan: false,
        },
      },
      tbg.counsellor.token,
    );
    expect(notMine.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets neither a coordinator send nor a counsellor acknowledge', async () => {
    const student = await createStudent(t, '1287', tbg.school, { age: 17 });
    const bySocial = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: student.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'OTHER',
          leftWithPlan: false,
        },
      },
      tbg.coordinator.token,
    );
    expect(bySocial.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const sent = await t.gql(
      SEND,
      {
        input: {
          youngPersonId: student.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: today(),
          reasonCategory: 'OTHER',
          leftWithPlan: false,
        },
      },
      tbg.counsellor.token,
    );
    const ack = await t.gql(ACK, { id: sent.data.sendSchoolNotice.id }, tbg.counsellor.token);
    expect(ack.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const managerInbox = await t.gql(INBOX, {}, tbg.manager.token);
    expect(managerInbox.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
