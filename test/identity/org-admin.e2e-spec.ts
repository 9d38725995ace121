import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { adminOperations, codeOf, idsOf, newUserInput } from './admin-operations';

describe('ORG_ADMIN manages only the users of its own organisation', () => {
  let t: TestApp;
  let own: string;
  let other: string;
  let orgAdmin: TestUser;
  let colleague: TestUser;
  let neighbour: TestUser;
  let ops: ReturnType<typeof adminOperations>;

  beforeAll(async () => {
    t = await createTestApp();
    const world = await createWorld(t, '1287');
    own = world.org[OrganisationKind.SCHOOL];
    other = world.org[OrganisationKind.SOCIAL_SERVICES];
    orgAdmin = await createUser(t, own, [Role.ORG_ADMIN]);
    colleague = await createUser(t, own, [Role.COUNSELLOR], { login: false });
    neighbour = await createUser(t, other, [Role.SOCIAL_WORKER], { login: false });
    ops = adminOperations(t, orgAdmin.token);
  });
  afterAll(() => t.close());

  it('lists the users of its own organisation only', async () => {
    const ids = idsOf(await ops.users({ first: 100 }), 'users');
    expect(ids).toEqual(expect.arrayContaining([orgAdmin.id, colleague.id]));
    expect(ids).not.toContain(neighbour.id);
  });

  it('reads a colleague', async () => {
    expect((await ops.user(colleague.id)).data.user.id).toBe(colleague.id);
  });

  it('gets NOT_FOUND for a user of another organisation in the same municipality', async () => {
    expect(codeOf(await ops.user(neighbour.id))).toBe('NOT_FOUND');
  });

  it('creates a user in its own organisation', async () => {
    const res = await ops.createUser(newUserInput(own, ['COUNSELLOR']));
    expect(res.errors).toBeUndefined();
    expect(res.data.createUser.organisationId).toBe(own);
  });

  it('gets NOT_FOUND creating a user in another organisation', async () => {
    expect(codeOf(await ops.createUser(newUserInput(other)))).toBe('NOT_FOUND');
  });

  it('updates a colleague', async () => {
    const res = await ops.updateUser(colleague.id, { displayName: 'Mentor Malin' });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateUser.displayName).toBe('Mentor Malin');
  });

  it('gets NOT_FOUND updating a user of another organisation, who stays unchanged', async () => {
    expect(codeOf(await ops.updateUser(neighbour.id, { active: false }))).toBe('NOT_FOUND');
    const { rows } = await t.db.query(`SELECT active FROM app_user WHERE id = $1`, [neighbour.id]);
    expect(rows[0].active).toBe(true);
  });

  it('cannot create a MUNICIPALITY_ADMIN', async () => {
    const res = await ops.createUser(newUserInput(own, ['MUNICIPALITY_ADMIN']));
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('cannot grant MUNICIPALITY_ADMIN to a colleague', async () => {
    const res = await ops.updateUser(colleague.id, { roles: ['COUNSELLOR', 'MUNICIPALITY_ADMIN'] });
    expect(codeOf(res)).toBe('FORBIDDEN');
    const { rows } = await t.db.query(`SELECT roles FROM app_user WHERE id = $1`, [colleague.id]);
    expect(rows[0].roles).not.toContain('MUNICIPALITY_ADMIN');
  });

  it('cannot grant AUDITOR (municipality-wide access-log reader), not even to itself', async () => {
    expect(codeOf(await ops.createUser(newUserInput(own, ['AUDITOR'])))).toBe('FORBIDDEN');
    const res = await ops.updateUser(orgAdmin.id, { roles: ['ORG_ADMIN', 'AUDITOR'] });
    expect(codeOf(res)).toBe('FORBIDDEN');
    const { rows } = await t.db.query(`SELECT roles FROM app_user WHERE id = $1`, [orgAdmin.id]);
    expect(rows[0].roles).toEqual(['ORG_ADMIN']);
  });

  it('grants the roles of its own organisation’s work', async () => {
    const res = await ops.updateUser(colleague.id, { roles: ['COUNSELLOR', 'ORG_ADMIN'] });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateUser.roles).toEqual(['COUNSELLOR', 'ORG_ADMIN']);
  });

  it('cannot take over a MUNICIPALITY_ADMIN of its organisation by setting their password', async () => {
    const muniAdmin = await createUser(t, own, [Role.MUNICIPALITY_ADMIN], { login: false });
    const res = await ops.updateUser(muniAdmin.id, { password: 'an attacker password' });
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  it('cannot disable or demote a MUNICIPALITY_ADMIN of its organisation', async () => {
    const muniAdmin = await createUser(t, own, [Role.MUNICIPALITY_ADMIN], { login: false });
    expect(codeOf(await ops.updateUser(muniAdmin.id, { active: false }))).toBe('FORBIDDEN');
    expect(codeOf(await ops.updateUser(muniAdmin.id, { roles: ['COUNSELLOR'] }))).toBe('FORBIDDEN');
    const { rows } = await t.db.query(`SELECT active, roles FROM app_user WHERE id = $1`, [
      muniAdmin.id,
    ]);
    expect(rows[0]).toEqual({ active: true, roles: ['MUNICIPALITY_ADMIN'] });
  });

  it('cannot create or change organisations', async () => {
    expect(codeOf(await ops.createOrganisation({ name: 'Egen skola', kind: 'SCHOOL' }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await ops.updateOrganisation(own, { name: 'Renamed' }))).toBe('FORBIDDEN');
  });

  it('sees its own organisation and no other', async () => {
    expect(idsOf(await ops.organisations(), 'organisations')).toEqual([own]);
    expect(codeOf(await ops.organisation(other))).toBe('NOT_FOUND');
  });
});
