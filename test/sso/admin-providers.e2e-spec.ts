import { randomUUID } from 'node:crypto';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  holdPortalAddress,
  PortalAddress,
  startTestProvider,
  TestBrowser,
  TestProvider,
} from './oidc-provider';

const CLIENT_ID = 'portal-by-admin';
const CLIENT_SECRET = 'the-secret-the-admin-typed-in-0123456789';
const YOUTH_TEAM = randomUUID();

const CONFIGURE = `mutation($input: ConfigureIdentityProviderInput!) {
  configureIdentityProvider(input: $input) {
    id municipalityCode issuer clientId subjectClaim groupClaim configuredByAdmin loginUrl callbackUrl
    groups { group organisationId roles permissions } acrLevels { acr level } multiFactorLevel
  }
}`;

/**
 * A municipality admin configures an OpenID provider through the API (no restart, no
 * configuration file), and a user signs in through it at a real oidc-provider.
 */
describe('identity providers configured by a municipality admin', () => {
  let t: TestApp;
  let op: TestProvider;
  let portal: PortalAddress;
  /** The portal's address, on a port the OS picked for this run. */
  let PORTAL: string;
  let admin: TestUser;
  let malmoAdmin: TestUser;
  let malmoOrg: string;

  beforeAll(async () => {
    portal = await holdPortalAddress();
    PORTAL = portal.url;
    op = await startTestProvider({
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${PORTAL}/auth/oidc/tbg-admin/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      accounts: { 'sub-ali': { name: 'Ali', oid: 'oid-ali', groups: ['g-youth'] } },
    });
    t = await createTestApp({ PUBLIC_URL: PORTAL });
    await portal.listen(t.app.getHttpServer());
    await createMunicipality(t, '1287');
    await createMunicipality(t, '1280');
    await t.db.query(
      `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, '1287', 'Ungdomsteamet', 'YOUTH_TEAM')`,
      [YOUTH_TEAM],
    );
    admin = await createUser(t, await createOrganisation(t, '1287', OrganisationKind.OTHER), [
      Role.MUNICIPALITY_ADMIN,
    ]);
    malmoOrg = await createOrganisation(t, '1280', OrganisationKind.YOUTH_TEAM);
    malmoAdmin = await createUser(t, await createOrganisation(t, '1280', OrganisationKind.OTHER), [
      Role.MUNICIPALITY_ADMIN,
    ]);
  });

  afterAll(async () => {
    await t?.close();
    await op?.stop();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    id: 'tbg-admin',
    issuer: op.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    subjectClaim: 'oid',
    groupClaim: 'groups',
    groups: [{ group: 'g-youth', organisationId: YOUTH_TEAM, roles: ['YOUTH_COORDINATOR'] }],
    ...over,
  });
  const providerRows = async () => (await t.db.query(`SELECT * FROM sso_provider`)).rows;

  it("refuses bad input, another municipality's organisation and other roles, and writes nothing", async () => {
    const coordinator = await createUser(t, YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    const cases: [Record<string, unknown>, string, TestUser][] = [
      [input(), 'FORBIDDEN', coordinator],
      [input({ issuer: 'http://idp.example.se' }), 'BAD_USER_INPUT', admin],
      [input({ issuer: 'not a url' }), 'BAD_USER_INPUT', admin],
      [input({ id: 'Not Valid' }), 'BAD_USER_INPUT', admin],
      [input({ clientSecret: undefined }), 'BAD_USER_INPUT', admin],
      [input({ acrLevels: [{ acr: 'loa3', level: 7 }] }), 'BAD_USER_INPUT', admin],
      [
        input({ groups: [{ group: 'g', organisationId: malmoOrg, roles: ['YOUTH_COORDINATOR'] }] }),
        'NOT_FOUND',
        admin,
      ],
    ];
    for (const [i, code, who] of cases) {
      const res = await t.gql(CONFIGURE, { input: i }, who.token);
      expect({ i, code: res.errors?.[0].extensions?.code }).toEqual({ i, code });
    }
    expect(await providerRows()).toEqual([]);
    const list = await t.gql(`{ identityProviders { id } }`, {}, coordinator.token);
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('configures a provider (secret sealed, logged), and a user signs in through it at the next login', async () => {
    const res = await t.gql(
      CONFIGURE,
      { input: input({ acrLevels: [{ acr: 'loa3', level: 3 }] }) },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.configureIdentityProvider).toEqual({
      id: 'tbg-admin',
      municipalityCode: '1287',
      issuer: op.issuer,
      clientId: CLIENT_ID,
      subjectClaim: 'oid',
      groupClaim: 'groups',
      configuredByAdmin: true,
      loginUrl: `${PORTAL}/auth/oidc/tbg-admin/login`,
      callbackUrl: `${PORTAL}/auth/oidc/tbg-admin/callback`,
      groups: [
        {
          group: 'g-youth',
          organisationId: YOUTH_TEAM,
          roles: ['YOUTH_COORDINATOR'],
          permissions: [],
        },
      ],
      acrLevels: [{ acr: 'loa3', level: 3 }],
      multiFactorLevel: 3,
    });
    const [row] = await providerRows();
    expect(JSON.stringify(row)).not.toContain(CLIENT_SECRET);
    const { rows: logged } = await t.db.query(
      `SELECT action, actor_user_id, fields, legal_basis FROM access_log WHERE subject_type = 'IDENTITY_PROVIDER' AND $1::uuid = ANY(subject_ids)`,
      [row.id],
    );
    expect(logged).toEqual([
      expect.objectContaining({
        action: 'CREATE',
        actor_user_id: admin.id,
        legal_basis: 'ADMINISTRATION',
      }),
    ]);
    expect(logged[0].fields).toContain('clientSecret');

    // An invited account links at its first login through the new provider.
    const user = await createUser(t, YOUTH_TEAM, [Role.COUNSELLOR], { login: false });
    const invite = await t.gql(
      `mutation($u: ID!) { inviteToSingleSignOn(userId: $u, provider: "tbg-admin") { url } }`,
      { u: user.id },
      admin.token,
    );
    expect(invite.errors).toBeUndefined();
    const callback = await new TestBrowser(PORTAL).loginAtProvider(
      'tbg-admin',
      { accountId: 'sub-ali' },
      invite.data.inviteToSingleSignOn.url,
    );
    const answer = await fetch(callback, { redirect: 'manual' });
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('portal_refresh='));
    expect(cookie).toBeDefined();
    const refreshed = await fetch(`${PORTAL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie!.split(';')[0] },
      body: JSON.stringify({ query: 'mutation { refreshSession { user { id roles } } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(refreshed.data.refreshSession.user).toEqual({
      id: user.id,
      roles: ['YOUTH_COORDINATOR'],
    });

    const listed = await t.gql(`{ identityProviders { id configuredByAdmin } }`, {}, admin.token);
    expect(listed.data.identityProviders).toEqual([{ id: 'tbg-admin', configuredByAdmin: true }]);
  });

  it("another municipality's admin neither sees, takes nor removes it", async () => {
    const listed = await t.gql(`{ identityProviders { id } }`, {}, malmoAdmin.token);
    expect(listed.data.identityProviders).toEqual([]);
    const taken = await t.gql(
      CONFIGURE,
      {
        input: input({
          groups: [{ group: 'g', organisationId: malmoOrg, roles: ['YOUTH_COORDINATOR'] }],
        }),
      },
      malmoAdmin.token,
    );
    expect(taken.errors?.[0].extensions?.code).toBe('CONFLICT');
    const removed = await t.gql(
      `mutation { removeIdentityProvider(id: "tbg-admin") }`,
      {},
      malmoAdmin.token,
    );
    expect(removed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await providerRows())[0].municipality_code).toBe('1287');
  });

  it('a change keeps the sealed secret when none is given; removal ends the provider, its links and sessions', async () => {
    const before = (await providerRows())[0].client_secret_sealed;
    const changed = await t.gql(
      CONFIGURE,
      { input: input({ clientSecret: undefined, multiFactorLevel: 2 }) },
      admin.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.configureIdentityProvider.multiFactorLevel).toBe(2);
    expect((await providerRows())[0].client_secret_sealed).toBe(before);

    const removed = await t.gql(
      `mutation { removeIdentityProvider(id: "tbg-admin") }`,
      {},
      admin.token,
    );
    expect(removed.data.removeIdentityProvider).toBe(true);
    expect(await providerRows()).toEqual([]);
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM sso_identity WHERE provider_id = 'tbg-admin'`,
        )
      ).rows[0].n,
    ).toBe(0);
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM refresh_token WHERE sso_provider_id = 'tbg-admin' AND revoked_at IS NULL`,
        )
      ).rows[0].n,
    ).toBe(0);
    const login = await fetch(`${PORTAL}/auth/oidc/tbg-admin/login`, { redirect: 'manual' });
    expect(new URL(login.headers.get('location')!).searchParams.get('loginError')).toBe(
      'SSO_UNKNOWN_PROVIDER',
    );
  });
});
