import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createMunicipality } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  holdPortalAddress,
  PortalAddress,
  startTestProvider,
  TestBrowser,
  TestProvider,
} from './oidc-provider';

const CLIENT_ID = 'portal-trelleborg';
const CLIENT_SECRET = 'a-client-secret-from-the-environment';
const SCIM_TOKEN = 'scim-token-of-trelleborgs-entra-id-0123456789';
const OTHER_TOKEN = 'scim-token-of-malmos-directory-0123456789';
const YOUTH_TEAM = randomUUID();
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * A SCIM 2.0 compliance run (RFC 7643/7644 shapes) against the real app, as Entra ID's
 * provisioning would do it, with the provisioned user signing in through a real OpenID
 * provider (oidc-provider): create, filter, group membership mapped to roles, PATCH
 * active=false and DELETE, each taking effect on the next request and on an open
 * graphql-ws subscription.
 */
describe('SCIM provisioning', () => {
  let t: TestApp;
  let op: TestProvider;
  let portal: PortalAddress;
  /** The portal's address, on a port the OS picked for this run. */
  let PORTAL: string;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    portal = await holdPortalAddress();
    PORTAL = portal.url;
    op = await startTestProvider({
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PORTAL}/auth/oidc/tbg/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      accounts: { 'sub-sara': { name: 'Sara', oid: 'oid-sara', groups: [] } },
    });
    t = await createTestApp({
      PUBLIC_URL: PORTAL,
      TBG_OIDC_SECRET: CLIENT_SECRET,
      TBG_SCIM_TOKEN: SCIM_TOKEN,
      MMO_SCIM_TOKEN: OTHER_TOKEN,
      OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'tbg',
          municipalityCode: '1287',
          issuer: op.issuer,
          clientId: CLIENT_ID,
          clientSecretEnv: 'TBG_OIDC_SECRET',
          scimTokenEnv: 'TBG_SCIM_TOKEN',
          subjectClaim: 'oid',
          groups: { Ungdomsteamet: { organisationId: YOUTH_TEAM, roles: ['YOUTH_COORDINATOR'] } },
        },
        {
          id: 'mmo',
          municipalityCode: '1280',
          issuer: op.issuer,
          clientId: 'other',
          clientSecretEnv: 'TBG_OIDC_SECRET',
          scimTokenEnv: 'MMO_SCIM_TOKEN',
          groups: {},
        },
      ]),
    });
    await portal.listen(t.app.getHttpServer());
    await createMunicipality(t, '1287');
    await createMunicipality(t, '1280');
    await t.db.query(
      `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, '1287', 'Ungdomsteamet', 'YOUTH_TEAM')`,
      [YOUTH_TEAM],
    );
  });

  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  async function scim(method: string, path: string, body?: unknown, token = SCIM_TOKEN) {
    const res = await fetch(`${PORTAL}/scim/v2${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  const gql = (query: string, token: string) =>
    fetch(`${PORTAL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    }).then((r) => r.json() as Promise<any>);

  /** Sara signs in at the provider; the portal's session, as the web client gets it. */
  async function signIn(): Promise<{ accessToken?: string; cookie?: string; location: string }> {
    const callback = await new TestBrowser(PORTAL).loginAtProvider('tbg', {
      accountId: 'sub-sara',
    });
    const res = await fetch(callback, { redirect: 'manual' });
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_refresh='))
      ?.split(';')[0];
    if (!cookie) return { location: res.headers.get('location') ?? '' };
    const refreshed = await fetch(`${PORTAL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: 'mutation { refreshSession { accessToken } }' }),
    }).then((r) => r.json() as Promise<any>);
    return { accessToken: refreshed.data.refreshSession.accessToken, cookie, location: '' };
  }

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

  const logged = async (action: string, id: string) =>
    (
      await t.db.query(
        `SELECT actor_user_id, subject_type, fields, legal_basis, subject_municipality_code FROM access_log
          WHERE action = $1 AND $2::uuid = ANY(subject_ids) ORDER BY id`,
        [action, id],
      )
    ).rows;
  const count = async (table: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it("refuses a request without the provider's token, in the SCIM error shape, and writes nothing", async () => {
    for (const token of ['', 'not-the-token']) {
      const res = await scim(
        'POST',
        '/Users',
        { schemas: [SCIM_USER], userName: 'x@trelleborg.se' },
        token,
      );
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '401' });
    }
    expect(await count('scim_user')).toBe(0);
  });

  it('creates a user (POST /Users, 201 with Location), finds it by filter, and refuses a duplicate', async () => {
    const created = await scim('POST', '/Users', {
      schemas: [SCIM_USER],
      externalId: 'oid-sara',
      userName: 'Sara.Lind@trelleborg.se',
      name: { givenName: 'Sara', familyName: 'Lind' },
      emails: [{ value: 'sara.lind@trelleborg.se', type: 'work', primary: true }],
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    userId = created.body.id;
    expect(created.headers.get('location')).toBe(`${PORTAL}/scim/v2/Users/${userId}`);
    expect(created.body).toEqual({
      schemas: [SCIM_USER],
      id: userId,
      externalId: 'oid-sara',
      userName: 'sara.lind@trelleborg.se',
      displayName: 'Sara Lind',
      name: { formatted: 'Sara Lind' },
      emails: [{ value: 'sara.lind@trelleborg.se', type: 'work', primary: true }],
      active: true,
      groups: [],
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${PORTAL}/scim/v2/Users/${userId}`,
      },
    });
    const { rows } = await t.db.query(
      `SELECT roles, municipality_code, active FROM app_user WHERE id = $1`,
      [userId],
    );
    expect(rows[0]).toEqual({ roles: [], municipality_code: '1287', active: true });
    expect(await logged('CREATE', userId)).toEqual([
      {
        actor_user_id: null,
        subject_type: 'USER',
        fields: ['userName', 'displayName', 'active', 'externalId'],
        legal_basis: 'ADMINISTRATION',
        subject_municipality_code: '1287',
      },
    ]);

    const found = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "sara.lind@trelleborg.se"')}`,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ id: userId }],
    });
    const byExternal = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq "oid-sara"')}`,
    );
    expect(byExternal.body.totalResults).toBe(1);
    const none = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "nobody@trelleborg.se"')}`,
    );
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    const badFilter = await scim('GET', `/Users?filter=${encodeURIComponent('title co "x"')}`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter' });

    const before = await count('app_user');
    const duplicate = await scim('POST', '/Users', {
      schemas: [SCIM_USER],
      userName: 'sara.lind@trelleborg.se',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
    });
    const invalid = await scim('POST', '/Users', {
      schemas: [SCIM_USER],
      userName: 'not an e-mail',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.scimType).toBe('invalidValue');
    expect(await count('app_user')).toBe(before);
    expect((await scim('GET', `/Users/${randomUUID()}`)).status).toBe(404);
  });

  it("another provider's token sees none of this provider's users", async () => {
    expect((await scim('GET', `/Users/${userId}`, undefined, OTHER_TOKEN)).status).toBe(404);
    expect((await scim('GET', '/Users', undefined, OTHER_TOKEN)).body.totalResults).toBe(0);
    const patch = await scim(
      'PATCH',
      `/Users/${userId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
      OTHER_TOKEN,
    );
    expect(patch.status).toBe(404);
    expect(
      (await t.db.query(`SELECT active FROM app_user WHERE id = $1`, [userId])).rows[0].active,
    ).toBe(true);
  });

  it('group membership maps to roles: on the next request, and an open subscription is closed to reopen under them', async () => {
    // Provisioned by subject: the first sign-in needs no invitation. No group yet: no role.
    const session = await signIn();
    expect(session.accessToken).toBeDefined();
    const workList = `{ workList(first: 1) { totalCount } }`;
    expect((await gql(workList, session.accessToken!)).errors[0].extensions.code).toBe('FORBIDDEN');

    const group = await scim('POST', '/Groups', {
      schemas: [SCIM_GROUP],
      displayName: 'Ungdomsteamet',
      externalId: 'grp-1',
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    expect(group.body).toMatchObject({
      schemas: [SCIM_GROUP],
      id: groupId,
      displayName: 'Ungdomsteamet',
      members: [],
      meta: { resourceType: 'Group' },
    });

    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: userId }] }],
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual([
      { value: userId, display: 'Sara Lind', $ref: `${PORTAL}/scim/v2/Users/${userId}` },
    ]);
    // The same access token, the next request: the role is in force.
    const allowed = await gql(workList, session.accessToken!);
    expect(allowed.errors).toBeUndefined();
    expect((await gql(`{ me { roles organisationId } }`, session.accessToken!)).data.me).toEqual({
      roles: ['YOUTH_COORDINATOR'],
      organisationId: YOUTH_TEAM,
    });
    expect((await scim('GET', `/Users/${userId}`)).body.groups).toEqual([
      { value: groupId, display: 'Ungdomsteamet' },
    ]);
    expect(await logged('UPDATE', userId)).toContainEqual(
      expect.objectContaining({
        subject_type: 'USER',
        fields: ['roles', 'permissions', 'organisation'],
        legal_basis: 'ADMINISTRATION',
      }),
    );
    expect((await logged('UPDATE', groupId)).length).toBe(1);

    const open = subscription(session.accessToken!);
    await open.ready;
    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    expect(await open.code).toBe(4401);
    await open.client.dispose();
    expect((await gql(workList, session.accessToken!)).errors[0].extensions.code).toBe('FORBIDDEN');

    // Back in the group for what follows.
    await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
    });
  });

  it('PATCH active=false (as Entra ID sends it) ends every session: the next request, the refresh cookie and the open subscription', async () => {
    const session = await signIn();
    const open = subscription(session.accessToken!);
    await open.ready;
    const res = await scim('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await open.code).toBe(4401);
    await open.client.dispose();
    const me = await gql(`{ me { id } }`, session.accessToken!);
    expect(me.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const refresh = await fetch(`${PORTAL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie! },
      body: JSON.stringify({ query: 'mutation { refreshSession { accessToken } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(refresh.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // A deactivated user cannot sign in at all.
    expect(new URL((await signIn()).location).searchParams.get('loginError')).toBe(
      'SSO_NOT_LINKED',
    );
    expect(await logged('UPDATE', userId)).toContainEqual(
      expect.objectContaining({
        fields: ['active'],
        legal_basis: 'ADMINISTRATION',
        actor_user_id: null,
      }),
    );

    const back = await scim('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(back.body.active).toBe(true);
    expect((await signIn()).accessToken).toBeDefined();
  });

  it('DELETE ends the account: 204, then 404; the session and subscription end, the name and e-mail are erased', async () => {
    const session = await signIn();
    const open = subscription(session.accessToken!);
    await open.ready;
    const res = await scim('DELETE', `/Users/${userId}`);
    expect(res.status).toBe(204);
    expect(await open.code).toBe(4401);
    await open.client.dispose();
    expect((await gql(`{ me { id } }`, session.accessToken!)).errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await scim('GET', `/Users/${userId}`)).status).toBe(404);
    expect((await scim('DELETE', `/Users/${userId}`)).status).toBe(404);
    expect((await scim('GET', `/Groups/${groupId}`)).body.members).toEqual([]);
    const { rows } = await t.db.query(
      `SELECT email, display_name, active, roles FROM app_user WHERE id = $1`,
      [userId],
    );
    expect(rows[0]).toEqual({
      email: `deleted-${userId}@scim.invalid`,
      display_name: 'Borttagen användare',
      active: false,
      roles: [],
    });
    expect(new URL((await signIn()).location).searchParams.get('loginError')).toBe(
      'SSO_NOT_LINKED',
    );
    expect(await logged('DELETE', userId)).toEqual([
      expect.objectContaining({
        actor_user_id: null,
        subject_type: 'USER',
        legal_basis: 'ADMINISTRATION',
      }),
    ]);
    // The same userName can be provisioned again, as a new account.
    const again = await scim('POST', '/Users', {
      schemas: [SCIM_USER],
      userName: 'sara.lind@trelleborg.se',
      externalId: 'oid-sara',
    });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(userId);
    const gone = await scim('DELETE', `/Groups/${groupId}`);
    expect(gone.status).toBe(204);
    expect((await scim('GET', `/Groups/${groupId}`)).status).toBe(404);
  });
});
