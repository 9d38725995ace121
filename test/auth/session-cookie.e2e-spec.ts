import { OrganisationKind, Role } from '../../src/identity/role.enum';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TEST_PASSWORD,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const REFRESH_BY_COOKIE = `mutation { refreshSession { accessToken } }`;
const REFRESH_BY_BODY = `mutation($input: RefreshInput!) { refreshSession(input: $input) { accessToken } }`;
const LOGOUT_BY_COOKIE = `mutation { logout }`;

/** The refresh cookie a response sets, with its attributes (undefined when none is set). */
function refreshCookieOf(headers: Record<string, unknown>): string | undefined {
  const set = (headers['set-cookie'] as string[] | undefined) ?? [];
  return set.find((c) => c.startsWith('portal_refresh='));
}
const valueOf = (cookie: string) => cookie.split(';')[0];

describe('the refresh cookie (browsers)', () => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createMunicipality(t, '1287');
    const org = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    ({ email } = await createUser(t, org, [Role.YOUTH_COORDINATOR], { login: false }));
  });
  afterAll(() => t.close());

  const post = (query: string, variables: Record<string, unknown> = {}, cookie?: string) => {
    const req = t.http().post('/graphql').set('content-type', 'application/json');
    if (cookie) req.set('cookie', cookie);
    return req.send({ query, variables });
  };
  const login = async () => {
    const res = await post(LOGIN, { input: { email, password: TEST_PASSWORD } });
    expect(res.body.errors).toBeUndefined();
    return refreshCookieOf(res.headers)!;
  };

  it('login sets an httpOnly, SameSite=Strict cookie scoped to /graphql, not Secure over plain http in test', async () => {
    const cookie = await login();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/graphql(;|$)/);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('refreshSession without input renews from the cookie and rotates it; the old cookie then ends the family', async () => {
    const first = valueOf(await login());
    const res = await post(REFRESH_BY_COOKIE, {}, first);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.refreshSession.accessToken).toEqual(expect.any(String));
    const second = valueOf(refreshCookieOf(res.headers)!);
    expect(second).not.toBe(first);
    const me = await t.gql(`{ me { email } }`, {}, res.body.data.refreshSession.accessToken);
    expect(me.data.me.email).toBe(email);

    const reused = await post(REFRESH_BY_COOKIE, {}, first);
    expect(reused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refreshCookieOf(reused.headers)).toMatch(/^portal_refresh=;.*Expires=Thu, 01 Jan 1970/);
    // Reuse revoked the family: the rotated cookie is dead too.
    const after = await post(REFRESH_BY_COOKIE, {}, second);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refreshSession without input or cookie is UNAUTHENTICATED, not a 500', async () => {
    const res = await post(REFRESH_BY_COOKIE);
    expect(res.status).toBe(200);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeNull();
  });

  it('a garbled cookie is UNAUTHENTICATED', async () => {
    const res = await post(REFRESH_BY_COOKIE, {}, 'portal_refresh=%E0%A4%A; other=1');
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logout without input ends the cookie session and clears the cookie', async () => {
    const cookie = valueOf(await login());
    const res = await post(LOGOUT_BY_COOKIE, {}, cookie);
    expect(res.body.data.logout).toBe(true);
    expect(refreshCookieOf(res.headers)).toMatch(/^portal_refresh=;.*Path=\/graphql/);
    const refresh = await post(REFRESH_BY_COOKIE, {}, cookie);
    expect(refresh.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logout without input or cookie answers false', async () => {
    const res = await post(LOGOUT_BY_COOKIE);
    expect(res.body.data.logout).toBe(false);
  });

  it('the token in the body still works beside the cookie, and the body wins', async () => {
    const a = valueOf(await login());
    const body = await post(LOGIN.replace('accessToken', 'accessToken refreshToken'), {
      input: { email, password: TEST_PASSWORD },
    });
    const res = await post(
      REFRESH_BY_BODY,
      { input: { refreshToken: body.body.data.login.refreshToken } },
      a,
    );
    expect(res.body.errors).toBeUndefined();
    // The cookie's own session is untouched: it still renews.
    const cookieRefresh = await post(REFRESH_BY_COOKIE, {}, a);
    expect(cookieRefresh.body.errors).toBeUndefined();
  });

  it('a browser form post (no JSON content type) cannot use the cookie: CSRF prevention', async () => {
    const cookie = valueOf(await login());
    const res = await t
      .http()
      .post('/graphql')
      .set('content-type', 'text/plain')
      .set('cookie', cookie)
      .send(JSON.stringify({ query: REFRESH_BY_COOKIE }));
    expect(res.status).toBe(400);
    expect(refreshCookieOf(res.headers)).toBeUndefined();
  });
});
