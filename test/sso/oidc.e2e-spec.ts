import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { jose } from '../../src/sso/openid-client';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  holdPortalAddress,
  LogoutRelay,
  PortalAddress,
  startLogoutRelay,
  startTestProvider,
  TestBrowser,
  TestProvider,
} from './oidc-provider';

const CLIENT_ID = 'portal-trelleborg';
/** A second client whose logout tokens name the user only (no sid), through a relay. */
const SUB_CLIENT_ID = 'portal-trelleborg-by-sub';
/** A third, Entra-like: users known by oid, its logout tokens naming only sub, through a relay. */
const OID_CLIENT_ID = 'portal-trelleborg-oid-by-sub';
const CLIENT_SECRET = 'a-client-secret-from-the-environment';
const LOA2 = 'http://id.elegnamnden.se/loa/1.0/loa2';
const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
const YOUTH_TEAM = randomUUID();
const SOCIAL = randomUUID();

/**
 * Single sign-on against a real OpenID provider (oidc-provider): the full code flow with
 * PKCE through the portal's callback, roles from the group claim, the assurance level,
 * every kind of forged or replayed answer refused, and the provider's back-channel logout.
 */
describe('OpenID Connect login', () => {
  let t: TestApp;
  let op: TestProvider;
  let portal: PortalAddress;
  /** The portal's address, on a port the OS picked for this run. */
  let PORTAL: string;
  let relay: LogoutRelay;
  let oidRelay: LogoutRelay;
  let admin: TestUser;

  beforeAll(async () => {
    portal = await holdPortalAddress();
    PORTAL = portal.url;
    relay = await startLogoutRelay(`${PORTAL}/auth/oidc/tbg-sub/backchannel-logout`);
    oidRelay = await startLogoutRelay(`${PORTAL}/auth/oidc/tbg-oid/backchannel-logout`);
    op = await startTestProvider({
      codeTtlSeconds: 3,
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PORTAL}/auth/oidc/tbg/callback`],
          token_endpoint_auth_method: 'client_secret_post',
          backchannel_logout_uri: `${PORTAL}/auth/oidc/tbg/backchannel-logout`,
          backchannel_logout_session_required: true,
        },
        {
          client_id: SUB_CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PORTAL}/auth/oidc/tbg-sub/callback`],
          token_endpoint_auth_method: 'client_secret_post',
          backchannel_logout_uri: relay.url,
          backchannel_logout_session_required: false,
        },
        {
          client_id: OID_CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PORTAL}/auth/oidc/tbg-oid/callback`],
          token_endpoint_auth_method: 'client_secret_post',
          backchannel_logout_uri: oidRelay.url,
          backchannel_logout_session_required: false,
        },
      ],
      accounts: {
        'sub-amira': { name: 'Amira', oid: 'oid-amira', groups: ['g-youth'] },
        'sub-johan': { name: 'Johan', oid: 'oid-johan', groups: ['g-social-emergency'] },
        'sub-stranger': { name: 'Stranger', oid: 'oid-stranger', groups: ['g-youth'] },
        'sub-nogroup': { name: 'No group', oid: 'oid-nogroup', groups: ['g-unknown'] },
        'sub-eva': { name: 'Eva', oid: 'oid-eva', groups: ['g-youth'] },
        'sub-nils': { name: 'Nils', oid: 'oid-nils', groups: ['g-youth'] },
        'sub-sara': { name: 'Sara', oid: 'oid-sara', groups: ['g-social-emergency'] },
        'sub-olle': { name: 'Olle', oid: 'oid-olle', groups: ['g-youth'] },
      },
    });
    t = await createTestApp({
      PUBLIC_URL: PORTAL,
      ASSURANCE_LEVELS: JSON.stringify({ EMERGENCY_ACCESS: 3, PROTECTED_IDENTITY: 3 }),
      TBG_OIDC_SECRET: CLIENT_SECRET,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'tbg',
          municipalityCode: '1287',
          issuer: op.issuer,
          clientId: CLIENT_ID,
          clientSecretEnv: 'TBG_OIDC_SECRET',
          subjectClaim: 'oid',
          groupClaim: 'groups',
          groups: {
            'g-youth': { organisationId: YOUTH_TEAM, roles: ['YOUTH_COORDINATOR'] },
            'g-social-emergency': {
              organisationId: SOCIAL,
              roles: ['SOCIAL_WORKER'],
              permissions: ['EMERGENCY_ACCESS'],
            },
          },
          acrLevels: { [LOA2]: 2, [LOA3]: 3 },
        },
        {
          id: 'tbg-sub',
          municipalityCode: '1287',
          issuer: op.issuer,
          clientId: SUB_CLIENT_ID,
          clientSecretEnv: 'TBG_OIDC_SECRET',
          groupClaim: 'groups',
          groups: { 'g-youth': { organisationId: YOUTH_TEAM, roles: ['YOUTH_COORDINATOR'] } },
        },
        {
          id: 'tbg-oid',
          municipalityCode: '1287',
          issuer: op.issuer,
          clientId: OID_CLIENT_ID,
          clientSecretEnv: 'TBG_OIDC_SECRET',
          subjectClaim: 'oid',
          groupClaim: 'groups',
          groups: { 'g-youth': { organisationId: YOUTH_TEAM, roles: ['YOUTH_COORDINATOR'] } },
        },
      ]),
    });
    await portal.listen(t.app.getHttpServer());
    await createMunicipality(t, '1287');
    await t.db.query(
      `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, '1287', 'Ungdomsteamet', 'YOUTH_TEAM'), ($2, '1287', 'Socialtjänsten', 'SOCIAL_SERVICES')`,
      [YOUTH_TEAM, SOCIAL],
    );
    admin = await createUser(t, await createOrganisation(t, '1287', OrganisationKind.OTHER), [
      Role.MUNICIPALITY_ADMIN,
    ]);
  });

  afterAll(async () => {
    await t?.close();
    await op?.stop();
    await relay?.stop();
    await oidRelay?.stop();
  });

  afterEach(() => (op.tamperIdToken = undefined));

  /** An account that exists in the portal and is invited to link with the provider. */
  async function invited(
    roles: Role[] = [Role.COUNSELLOR],
    provider = 'tbg',
  ): Promise<{ user: TestUser; url: string }> {
    const user = await createUser(t, YOUTH_TEAM, roles, { login: false });
    const res = await t.gql<{ inviteToSingleSignOn: { url: string } }>(
      `mutation($u: ID!, $p: String!) { inviteToSingleSignOn(userId: $u, provider: $p) { url expiresAt } }`,
      { u: user.id, p: provider },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    return { user, url: res.data.inviteToSingleSignOn.url };
  }

  /** Opens the callback as the browser would; the portal's answer, cookie and access token. */
  async function openCallback(callbackUrl: string) {
    const res = await fetch(callbackUrl, { redirect: 'manual' });
    const location = res.headers.get('location') ?? '';
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portal_refresh='));
    let accessToken: string | undefined;
    let me: { id: string; roles: string[]; organisationId: string } | undefined;
    if (cookie) {
      const refreshed = await fetch(`${PORTAL}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] },
        body: JSON.stringify({
          query: 'mutation { refreshSession { accessToken user { id roles organisationId } } }',
        }),
      }).then((r) => r.json() as Promise<any>);
      accessToken = refreshed.data?.refreshSession.accessToken;
      me = refreshed.data?.refreshSession.user;
    }
    return { status: res.status, location, cookie, accessToken, me };
  }

  /** An open graphql-ws subscription; resolves the close code when the server closes it. */
  function subscription(token: string) {
    let closed: (code: number) => void = () => undefined;
    const code = new Promise<number>((res) => (closed = res));
    let opened: () => void = () => undefined;
    const ready = new Promise<void>((res) => (opened = res));
    const client = createClient({
      url: `${PORTAL.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: { connected: () => opened(), closed: (e) => closed((e as { code: number }).code) },
      onNonLazyError: () => undefined,
    });
    client.subscribe(
      { query: 'subscription { notificationAdded { id } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    return { ready, code, client };
  }

  const loginError = (location: string) => new URL(location).searchParams.get('loginError');

  it('links an invited account on its first login (code flow with PKCE), maps its groups to roles, and knows it by subject next time', async () => {
    const { user, url } = await invited([Role.COUNSELLOR]);
    const browser = new TestBrowser(PORTAL);
    const authorize = await fetch(url, { redirect: 'manual' });
    const to = new URL(authorize.headers.get('location')!);
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const first = await openCallback(
      await browser.loginAtProvider('tbg', { accountId: 'sub-amira' }, url),
    );
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${PORTAL}/`);
    expect(first.cookie).toMatch(/HttpOnly/i);
    expect(first.me).toMatchObject({
      id: user.id,
      roles: ['YOUTH_COORDINATOR'],
      organisationId: YOUTH_TEAM,
    });
    const me = await t.gql(`{ me { id roles } }`, {}, first.accessToken);
    expect(me.data.me).toEqual({ id: user.id, roles: ['YOUTH_COORDINATOR'] });

    // Again, without the invitation (used once): the subject finds the account.
    const again = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg', { accountId: 'sub-amira' }),
    );
    expect(again.me?.id).toBe(user.id);
    const logged = await t.db.query(
      `SELECT action FROM access_log WHERE action = 'LOGIN_SUCCEEDED' AND $1 = ANY(subject_ids)`,
      [user.id],
    );
    expect(logged.rowCount).toBe(2);
  });

  it('never links by e-mail: a subject without an invitation gets no session, even for an existing account', async () => {
    const res = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg', { accountId: 'sub-stranger' }),
    );
    expect(res.cookie).toBeUndefined();
    expect(loginError(res.location)).toBe('SSO_NOT_LINKED');
  });

  it('refuses a login whose groups map to no portal role', async () => {
    const { url } = await invited();
    const res = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg', { accountId: 'sub-nogroup' }, url),
    );
    expect(res.cookie).toBeUndefined();
    expect(loginError(res.location)).toBe('SSO_NO_PORTAL_ROLE');
  });

  it('enforces the assurance level: EMERGENCY_ACCESS needs LoA 3, LoA 2 is refused', async () => {
    const { user, url } = await invited([Role.SOCIAL_WORKER]);
    const low = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider(
        'tbg',
        { accountId: 'sub-johan', acr: LOA2, amr: ['pwd'] },
        url,
      ),
    );
    expect(low.cookie).toBeUndefined();
    expect(loginError(low.location)).toBe('SSO_ASSURANCE_TOO_LOW');
    // The refused login changed nothing (the link and the roles rolled back with it).
    const linked = await t.db.query(`SELECT 1 FROM sso_identity WHERE user_id = $1`, [user.id]);
    expect(linked.rowCount).toBe(0);

    const { url: url2 } = await invited([Role.SOCIAL_WORKER]);
    const strong = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider(
        'tbg',
        { accountId: 'sub-johan', acr: LOA3 },
        url2,
      ),
    );
    expect(strong.location).toBe(`${PORTAL}/`);
    expect(strong.me).toMatchObject({ roles: ['SOCIAL_WORKER'], organisationId: SOCIAL });
  });

  it('takes two factors by amr for level 3: pwd+otp and mfa sign in to EMERGENCY_ACCESS, pwd or otp alone is refused', async () => {
    const login = (amr: string[], url?: string) =>
      new TestBrowser(PORTAL)
        .loginAtProvider('tbg', { accountId: 'sub-sara', amr }, url)
        .then(openCallback);
    // What the provider's id_tokens said, so each answer below is known to be about amr.
    const sent: unknown[] = [];
    op.tamperIdToken = (idToken) => (sent.push(jose.decodeJwt(idToken).amr), idToken);
    const { user, url } = await invited([Role.SOCIAL_WORKER]);
    // No acr at all: the level comes from amr alone.
    const one = await login(['pwd'], url);
    expect(one.cookie).toBeUndefined();
    expect(loginError(one.location)).toBe('SSO_ASSURANCE_TOO_LOW');
    const linked = await t.db.query(`SELECT 1 FROM sso_identity WHERE user_id = $1`, [user.id]);
    expect(linked.rowCount).toBe(0);

    const { user: sara, url: url2 } = await invited([Role.SOCIAL_WORKER]);
    const two = await login(['pwd', 'otp'], url2);
    expect(two.location).toBe(`${PORTAL}/`);
    expect(two.me).toMatchObject({ id: sara.id, roles: ['SOCIAL_WORKER'], organisationId: SOCIAL });
    const { rows } = await t.db.query(`SELECT permissions FROM app_user WHERE id = $1`, [sara.id]);
    expect(rows[0].permissions).toEqual(['EMERGENCY_ACCESS']);
    // Entra ID's way of saying it: mfa.
    expect((await login(['pwd', 'mfa'])).me?.id).toBe(sara.id);
    // The same linked user with one factor: refused, no session.
    const again = await login(['pwd']);
    expect(again.cookie).toBeUndefined();
    expect(loginError(again.location)).toBe('SSO_ASSURANCE_TOO_LOW');
    // One factor named twice over is still one: a one-time code, or a hardware key, alone.
    for (const amr of [['otp'], ['hwk'], ['otp', 'sms']]) {
      const single = await login(amr);
      expect(single.cookie).toBeUndefined();
      expect(loginError(single.location)).toBe('SSO_ASSURANCE_TOO_LOW');
    }
    expect(sent).toEqual([
      ['pwd'],
      ['pwd', 'otp'],
      ['pwd', 'mfa'],
      ['pwd'],
      ['otp'],
      ['hwk'],
      ['otp', 'sms'],
    ]);
  });

  describe('refuses', () => {
    let amiraBrowser: TestBrowser;
    beforeAll(() => (amiraBrowser = new TestBrowser(PORTAL)));
    const callback = () => amiraBrowser.loginAtProvider('tbg', { accountId: 'sub-amira' });

    it('a replayed code', async () => {
      const url = await callback();
      expect((await openCallback(url)).accessToken).toEqual(expect.any(String));
      const replay = await openCallback(url);
      expect(replay.cookie).toBeUndefined();
      expect(loginError(replay.location)).toBe('SSO_INVALID_RESPONSE');
    });

    it('an expired code', async () => {
      const url = await callback();
      await new Promise((r) => setTimeout(r, 3500));
      const res = await openCallback(url);
      expect(res.cookie).toBeUndefined();
      expect(loginError(res.location)).toBe('SSO_INVALID_RESPONSE');
    });

    it('an answer naming another issuer (mix-up)', async () => {
      const url = new URL(await callback());
      expect(url.searchParams.get('iss')).toBe(op.issuer);
      url.searchParams.set('iss', 'https://login.evil.example');
      const res = await openCallback(url.toString());
      expect(res.cookie).toBeUndefined();
      expect(loginError(res.location)).toBe('SSO_INVALID_RESPONSE');
    });

    const key = () => jose.importJWK(op.signingJwk, 'RS256');
    /** The genuine id_token with one claim changed, signed again with the provider's own key. */
    const forged = (change: Record<string, unknown>) => async (idToken: string) =>
      new jose.SignJWT({ ...jose.decodeJwt(idToken), ...change })
        .setProtectedHeader({ alg: 'RS256', kid: op.signingJwk.kid })
        .sign(await key());

    it.each([
      ['a wrong issuer', { iss: 'https://login.evil.example' }],
      ['a wrong audience', { aud: 'another-client' }],
      [
        'an expired id_token',
        { exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 1200 },
      ],
    ])('an id_token with %s (validly signed by the provider key)', async (_name, change) => {
      op.tamperIdToken = forged(change);
      const res = await openCallback(await callback());
      expect(res.cookie).toBeUndefined();
      expect(loginError(res.location)).toBe('SSO_INVALID_RESPONSE');
    });

    it('a tampered id_token (a claim changed after signing)', async () => {
      op.tamperIdToken = (idToken) => {
        const [h, p, s] = idToken.split('.');
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        payload.oid = 'oid-johan';
        return [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
      };
      const res = await openCallback(await callback());
      expect(res.cookie).toBeUndefined();
      expect(loginError(res.location)).toBe('SSO_INVALID_RESPONSE');
      // The same flow untouched goes through: the refusals above are about the change.
      op.tamperIdToken = undefined;
      expect((await openCallback(await callback())).accessToken).toEqual(expect.any(String));
    });
  });

  it("ends the portal session on the provider's back-channel logout: the access token and the refresh cookie stop working", async () => {
    const browser = new TestBrowser(PORTAL);
    const session = await openCallback(
      await browser.loginAtProvider('tbg', { accountId: 'sub-amira' }),
    );
    expect((await t.gql(`{ me { id } }`, {}, session.accessToken)).errors).toBeUndefined();
    const open = subscription(session.accessToken!);
    await open.ready;
    await browser.logoutAtProvider(op.issuer);
    // The open subscription is closed by the server, not left to its next event.
    expect(await open.code).toBe(4401);
    await open.client.dispose();
    const after = await t.gql(`{ me { id } }`, {}, session.accessToken);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refresh = await fetch(`${PORTAL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie!.split(';')[0] },
      body: JSON.stringify({ query: 'mutation { refreshSession { accessToken } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(refresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'LOGOUT' AND $1 = ANY(subject_ids)`,
      [session.me!.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it("refuses a replayed logout token (its jti) with 400, and the replay ends none of the user's later sessions", async () => {
    const { user, url } = await invited([Role.COUNSELLOR], 'tbg-sub');
    const browser = new TestBrowser(PORTAL);
    const first = await openCallback(
      await browser.loginAtProvider('tbg-sub', { accountId: 'sub-eva' }, url),
    );
    expect(first.me?.id).toBe(user.id);
    await browser.logoutAtProvider(op.issuer);
    // The provider's own token, passed on by the relay: it names Eva (no sid), with a jti.
    expect(relay.tokens).toHaveLength(1);
    const [token] = relay.tokens;
    expect(jose.decodeJwt(token)).toMatchObject({ sub: 'sub-eva', jti: expect.any(String) });
    expect(jose.decodeJwt(token).sid).toBeUndefined();
    const ended = await t.gql(`{ me { id } }`, {}, first.accessToken);
    expect(ended.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Eva signs in again; then someone who captured the token sends it once more.
    const second = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg-sub', { accountId: 'sub-eva' }),
    );
    expect(second.me?.id).toBe(user.id);
    await t.db.query(
      `INSERT INTO sso_logout_token (issuer, jti, expires_at) VALUES ($1, 'long-gone', now() - interval '1 second')`,
      [op.issuer],
    );
    const replay = await fetch(`${PORTAL}/auth/oidc/tbg-sub/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }).toString(),
    });
    expect(replay.status).toBe(400);
    // No further effect: the later session still works, and one logout was logged, not two.
    expect((await t.gql(`{ me { id } }`, {}, second.accessToken)).data?.me).toEqual({
      id: user.id,
    });
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'LOGOUT' AND $1 = ANY(subject_ids)`,
      [user.id],
    );
    expect(rows[0].n).toBe(1);
    // The store keeps the token's jti by issuer, and drops rows past their expiry.
    const kept = await t.db.query(`SELECT issuer, jti FROM sso_logout_token ORDER BY jti`);
    expect(kept.rows).toContainEqual({ issuer: op.issuer, jti: jose.decodeJwt(token).jti });
    expect(kept.rows.map((r) => r.jti)).not.toContain('long-gone');
  });

  it("ends the sessions of a user known by oid when the provider's logout token names only its sub (the id_token's sub, §2.4)", async () => {
    const { user, url } = await invited([Role.COUNSELLOR], 'tbg-oid');
    const first = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg-oid', { accountId: 'sub-nils' }, url),
    );
    expect(first.me?.id).toBe(user.id);
    // Known by oid; the provider's sub kept beside it.
    const identity = await t.db.query(
      `SELECT subject, provider_sub FROM sso_identity WHERE provider_id = 'tbg-oid' AND user_id = $1`,
      [user.id],
    );
    expect(identity.rows).toEqual([{ subject: 'oid-nils', provider_sub: 'sub-nils' }]);
    // A link made without a login (SCIM, or before the sub was kept) learns it at the next one.
    await t.db.query(`UPDATE sso_identity SET provider_sub = NULL WHERE user_id = $1`, [user.id]);
    const browser = new TestBrowser(PORTAL);
    const second = await openCallback(
      await browser.loginAtProvider('tbg-oid', { accountId: 'sub-nils' }),
    );
    expect(second.me?.id).toBe(user.id);

    await browser.logoutAtProvider(op.issuer);
    expect(oidRelay.tokens).toHaveLength(1);
    const claims = jose.decodeJwt(oidRelay.tokens[0]);
    expect(claims).toMatchObject({ sub: 'sub-nils' });
    expect(claims.sid).toBeUndefined();
    // Every session of the user through this provider ends, not only the one logged out.
    for (const session of [first, second]) {
      const after = await t.gql(`{ me { id } }`, {}, session.accessToken);
      expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'LOGOUT' AND $1 = ANY(subject_ids)`,
      [user.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it("closes a user's open subscription when an admin deactivates the user, and refuses the token on the next request", async () => {
    // Johan, linked by the assurance test above.
    const session = await openCallback(
      await new TestBrowser(PORTAL).loginAtProvider('tbg', { accountId: 'sub-johan', acr: LOA3 }),
    );
    const open = subscription(session.accessToken!);
    await open.ready;
    const res = await t.gql(
      `mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }`,
      { id: session.me!.id },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(await open.code).toBe(4401);
    await open.client.dispose();
    const after = await t.gql(`{ me { id } }`, {}, session.accessToken);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a logout token that is not signed by the provider', async () => {
    const { privateKey } = await jose.generateKeyPair('RS256');
    const token = await new jose.SignJWT({
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      sid: 'x',
    })
      .setProtectedHeader({ alg: 'RS256', kid: op.signingJwk.kid })
      .setIssuer(op.issuer)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(privateKey);
    const res = await fetch(`${PORTAL}/auth/oidc/tbg/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }).toString(),
    });
    expect(res.status).toBe(400);
  });

  describe('refuses a logout token signed by the provider key but', () => {
    const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
    const now = () => Math.floor(Date.now() / 1000);
    let session: Awaited<ReturnType<typeof openCallback>>;
    let userId: string;

    beforeAll(async () => {
      const { user, url } = await invited([Role.COUNSELLOR], 'tbg-sub');
      userId = user.id;
      session = await openCallback(
        await new TestBrowser(PORTAL).loginAtProvider('tbg-sub', { accountId: 'sub-olle' }, url),
      );
      expect(session.me?.id).toBe(user.id);
    });

    /** A logout token naming Olle as the provider would send it, with one claim changed. */
    async function logoutToken(change: Record<string, unknown> = {}, drop?: string) {
      const claims: Record<string, unknown> = {
        iss: op.issuer,
        aud: SUB_CLIENT_ID,
        sub: 'sub-olle',
        iat: now(),
        exp: now() + 120,
        jti: randomUUID(),
        events: { [LOGOUT_EVENT]: {} },
        ...change,
      };
      if (drop) delete claims[drop];
      return new jose.SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: op.signingJwk.kid, typ: 'logout+jwt' })
        .sign(await jose.importJWK(op.signingJwk, 'RS256'));
    }
    const post = (token: string) =>
      fetch(`${PORTAL}/auth/oidc/tbg-sub/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }).toString(),
      });
    const meNow = async () => (await t.gql(`{ me { id } }`, {}, session.accessToken)).data?.me;

    // Three values in every row: with two, jest would take the third parameter for done.
    it.each<[string, Record<string, unknown>, string | undefined]>([
      ['for another audience', { aud: 'another-client' }, undefined],
      ['from another issuer', { iss: 'https://login.evil.example' }, undefined],
      ['issued longer ago than five minutes', { iat: now() - 360 }, undefined],
      ['with a nonce', { nonce: 'n-0S6_WzA2Mj' }, undefined],
      [
        'without the logout event',
        { events: { 'http://schemas.openid.net/event/other': {} } },
        undefined,
      ],
      ['without events at all', {}, 'events'],
    ])('%s: 400, and the session goes on', async (_why, change, drop) => {
      const res = await post(await logoutToken(change, drop));
      expect(res.status).toBe(400);
      expect(await meNow()).toEqual({ id: userId });
    });

    it('(the same token unchanged ends the session: each refusal above is for its one claim)', async () => {
      expect((await post(await logoutToken())).status).toBe(200);
      const after = await t.gql(`{ me { id } }`, {}, session.accessToken);
      expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM access_log WHERE action = 'LOGOUT' AND $1 = ANY(subject_ids)`,
        [userId],
      );
      expect(rows[0].n).toBe(1);
    });
  });
});
