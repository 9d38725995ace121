import { randomUUID } from 'node:crypto';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { adminOperations, codeOf, idsOf, newUserInput } from './admin-operations';

/**
 * A municipality admin of Trelleborg (A) must not see or change anything of Malmö (B):
 * every administration operation answers NOT_FOUND, or an empty list, for B's records.
 */
describe('administration across municipalities', () => {
  let t: TestApp;
  let adminA: TestUser;
  let orgAdminA: TestUser;
  let orgB: string;
  let userB: TestUser;
  let orgBName: string;

  beforeAll(async () => {
    t = await createTestApp();
    const a = await createWorld(t, '1287');
    const b = await createWorld(t, '1280');
    adminA = await createUser(t, a.org[OrganisationKind.YOUTH_TEAM], [Role.MUNICIPALITY_ADMIN]);
    orgAdminA = await createUser(t, a.org[OrganisationKind.SCHOOL], [Role.ORG_ADMIN]);
    orgB = b.org[OrganisationKind.SCHOOL];
    userB = await createUser(t, orgB, [Role.COUNSELLOR], { login: false });
    orgBName = (await t.db.query(`SELECT name FROM organisation WHERE id = $1`, [orgB])).rows[0]
      .name;
  });
  afterAll(() => t.close());

  const asAdminA = () => adminOperations(t, adminA.token);

  describe.each([
    ['MUNICIPALITY_ADMIN', () => adminA],
    ['ORG_ADMIN', () => orgAdminA],
  ])('as %s of municipality A', (_role, who) => {
    const ops = () => adminOperations(t, who().token);

    it('organisations lists none of B', async () => {
      const res = await ops().organisations({ first: 100 });
      expect(res.errors).toBeUndefined();
      expect(idsOf(res, 'organisations')).not.toContain(orgB);
      expect(
        res.data.organisations.edges.every(
          (e: { node: { municipalityCode: string } }) => e.node.municipalityCode === '1287',
        ),
      ).toBe(true);
    });

    it('organisation(id) of B is NOT_FOUND', async () => {
      const res = await ops().organisation(orgB);
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('NOT_FOUND');
    });

    it('users lists none of B, even when filtered by B’s organisation', async () => {
      const all = await ops().users({ first: 100 });
      expect(all.errors).toBeUndefined();
      expect(idsOf(all, 'users')).not.toContain(userB.id);
      const filtered = await ops().users({ organisationId: orgB });
      expect(filtered.data.users).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('user(id) of B is NOT_FOUND', async () => {
      const res = await ops().user(userB.id);
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('NOT_FOUND');
    });

    it('createUser in B’s organisation is NOT_FOUND and creates nothing', async () => {
      const input = newUserInput(orgB);
      const res = await ops().createUser(input);
      expect(codeOf(res)).toBe('NOT_FOUND');
      const { rowCount } = await t.db.query(`SELECT 1 FROM app_user WHERE email = $1`, [
        input.email,
      ]);
      expect(rowCount).toBe(0);
    });

    it('updateUser of B is NOT_FOUND and changes nothing', async () => {
      const res = await ops().updateUser(userB.id, { active: false, displayName: 'Hijacked' });
      expect(codeOf(res)).toBe('NOT_FOUND');
      const { rows } = await t.db.query(`SELECT active, display_name FROM app_user WHERE id = $1`, [
        userB.id,
      ]);
      expect(rows[0]).toEqual({ active: true, display_name: 'Test COUNSELLOR' });
    });
  });

  it('updateOrganisation of B is NOT_FOUND and changes nothing', async () => {
    const res = await asAdminA().updateOrganisation(orgB, { name: 'Taken over' });
    expect(codeOf(res)).toBe('NOT_FOUND');
    const { rows } = await t.db.query(`SELECT name FROM organisation WHERE id = $1`, [orgB]);
    expect(rows[0].name).toBe(orgBName);
  });

  it('createOrganisation always lands in the own municipality', async () => {
    const res = await asAdminA().createOrganisation({ name: 'Ny förening', kind: 'ASSOCIATION' });
    expect(res.errors).toBeUndefined();
    expect(res.data.createOrganisation.municipalityCode).toBe('1287');
  });

  it('createOrganisation with a name B already uses succeeds (B’s names do not leak)', async () => {
    const res = await asAdminA().createOrganisation({ name: orgBName, kind: 'SCHOOL' });
    expect(res.errors).toBeUndefined();
    expect(res.data.createOrganisation).toMatchObject({ name: orgBName, municipalityCode: '1287' });
  });

  it('answers B’s records exactly like records that do not exist', async () => {
    const missing = randomUUID();
    const [bUser, noUser] = [await asAdminA().user(userB.id), await asAdminA().user(missing)];
    expect(bUser.errors?.[0].message).toBe(noUser.errors?.[0].message);
    const [bOrg, noOrg] = [
      await asAdminA().organisation(orgB),
      await asAdminA().organisation(missing),
    ];
    expect(bOrg.errors?.[0].message).toBe(noOrg.errors?.[0].message);
  });
});
