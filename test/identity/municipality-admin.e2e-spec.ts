import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, login, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { adminOperations, codeOf, idsOf, newUserInput } from './admin-operations';

describe('MUNICIPALITY_ADMIN manages organisations and users of its municipality', () => {
  let t: TestApp;
  let admin: TestUser;
  let org: Record<OrganisationKind, string>;
  let ops: ReturnType<typeof adminOperations>;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org;
    admin = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.MUNICIPALITY_ADMIN]);
    ops = adminOperations(t, admin.token);
  });
  afterAll(() => t.close());

  it('lists every organisation of the municipality', async () => {
    const res = await ops.organisations({ first: 100 });
    expect(res.errors).toBeUndefined();
    expect(idsOf(res, 'organisations')).toEqual(expect.arrayContaining(Object.values(org)));
  });

  it('filters organisations by kind', async () => {
    const res = await ops.organisations({ kind: 'SCHOOL' });
    expect(idsOf(res, 'organisations')).toEqual([org[OrganisationKind.SCHOOL]]);
  });

  it('creates an organisation', async () => {
    const res = await ops.createOrganisation({ name: 'Öppen Hall', kind: 'ASSOCIATION' });
    expect(res.errors).toBeUndefined();
    expect(res.data.createOrganisation).toMatchObject({ name: 'Öppen Hall', kind: 'ASSOCIATION' });
  });

  it('refuses a second organisation with the same name with CONFLICT', async () => {
    await ops.createOrganisation({ name: 'Dubblett', kind: 'OTHER' });
    const res = await ops.createOrganisation({ name: 'Dubblett', kind: 'OTHER' });
    expect(codeOf(res)).toBe('CONFLICT');
  });

  it('renames an organisation', async () => {
    const id = org[OrganisationKind.YOUTH_CLINIC];
    const res = await ops.updateOrganisation(id, { name: 'Ungdomsmottagningen Väst' });
    expect(res.errors).toBeUndefined();
    expect((await ops.organisation(id)).data.organisation.name).toBe('Ungdomsmottagningen Väst');
  });

  it('creates a user in any organisation of the municipality, who can then log in', async () => {
    const input = newUserInput(org[OrganisationKind.SOCIAL_SERVICES], ['SOCIAL_WORKER']);
    const res = await ops.createUser(input);
    expect(res.errors).toBeUndefined();
    expect(res.data.createUser).toMatchObject({
      email: input.email,
      roles: ['SOCIAL_WORKER'],
      organisationId: input.organisationId,
      municipalityCode: '1287',
      active: true,
    });
    await expect(login(t, input.email, input.password)).resolves.toEqual(expect.any(String));
  });

  it.each(['MUNICIPALITY_ADMIN', 'AUDITOR'])('grants %s', async (role) => {
    const res = await ops.createUser(newUserInput(org[OrganisationKind.OTHER], [role]));
    expect(res.errors).toBeUndefined();
    expect(res.data.createUser.roles).toEqual([role]);
  });

  it('refuses an e-mail that is already taken with CONFLICT', async () => {
    const input = newUserInput(org[OrganisationKind.SCHOOL]);
    await ops.createUser(input);
    expect(codeOf(await ops.createUser({ ...input, displayName: 'Other' }))).toBe('CONFLICT');
  });

  it('refuses a common password (from the shipped list, also with digits around it) with BAD_USER_INPUT and creates nothing', async () => {
    for (const password of ['Password123456', 'qwertyuiop2026!']) {
      const input = { ...newUserInput(org[OrganisationKind.SCHOOL]), password };
      const res = await ops.createUser(input);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).toContain('too common');
      const { rowCount } = await t.db.query(`SELECT 1 FROM app_user WHERE email = $1`, [
        input.email,
      ]);
      expect(rowCount).toBe(0);
    }
  });

  it('changes roles and disables a user', async () => {
    const u = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], {
      login: false,
    });
    const res = await ops.updateUser(u.id, { roles: ['COUNSELLOR', 'ORG_ADMIN'], active: false });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateUser).toMatchObject({
      roles: ['COUNSELLOR', 'ORG_ADMIN'],
      active: false,
    });
  });

  it('sets a new password that works and ends the user’s open sessions', async () => {
    const u = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], {
      login: false,
    });
    await login(t, u.email);
    const res = await ops.updateUser(u.id, { password: 'a brand new password' });
    expect(res.errors).toBeUndefined();
    await expect(login(t, u.email, 'a brand new password')).resolves.toEqual(expect.any(String));
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM refresh_token
        WHERE user_id = $1 AND revoked_at IS NOT NULL`,
      [u.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('lists users of every organisation of the municipality and filters by organisation', async () => {
    const school = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], {
      login: false,
    });
    const af = await createUser(t, org[OrganisationKind.LABOUR_OFFICE], [Role.EMPLOYMENT_OFFICER], {
      login: false,
    });
    const all = idsOf(await ops.users({ first: 100 }), 'users');
    expect(all).toEqual(expect.arrayContaining([school.id, af.id]));
    const onlyAf = idsOf(
      await ops.users({ organisationId: org[OrganisationKind.LABOUR_OFFICE] }),
      'users',
    );
    expect(onlyAf).toEqual([af.id]);
    // A filter sent as null (as the web client's "all" does) filters nothing.
    const nulls = await ops.users({ first: 100, organisationId: null, active: null });
    expect(nulls.errors).toBeUndefined();
    expect(idsOf(nulls, 'users')).toEqual(all);
  });

  it('pages through users with a cursor, each user exactly once', async () => {
    const total = (await ops.users({ first: 100 })).data.users.totalCount;
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await ops.users({ first: 3, after });
      seen.push(...idsOf(res, 'users'));
      if (!res.data.users.pageInfo.hasNextPage) break;
      after = res.data.users.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
