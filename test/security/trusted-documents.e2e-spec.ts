import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { readmeDocuments } from '../../src/core/graphql/pipeline/trusted-documents';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** Issue 16, point 7: in production only registered operations run. */
const REPO = join(__dirname, '..', '..');

describe('7. trusted documents in production', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    // The committed README manifest, and one in the web client's format.
    const dir = mkdtempSync(join(tmpdir(), 'upt-trusted-'));
    copyFileSync(join(REPO, 'trusted-documents', 'readme.json'), join(dir, 'readme.json'));
    writeFileSync(
      join(dir, 'web.json'),
      JSON.stringify({
        'sha256:0': 'query WebMe { me { id roles } }',
        // The test factory's login, as a client would register its own.
        'sha256:1': 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      }),
    );
    t = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-32-chars',
      LOG_LEVEL: 'silent',
      APP_NOW: '',
      TRUSTED_DOCUMENTS_DIR: dir,
    });
    const { org } = await createWorld(t, '1287');
    user = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR]);
  });
  afterAll(() => t.close());

  it('the committed manifest holds every README example (npm run trusted-documents)', () => {
    const manifest = JSON.parse(
      readFileSync(join(REPO, 'trusted-documents', 'readme.json'), 'utf8'),
    ) as { documents: string[] };
    const readme = readmeDocuments(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(readme.length).toBeGreaterThan(20);
    expect(manifest.documents).toEqual(readme);
  });

  it('accepts a registered operation, laid out differently, and the web manifest’s', async () => {
    const login = readmeDocuments(readFileSync(join(REPO, 'README.md'), 'utf8')).find((d) =>
      /^mutation[\s\S]*login\(/.test(d.trim()),
    );
    expect(login).toBeDefined();
    // Logging in (anonymous) is itself a registered operation; its answer is a client error here.
    const res = await t.gql(login!.replace(/\n/g, '\n\n  '));
    expect(res.errors?.[0]?.extensions?.code).not.toBe('UNTRUSTED_DOCUMENT');
    const web = await t.gql('query WebMe { me { id roles } }', {}, user.token);
    expect(web.errors).toBeUndefined();
    expect(web.data.me.id).toBe(user.id);
  });

  it('refuses any other document with UNTRUSTED_DOCUMENT before it runs', async () => {
    const res = await t.gql('{ me { id email } }', {}, user.token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('UNTRUSTED_DOCUMENT');
    expect(res.data).toBeUndefined();
  });
});
