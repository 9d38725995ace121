import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs in and answers me', async () => {
    await createMunicipality(t, '1287');
    const org = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    const u = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
    const res = await t.gql(`{ me { id email roles organisation { kind } } }`, {}, u.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toMatchObject({
      id: u.id,
      roles: ['YOUTH_COORDINATOR'],
      organisation: { kind: 'YOUTH_TEAM' },
    });
  });
});
