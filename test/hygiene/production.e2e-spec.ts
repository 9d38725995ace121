import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TEST_PASSWORD, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const INTROSPECTION = `{ __schema { queryType { name } } }`;
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-more-than-32-chars',
  LOG_LEVEL: 'silent',
  // These tests send their own documents; test/security shows trusted documents.
  TRUSTED_DOCUMENTS: 'off',
};

describe('in production', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp(PRODUCTION);
    const { org } = await createWorld(t, '1287');
    admin = await createUser(t, org[OrganisationKind.SCHOOL], [Role.ORG_ADMIN]);
  });
  afterAll(() => t.close());

  it('refuses introspection with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await t.gql(INTROSPECTION, {}, admin.token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses __type lookups too', async () => {
    const res = await t.gql(`{ __type(name: "User") { fields { name } } }`, {}, admin.token);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves no landing page to a browser', async () => {
    const res = await t.http().get('/graphql').set('accept', 'text/html');
    expect(res.text).not.toMatch(/<html/i);
  });

  it('sets the refresh cookie Secure', async () => {
    const { email } = await createUser(t, admin.organisationId, [Role.ORG_ADMIN], { login: false });
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({
        query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        variables: { input: { email, password: TEST_PASSWORD } },
      });
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('portal_refresh='),
    );
    expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('still answers ordinary queries', async () => {
    const res = await t.gql(`{ me { id } }`, {}, admin.token);
    expect(res.data.me.id).toBe(admin.id);
  });

  it('answers an unexpected failure with a generic message and no stack trace or SQL', async () => {
    await t.db.query(
      `CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'secret internal detail'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER fail_update BEFORE UPDATE ON app_user FOR EACH ROW EXECUTE FUNCTION test_fail()`,
    );
    try {
      const res = await t.gql(
        `mutation($id: ID!) { updateUser(id: $id, input: { displayName: "X" }) { id } }`,
        { id: admin.id },
        admin.token,
      );
      expect(res.errors?.[0]).toEqual({
        message: 'Internal server error',
        locations: expect.any(Array),
        path: ['updateUser'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/secret internal detail|UPDATE|stacktrace/);
    } finally {
      await t.db.query(`DROP TRIGGER fail_update ON app_user`);
      await t.db.query(`DROP FUNCTION test_fail()`);
    }
  });
});

describe('outside production', () => {
  it('allows introspection (so the test above can fail)', async () => {
    const t = await createTestApp();
    try {
      const res = await t.gql(INTROSPECTION);
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await t.close();
    }
  });
});
