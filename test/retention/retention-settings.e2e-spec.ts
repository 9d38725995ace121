import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const GET = `{ retentionSettings { municipalityCode kaaMonths closedCaseMonths noticeFlagMonths withdrawnConsentMonths customised } }`;
const SET = `mutation($input: RetentionSettingsInput!) {
  updateRetentionSettings(input: $input) { municipalityCode kaaMonths closedCaseMonths noticeFlagMonths withdrawnConsentMonths customised } }`;
const INPUT = {
  kaaMonths: 6,
  closedCaseMonths: 12,
  noticeFlagMonths: 3,
  withdrawnConsentMonths: 1,
};

describe('retention settings', () => {
  let t: TestApp;
  let next = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a municipality admin reads defaults and sets its own municipality only', async () => {
    const a = await createWorld(t, '2801');
    const b = await createWorld(t, '2802');
    const adminA = await createUser(t, a.org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    const adminB = await createUser(t, b.org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);

    const before = await t.gql(GET, {}, adminA.token);
    expect(before.errors).toBeUndefined();
    expect(before.data.retentionSettings).toEqual({
      municipalityCode: '2801',
      kaaMonths: 24,
      closedCaseMonths: 24,
      noticeFlagMonths: 12,
      withdrawnConsentMonths: 3,
      customised: false,
    });

    const set = await t.gql(SET, { input: INPUT }, adminA.token);
    expect(set.errors).toBeUndefined();
    expect(set.data.updateRetentionSettings).toEqual({
      municipalityCode: '2801',
      ...INPUT,
      customised: true,
    });
    expect((await t.gql(GET, {}, adminA.token)).data.retentionSettings.kaaMonths).toBe(6);
    // The other municipality is untouched.
    expect((await t.gql(GET, {}, adminB.token)).data.retentionSettings).toMatchObject({
      municipalityCode: '2802',
      kaaMonths: 24,
      customised: false,
    });
    const { rows } = await t.db.query(
      `SELECT action, subject_type, legal_basis, subject_municipality_code FROM access_log
       WHERE subject_type = 'RETENTION_SETTING'`,
    );
    expect(rows).toEqual([
      {
        action: 'UPDATE',
        subject_type: 'RETENTION_SETTING',
        legal_basis: 'ADMINISTRATION',
        subject_municipality_code: '2801',
      },
    ]);
  });

  it('refuses invalid periods', async () => {
    const a = await createWorld(t, '2803');
    const admin = await createUser(t, a.org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    const res = await t.gql(SET, { input: { ...INPUT, kaaMonths: -1 } }, admin.token);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    [OrganisationKind.YOUTH_TEAM, Role.YOUTH_COORDINATOR],
    [OrganisationKind.YOUTH_TEAM, Role.MANAGER],
    [OrganisationKind.OTHER, Role.AUDITOR],
    [OrganisationKind.SCHOOL, Role.ORG_ADMIN],
  ])('%s %s may neither read nor set them (FORBIDDEN)', async (kind, role) => {
    const w = await createWorld(t, String(2810 + next++));
    const user = await createUser(t, w.org[kind], [role]);
    const read = await t.gql(GET, {}, user.token);
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const write = await t.gql(SET, { input: INPUT }, user.token);
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { rows } = await t.db.query(
      `SELECT 1 FROM retention_setting WHERE municipality_code = $1`,
      [w.code],
    );
    expect(rows).toHaveLength(0);
  });
});
