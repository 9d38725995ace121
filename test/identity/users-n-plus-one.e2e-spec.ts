import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const USERS_WITH_ORGANISATION = `{
  users(first: 100) { totalCount edges { node { id organisation { id name kind } } } }
}`;

/** The number of SQL statements of a list must not grow with the page size. */
describe('users with their organisation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A municipality whose admin sees `count` users spread over every organisation kind. */
  async function municipalityWithUsers(code: string, count: number): Promise<TestUser> {
    const { org } = await createWorld(t, code);
    const orgIds = Object.values(org);
    const admin = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.MUNICIPALITY_ADMIN]);
    for (let i = 1; i < count; i++) {
      await createUser(t, orgIds[i % orgIds.length], [Role.COUNSELLOR], { login: false });
    }
    return admin;
  }

  async function statementsFor(admin: TestUser, expectedUsers: number): Promise<number> {
    t.sql.reset();
    const res = await t.gql(USERS_WITH_ORGANISATION, {}, admin.token);
    const count = t.sql.count;
    expect(res.errors).toBeUndefined();
    expect(res.data.users.edges).toHaveLength(expectedUsers);
    expect(
      res.data.users.edges.every((e: { node: { organisation: unknown } }) => e.node.organisation),
    ).toBe(true);
    return count;
  }

  it('issues the same number of SQL statements for 10 and for 60 users', async () => {
    const small = await statementsFor(await municipalityWithUsers('1287', 10), 10);
    const large = await statementsFor(await municipalityWithUsers('1280', 60), 60);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
