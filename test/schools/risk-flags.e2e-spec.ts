import { testClock } from '../support/clock';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  createSchoolWorld,
  createStudent,
  personalNumberFor,
  SchoolWorld,
} from './school-world';

const RAISE = `mutation($input: RaiseRiskFlagInput!) {
  raiseRiskFlag(input: $input) { id status indicators absencePercentage severity consent { inForce validUntil } }
}`;
const FLAG = `query($id: ID!) { riskFlag(id: $id) { id status note student { id } school { id } meetings { id status } } }`;
const FLAGS = `{ riskFlags(first: 100) { totalCount edges { node { id } } } }`;
const CONSENT = `mutation($id: ID!, $input: FlagConsentInput!) {
  recordRiskFlagConsent(riskFlagId: $id, input: $input) { id consent { consentId inForce givenBy validUntil } }
}`;
const WITHDRAW = `mutation($id: ID!) { withdrawRiskFlagConsent(riskFlagId: $id) { id consent { inForce withdrawnAt } } }`;
const STATUS = `mutation($input: ChangeRiskFlagStatusInput!) { changeRiskFlagStatus(input: $input) { id status } }`;
const BOOK = `mutation($input: BookPreventiveMeetingInput!) { bookPreventiveMeeting(input: $input) { id status } }`;

const today = () => testClock.today();

describe('risk flags', () => {
  let t: TestApp;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  let otherSchoolCounsellor: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
    const otherSchool = await createOrganisation(t, '1287', OrganisationKind.SCHOOL);
    otherSchoolCounsellor = await createUser(t, otherSchool, [Role.COUNSELLOR]);
  });
  afterAll(() => t.close());

  async function raise(
    counsellor: TestUser,
    youngPersonId: string,
    extra: Record<string, unknown> = {},
  ) {
    const res = await t.gql(
      RAISE,
      {
        input: {
          youngPersonId,
          indicators: ['HIGH_ABSENCE', 'FAILING_COURSES'],
          absencePercentage: 32.5,
          severity: 'HIGH',
          note: 'Frånvaro ökar',
          ...extra,
        },
      },
      counsellor.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.raiseRiskFlag;
  }

  it('is visible to the youth team only while a consent is in force', async () => {
    const student = await createStudent(t, '1287', tbg.school, { age: 16 });
    const flag = await raise(tbg.counsellor, student.id);
    expect(flag).toMatchObject({ status: 'OPEN', absencePercentage: 32.5, consent: null });

    const hidden = await t.gql(FLAG, { id: flag.id }, tbg.coordinator.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(FLAGS, {}, tbg.coordinator.token)).data.riskFlags.edges).toEqual([]);

    const consented = await t.gql(
      CONSENT,
      { id: flag.id, input: { givenBy: 'YOUNG_PERSON', method: 'WRITTEN', givenOn: today() } },
      tbg.counsellor.token,
    );
    expect(consented.errors).toBeUndefined();
    expect(consented.data.recordRiskFlagConsent.consent).toMatchObject({
      inForce: true,
      givenBy: ['YOUNG_PERSON'],
    });
    const shared = await t.db.query(
      `SELECT kind FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [flag.id, tbg.coordinator.id],
    );
    expect(shared.rows).toEqual([{ kind: 'FLAG_SHARED' }]);

    const visible = await t.gql(FLAG, { id: flag.id }, tbg.coordinator.token);
    expect(visible.errors).toBeUndefined();
    expect(visible.data.riskFlag).toMatchObject({
      id: flag.id,
      student: { id: student.id },
      school: { id: tbg.school },
    });
    expect(
      (await t.gql(FLAGS, {}, tbg.coordinator.token)).data.riskFlags.edges.map(
        (e: any) => e.node.id,
      ),
    ).toEqual([flag.id]);
    // Another municipality's youth team never sees it; nor may the youth team change it.
    expect(
      (await t.gql(FLAG, { id: flag.id }, mmo.coordinator.token)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await t.gql(
          STATUS,
          { input: { riskFlagId: flag.id, status: 'PLAN_AGREED' } },
          tbg.coordinator.token,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const withdrawn = await t.gql(WITHDRAW, { id: flag.id }, tbg.counsellor.token);
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawRiskFlagConsent.consent.inForce).toBe(false);
    const after = await t.gql(FLAG, { id: flag.id }, tbg.coordinator.token);
    expect(after.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(FLAGS, {}, tbg.coordinator.token)).data.riskFlags.totalCount).toBe(0);
    // Told as for any consent: the consent record's withdrawal, without content.
    const told = await t.db.query(
      `SELECT kind, subject_type FROM notification WHERE subject_id = ANY($1) AND recipient_user_id = $2 ORDER BY created_at`,
      [[flag.id, consented.data.recordRiskFlagConsent.consent.consentId], tbg.coordinator.id],
    );
    expect(told.rows).toEqual([
      { kind: 'FLAG_SHARED', subject_type: 'RISK_FLAG' },
      { kind: 'CONSENT_WITHDRAWN', subject_type: 'CONSENT' },
    ]);
  });

  it('follows the default age policy: a guardian under 15, the young person from 15', async () => {
    const young = await createStudent(t, '1287', tbg.school, { age: 14 });
    const byChild = await t.gql(
      RAISE,
      {
        input: {
          youngPersonId: young.id,
          indicators: ['WELLBEING'],
          severity: 'LOW',
          consent: { givenBy: 'YOUNG_PERSON', method: 'ORAL', givenOn: today() },
        },
      },
      tbg.counsellor.token,
    );
    expect(byChild.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    const byGuardian = await raise(tbg.counsellor, young.id, {
      indicators: ['WELLBEING'],
      absencePercentage: null,
      consent: { givenBy: 'ONE_GUARDIAN', method: 'WRITTEN', givenOn: today() },
    });
    expect(byGuardian.consent.inForce).toBe(true);
    expect(byGuardian.consent.validUntil > today()).toBe(true);
    expect(
      (await t.gql(FLAG, { id: byGuardian.id }, tbg.coordinator.token)).errors,
    ).toBeUndefined();
    // Once the 15th birthday has passed, the guardian's consent alone no longer suffices.
    await t.db.query(
      `UPDATE young_person SET birth_date = birth_date - interval '2 years' WHERE id = $1`,
      [young.id],
    );
    expect(
      (await t.gql(FLAG, { id: byGuardian.id }, tbg.coordinator.token)).errors?.[0].extensions
        ?.code,
    ).toBe('NOT_FOUND');

    const older = await createStudent(t, '1287', tbg.school, { age: 16 });
    const byParent = await t.gql(
      RAISE,
      {
        input: {
          youngPersonId: older.id,
          indicators: ['OTHER'],
          severity: 'LOW',
          consent: { givenBy: 'BOTH_GUARDIANS', method: 'WRITTEN', givenOn: today() },
        },
      },
      tbg.counsellor.token,
    );
    expect(byParent.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
  });

  it("keeps a school's flags from other schools: NOT_FOUND for read and change", async () => {
    const student = await createStudent(t, '1287', tbg.school);
    const flag = await raise(tbg.counsellor, student.id);
    for (const token of [otherSchoolCounsellor.token, mmo.counsellor.token]) {
      expect((await t.gql(FLAG, { id: flag.id }, token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect(
        (await t.gql(STATUS, { input: { riskFlagId: flag.id, status: 'PLAN_AGREED' } }, token))
          .errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await t.gql(
            CONSENT,
            {
              id: flag.id,
              input: { givenBy: 'YOUNG_PERSON', method: 'WRITTEN', givenOn: today() },
            },
            token,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await t.gql(
            BOOK,
            {
              input: {
                riskFlagId: flag.id,
                meetingAt: testClock.now().toISOString(),
                participants: ['elev'],
              },
            },
            token,
          )
        ).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      const list = await t.gql(FLAGS, {}, token);
      expect(list.data.riskFlags.edges.map((e: any) => e.node.id)).not.toContain(flag.id);
    }
    // Nor can another school flag a student who is not enrolled there.
    const foreign = await t.gql(
      RAISE,
      { input: { youngPersonId: student.id, indicators: ['OTHER'], severity: 'LOW' } },
      otherSchoolCounsellor.token,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Managers and social workers see no flags at all.
    expect((await t.gql(FLAGS, {}, tbg.manager.token)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('follows open → meeting booked → plan agreed → resolved and refuses illegal transitions', async () => {
    const student = await createStudent(t, '1287', tbg.school);
    const flag = await raise(tbg.counsellor, student.id);
    const skip = await t.gql(
      STATUS,
      { input: { riskFlagId: flag.id, status: 'RESOLVED' } },
      tbg.counsellor.token,
    );
    expect(skip.errors?.[0].extensions?.code).toBe('CONFLICT');
    const booked = await t.gql(
      BOOK,
      {
        input: {
          riskFlagId: flag.id,
          meetingAt: testClock.now().toISOString(),
          participants: ['elev', 'mentor', 'kurator'],
        },
      },
      tbg.counsellor.token,
    );
    expect(booked.errors).toBeUndefined();
    const held = await t.gql(
      `mutation($input: UpdatePreventiveMeetingInput!) { updatePreventiveMeeting(input: $input) { status } }`,
      { input: { meetingId: booked.data.bookPreventiveMeeting.id, status: 'HELD' } },
      tbg.counsellor.token,
    );
    expect(held.data.updatePreventiveMeeting.status).toBe('HELD');
    expect((await t.gql(FLAG, { id: flag.id }, tbg.counsellor.token)).data.riskFlag).toMatchObject({
      status: 'MEETING_BOOKED',
      meetings: [{ status: 'HELD' }],
    });
    expect(
      (
        await t.gql(
          STATUS,
          { input: { riskFlagId: flag.id, status: 'PLAN_AGREED' } },
          tbg.counsellor.token,
        )
      ).data.changeRiskFlagStatus.status,
    ).toBe('PLAN_AGREED');
    expect(
      (
        await t.gql(
          STATUS,
          { input: { riskFlagId: flag.id, status: 'RESOLVED' } },
          tbg.counsellor.token,
        )
      ).data.changeRiskFlagStatus.status,
    ).toBe('RESOLVED');
    const back = await t.gql(
      STATUS,
      { input: { riskFlagId: flag.id, status: 'PLAN_AGREED' } },
      tbg.counsellor.token,
    );
    expect(back.errors?.[0].extensions?.code).toBe('CONFLICT');
    const late = await t.gql(
      BOOK,
      {
        input: {
          riskFlagId: flag.id,
          meetingAt: testClock.now().toISOString(),
          participants: ['elev'],
        },
      },
      tbg.counsellor.token,
    );
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    const badInput = await t.gql(
      RAISE,
      { input: { youngPersonId: student.id, indicators: ['HIGH_ABSENCE'], severity: 'LOW' } },
      tbg.counsellor.token,
    );
    expect(badInput.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a counsellor register a student, then list and flag them', async () => {
    const pn = personalNumberFor(birthDateForAge(16));
    const ok = await t.gql(
      `mutation($input: NewStudentInput!) { registerStudent(input: $input) { id givenName homeMunicipalityCode } }`,
      {
        input: {
          personalNumber: pn,
          givenName: 'Alva',
          familyName: 'Nilsson',
          homeMunicipalityCode: '1280',
          programmeCode: 'NA',
          startDate: '2025-08-18',
        },
      },
      tbg.counsellor.token,
    );
    expect(ok.errors).toBeUndefined();
    const list = await t.gql(
      `{ schoolStudents(first: 100) { edges { node { id } } } }`,
      {},
      tbg.counsellor.token,
    );
    expect(list.data.schoolStudents.edges.map((e: any) => e.node.id)).toContain(
      ok.data.registerStudent.id,
    );
    const other = await t.gql(
      `{ schoolStudents(first: 100) { edges { node { id } } } }`,
      {},
      otherSchoolCounsellor.token,
    );
    expect(other.data.schoolStudents.edges.map((e: any) => e.node.id)).not.toContain(
      ok.data.registerStudent.id,
    );
    await raise(tbg.counsellor, ok.data.registerStudent.id);
  });
});
