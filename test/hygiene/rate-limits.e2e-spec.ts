import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TEST_PASSWORD } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;

/** The app trusts X-Forwarded-For from loopback, so tests can act from several addresses. */
function from(t: TestApp, address: string, query: string, variables = {}, token?: string) {
  const req = t.http().post('/graphql').set('x-forwarded-for', address);
  if (token) req.set('authorization', `Bearer ${token}`);
  return req.send({ query, variables });
}

const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) =>
  res.body.errors?.[0]?.extensions?.code;

describe('login rate limit (LOGIN_RATE_LIMIT_PER_MINUTE=3)', () => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    const { org } = await createWorld(t, '1287');
    email = (await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], { login: false }))
      .email;
  });
  afterAll(() => t.close());

  const attempt = (address: string, password = TEST_PASSWORD) =>
    from(t, address, LOGIN, { input: { email, password } });

  it('answers the 4th login attempt from one address with TOO_MANY_REQUESTS', async () => {
    for (let i = 0; i < 3; i++) expect(codeOf(await attempt('10.0.0.1'))).toBeUndefined();
    const fourth = await attempt('10.0.0.1');
    expect(fourth.body.data).toBeNull();
    expect(codeOf(fourth)).toBe('TOO_MANY_REQUESTS');
  });

  it('counts failed attempts too', async () => {
    for (let i = 0; i < 3; i++) await attempt('10.0.0.2', 'wrong password');
    expect(codeOf(await attempt('10.0.0.2'))).toBe('TOO_MANY_REQUESTS');
  });

  it('limits each client address separately', async () => {
    for (let i = 0; i < 3; i++) await attempt('10.0.0.3');
    expect(codeOf(await attempt('10.0.0.4'))).toBeUndefined();
  });

  it('limits refreshSession the same way', async () => {
    const tokens = (await attempt('10.0.0.5')).body.data.login;
    let refreshToken = tokens.refreshToken;
    const refresh = () =>
      from(
        t,
        '10.0.0.5',
        `mutation($input: RefreshInput!) { refreshSession(input: $input) { refreshToken } }`,
        { input: { refreshToken } },
      );
    for (let i = 0; i < 3; i++) {
      const res = await refresh();
      expect(codeOf(res)).toBeUndefined();
      refreshToken = res.body.data.refreshSession.refreshToken;
    }
    expect(codeOf(await refresh())).toBe('TOO_MANY_REQUESTS');
  });

  it('does not apply the login limit to other operations', async () => {
    const token = (await attempt('10.0.0.6')).body.data.login.accessToken;
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await from(t, '10.0.0.6', `{ me { id } }`, {}, token))).toBeUndefined();
    }
  });
});

describe('login rate limit is read per app instance from its configuration', () => {
  it('a second app in the same process with a limit of 5 allows 5 attempts', async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const { org } = await createWorld(t, '1280');
      const { email } = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], {
        login: false,
      });
      for (let i = 0; i < 5; i++) {
        const res = await from(t, '10.1.0.1', LOGIN, { input: { email, password: TEST_PASSWORD } });
        expect(codeOf(res)).toBeUndefined();
      }
      const sixth = await from(t, '10.1.0.1', LOGIN, { input: { email, password: TEST_PASSWORD } });
      expect(codeOf(sixth)).toBe('TOO_MANY_REQUESTS');
    } finally {
      await t.close();
    }
  });
});

describe('general rate limit (RATE_LIMIT_PER_MINUTE=4)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '4' });
    const { org } = await createWorld(t, '1287');
    const { email } = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR], {
      login: false,
    });
    token = (await from(t, '10.2.0.1', LOGIN, { input: { email, password: TEST_PASSWORD } })).body
      .data.login.accessToken;
  });
  afterAll(() => t.close());

  it('limits one user across client addresses', async () => {
    const addresses = ['10.2.1.1', '10.2.1.2', '10.2.1.3', '10.2.1.4'];
    for (const address of addresses) {
      expect(codeOf(await from(t, address, `{ me { id } }`, {}, token))).toBeUndefined();
    }
    const fifth = await from(t, '10.2.1.5', `{ me { id } }`, {}, token);
    expect(codeOf(fifth)).toBe('TOO_MANY_REQUESTS');
  });

  it('does not limit /health', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await t.http().get('/health').set('x-forwarded-for', '10.2.2.1');
      expect(res.status).toBe(200);
    }
  });
});
