import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TEST_PASSWORD, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * A browser sends "simple" cross-site requests (text/plain, form posts, GET) without a
 * preflight; Apollo's CSRF prevention refuses them before anything runs.
 */
describe('CSRF prevention', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const { org } = await createWorld(t, '1287');
    user = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR], {
      login: false,
    });
  });
  afterAll(() => t.close());

  const loginBody = () =>
    JSON.stringify({
      query: `mutation { login(input: { email: "${user.email}", password: "${TEST_PASSWORD}" }) { accessToken } }`,
    });
  const loginCount = async () =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM access_log WHERE action LIKE 'LOGIN_%' AND $1::uuid = ANY(subject_ids)`,
        [user.id],
      )
    ).rows[0].n;

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST with content-type %s and no preflight header, without running it',
    async (contentType) => {
      const res = await t
        .http()
        .post('/graphql')
        .set('content-type', contentType)
        .send(loginBody());
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(await loginCount()).toBe(0);
    },
  );

  it('refuses a GET query without a preflight header', async () => {
    const res = await t.http().get('/graphql').query({ query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('accepts the same login as application/json', async () => {
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(loginBody());
    expect(res.body.data.login.accessToken).toEqual(expect.any(String));
  });
});
