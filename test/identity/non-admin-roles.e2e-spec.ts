import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { adminOperations, codeOf, idsOf, newUserInput } from './admin-operations';

const NON_ADMIN_ROLES = [
  Role.YOUTH_COORDINATOR,
  Role.COUNSELLOR,
  Role.SOCIAL_WORKER,
  Role.EMPLOYMENT_OFFICER,
  Role.ASSOCIATION_LEADER,
  Role.MANAGER,
  Role.AUDITOR,
];

describe.each(NON_ADMIN_ROLES)('%s cannot administer', (role) => {
  let t: TestApp;
  let org: string;
  let self: string;
  let colleague: string;
  let ops: ReturnType<typeof adminOperations>;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org[OrganisationKind.YOUTH_TEAM];
    const me = await createUser(t, org, [role]);
    self = me.id;
    colleague = (await createUser(t, org, [Role.COUNSELLOR], { login: false })).id;
    ops = adminOperations(t, me.token);
  });
  afterAll(() => t.close());

  it('users is FORBIDDEN', async () => {
    const res = await ops.users();
    expect(res.data).toBeNull();
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('user(id) of a colleague is FORBIDDEN', async () => {
    expect(codeOf(await ops.user(colleague))).toBe('FORBIDDEN');
  });

  it('createUser is FORBIDDEN', async () => {
    expect(codeOf(await ops.createUser(newUserInput(org)))).toBe('FORBIDDEN');
  });

  it('updateUser, even of oneself, is FORBIDDEN', async () => {
    expect(codeOf(await ops.updateUser(self, { roles: [Role.MUNICIPALITY_ADMIN] }))).toBe(
      'FORBIDDEN',
    );
    const { rows } = await t.db.query(`SELECT roles FROM app_user WHERE id = $1`, [self]);
    expect(rows[0].roles).toEqual([role]);
  });

  it('createOrganisation and updateOrganisation are FORBIDDEN', async () => {
    expect(codeOf(await ops.createOrganisation({ name: 'X', kind: 'OTHER' }))).toBe('FORBIDDEN');
    expect(codeOf(await ops.updateOrganisation(org, { name: 'Y' }))).toBe('FORBIDDEN');
  });

  it('sees only its own organisation', async () => {
    expect(idsOf(await ops.organisations(), 'organisations')).toEqual([org]);
  });
});
