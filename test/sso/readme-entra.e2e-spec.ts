import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TEST_PASSWORD,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  holdPortalAddress,
  PortalAddress,
  startTestProvider,
  TestBrowser,
  TestProvider,
} from './oidc-provider';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The README's text from a heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = README.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = README.slice(start + heading.length);
  const end = new RegExp(`\\n#{1,${level}} `).exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

const ENTRA = section('### Single sign-on with OpenID Connect (Entra ID, step by step)');
const LOCAL = section(
  '### Local login only (municipalities without their own identity provider, and the demo)',
);
/** Each step's text, by its number. */
const steps = new Map(
  [...ENTRA.matchAll(/^(\d+)\. \*\*[^*]+\*\*([\s\S]*?)(?=^\d+\. \*\*|(?![\s\S]))/gm)].map((m) => [
    Number(m[1]),
    m[0],
  ]),
);
const step = (n: number): string => steps.get(n) ?? '';
/** The text of the step's first fenced block of `lang`, without the list item's indent. */
function block(text: string, lang = ''): string {
  const m = new RegExp(`^( *)\`\`\`${lang}\n([\\s\\S]*?)^\\1\`\`\`$`, 'm').exec(text);
  if (!m) throw new Error(`no \`\`\`${lang} block in: ${text}`);
  return m[2].replace(new RegExp(`^${m[1]}`, 'gm'), '');
}
/** A URL path the step names, e.g. /auth/oidc/<provider id>/callback, for provider `id`. */
function pathIn(text: string, suffix: string, id: string): string {
  const m = new RegExp(`https://<[^>]+>(/auth/oidc/<provider id>/${suffix})\``).exec(text);
  if (!m) throw new Error(`no /auth/oidc/<provider id>/${suffix} in: ${text}`);
  return m[1].replace('<provider id>', id);
}

function withoutKey(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

/**
 * The README's Entra ID steps, followed as written against a real OpenID provider
 * (oidc-provider standing in for login.microsoftonline.com, which a test cannot reach):
 * its redirect and logout URLs are the portal's routes, its provider JSON is what the
 * portal loads (only the issuer, the client and the secret file's place are the test's),
 * its invitation mutation links an account, and the groups it maps give the roles it says.
 * Then its local-login-only setup: nothing configured, and a password login works.
 */
describe('README: configuring Entra ID, and local login only', () => {
  let t: TestApp;
  let op: TestProvider;
  let portal: PortalAddress;
  let PORTAL: string;
  let secrets: string;
  let provider: Record<string, any>;
  const CLIENT_ID = 'entra-app-client-id';
  const SECRET = 'the-client-secret-copied-from-entra-0123';

  it('has the steps in order, 1 to 8', () => {
    expect([...steps.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The claim choices of step 5 are the ones the JSON of step 6 makes.
    expect(step(5)).toContain('"subjectClaim": "oid"');
  });

  beforeAll(async () => {
    [provider] = JSON.parse(block(step(6), 'json'));
    expect(provider).toMatchObject({ subjectClaim: 'oid', groupClaim: 'groups' });
    portal = await holdPortalAddress();
    PORTAL = portal.url;
    op = await startTestProvider({
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: SECRET,
          // Step 1: the redirect URI registered at the provider.
          redirect_uris: [`${PORTAL}${pathIn(step(1), 'callback', provider.id)}`],
          token_endpoint_auth_method: 'client_secret_post',
          // Step 2: the back-channel logout URL.
          backchannel_logout_uri: `${PORTAL}${pathIn(step(2), 'backchannel-logout', provider.id)}`,
          backchannel_logout_session_required: true,
        },
      ],
      accounts: {
        'pairwise-sub-of-karin': {
          name: 'Karin',
          oid: 'entra-object-id-of-karin',
          groups: Object.keys(provider.groups).filter((g) => /Koordinator/.test(g)),
        },
      },
    });
    // Step 3: the secret in a file of its own; the JSON names the file.
    secrets = mkdtempSync(join(tmpdir(), 'readme-entra-'));
    writeFileSync(join(secrets, 'client-secret'), `${SECRET}\n`);
    const file = join(secrets, 'providers.json');
    expect(provider.clientSecretFile).toBe('/run/secrets/trelleborg-entra');
    writeFileSync(
      file,
      JSON.stringify([
        {
          ...provider,
          issuer: op.issuer,
          clientId: CLIENT_ID,
          clientSecretFile: join(secrets, 'client-secret'),
        },
      ]),
    );
    t = await createTestApp({ PUBLIC_URL: PORTAL, OIDC_PROVIDERS_FILE: file });
    await portal.listen(t.app.getHttpServer());
    await createMunicipality(t, provider.municipalityCode);
    for (const [, m] of Object.entries<{ organisationId: string }>(provider.groups))
      await t.db.query(
        `INSERT INTO organisation (id, municipality_code, name, kind) VALUES ($1, $2, 'Org ' || $3, 'YOUTH_TEAM')`,
        [m.organisationId, provider.municipalityCode, m.organisationId.slice(-4)],
      );
  });

  afterAll(async () => {
    await t?.close();
    await op?.stop();
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  });

  it("follows steps 6 to 8: the README's invitation links an account, the mapped group gives its role, the login URL signs in again", async () => {
    const admin = await createUser(
      t,
      await createOrganisation(t, provider.municipalityCode, OrganisationKind.OTHER),
      [Role.MUNICIPALITY_ADMIN],
    );
    const [coordinatorGroup] = Object.keys(provider.groups).filter((g) => /Koordinator/.test(g));
    const mapped = provider.groups[coordinatorGroup];
    const karin = await createUser(t, mapped.organisationId, [Role.COUNSELLOR], { login: false });
    // The mutation as the README shows it, which is the one production has registered.
    const mutation = block(step(7));
    const trusted = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'trusted-documents', 'single-sign-on.json'), 'utf8'),
    );
    expect(trusted.documents).toContain(mutation.trim());
    // Its variables as the README writes them, with the user's id filled in.
    const variables = JSON.parse(/with `(\{[^`]*\})`/.exec(step(7))![1]);
    expect(variables).toEqual({ userId: '<user id>', provider: provider.id });
    const invite = await t.gql<{ inviteToSingleSignOn: { url: string; expiresAt: string } }>(
      mutation,
      { ...variables, userId: karin.id },
      admin.token,
    );
    expect(invite.errors).toBeUndefined();
    expect(invite.data.inviteToSingleSignOn.url).toMatch(new RegExp(`^${PORTAL}/`));

    const session = async (callback: string) => {
      const res = await fetch(callback, { redirect: 'manual' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portal_refresh='));
      expect(res.headers.get('location')).toBe(`${PORTAL}/`);
      const refreshed = await fetch(`${PORTAL}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie!.split(';')[0] },
        body: JSON.stringify({
          query: 'mutation { refreshSession { user { id roles organisationId } } }',
        }),
      }).then((r) => r.json() as Promise<any>);
      return refreshed.data?.refreshSession.user;
    };
    const first = await session(
      await new TestBrowser(PORTAL).loginAtProvider(
        provider.id,
        { accountId: 'pairwise-sub-of-karin' },
        invite.data.inviteToSingleSignOn.url,
      ),
    );
    expect(first).toEqual({
      id: karin.id,
      roles: mapped.roles,
      organisationId: mapped.organisationId,
    });
    // Step 5: known by oid, not by the provider's sub.
    const { rows } = await t.db.query(`SELECT subject FROM sso_identity WHERE user_id = $1`, [
      karin.id,
    ]);
    expect(rows).toEqual([{ subject: 'entra-object-id-of-karin' }]);
    // Step 7: from then on, the login URL it names.
    const loginUrl = new RegExp(`https://<host>(/auth/oidc/${provider.id}/login)`).exec(step(7));
    expect(loginUrl).not.toBeNull();
    const start = await fetch(`${PORTAL}${loginUrl![1]}`, { redirect: 'manual' });
    expect(new URL(start.headers.get('location')!).origin).toBe(op.issuer);
    const again = await session(
      await new TestBrowser(PORTAL).loginAtProvider(provider.id, {
        accountId: 'pairwise-sub-of-karin',
      }),
    );
    expect(again.id).toBe(karin.id);
  });

  it("step 2: the provider's logout, posted to the back-channel logout URL the README registers, ends the portal session", async () => {
    // Karin, linked by the test of steps 6 to 8 above.
    const browser = new TestBrowser(PORTAL);
    const callback = await browser.loginAtProvider(provider.id, {
      accountId: 'pairwise-sub-of-karin',
    });
    const res = await fetch(callback, { redirect: 'manual' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('portal_refresh='))!;
    const refresh = () =>
      fetch(`${PORTAL}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] },
        body: JSON.stringify({ query: 'mutation { refreshSession { accessToken user { id } } }' }),
      }).then((r) => r.json() as Promise<any>);
    const before = await refresh();
    const { accessToken, user } = before.data.refreshSession;
    expect((await t.gql(`{ me { id } }`, {}, accessToken)).data?.me).toEqual({ id: user.id });

    // The provider posts its logout token to the step-2 URL itself (no relay in between).
    await browser.logoutAtProvider(op.issuer);
    const after = await t.gql(`{ me { id } }`, {}, accessToken);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refresh()).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'LOGOUT' AND $1 = ANY(subject_ids)`,
      [user.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('says a clientSecret written into the JSON stops the start, and it does', async () => {
    expect(step(6)).toContain('a\n   `clientSecret` written into the file itself stops the start');
    await expect(
      createTestApp({
        PUBLIC_URL: PORTAL,
        // The README's entry with the secret written in instead of the file that holds it.
        OIDC_PROVIDERS: JSON.stringify([
          { ...withoutKey(provider, 'clientSecretFile'), issuer: op.issuer, clientSecret: SECRET },
        ]),
      }),
    ).rejects.toThrow(/clientSecret must come from clientSecretEnv or clientSecretFile/);
  });

  it('local login only: with neither variable set, a password login works and no provider answers', async () => {
    expect(LOCAL).toMatch(/leave `OIDC_PROVIDERS` and `OIDC_PROVIDERS_FILE` unset/);
    const local = await createTestApp({ PUBLIC_URL: PORTAL });
    try {
      expect(local.config.ssoProviders).toEqual([]);
      await createMunicipality(local, '1287');
      const user = await createUser(
        local,
        await createOrganisation(local, '1287', OrganisationKind.YOUTH_TEAM),
        [Role.COUNSELLOR],
        { login: false },
      );
      const { rows } = await local.db.query(`SELECT email FROM app_user WHERE id = $1`, [user.id]);
      const login = await local.gql(
        `mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`,
        { e: rows[0].email, p: TEST_PASSWORD },
      );
      expect(login.errors).toBeUndefined();
      expect(login.data.login.accessToken).toEqual(expect.any(String));
      const sso = await local.http().get(`/auth/oidc/${provider.id}/login`);
      expect(sso.headers.location).toMatch(/loginError=SSO_UNKNOWN_PROVIDER$/);
    } finally {
      await local.close();
    }
  });
});
