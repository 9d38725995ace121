import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentHash, readmeDocuments } from '../../src/core/graphql/pipeline/trusted-documents';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { RegisteredDocumentsService } from '../../src/integrations/registered-documents.service';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { lastLogId } from '../young-people/fixtures';

/**
 * Issue 16, point 7: besides the README's and the web client's operations, production
 * accepts the documents an admin registers for an integration; the registration is logged.
 */
const REPO = join(__dirname, '..', '..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const REGISTER = readmeDocuments(README).find((d) => d.includes('registerDocument('))!;
const INTEGRATION_DOC = `query IntegrationMe { me { id email } }`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

describe('7. documents an admin registers for an integration', () => {
  let t: TestApp;
  let admin: TestUser;
  let orgAdmin: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'upt-registered-'));
    copyFileSync(join(REPO, 'trusted-documents', 'readme.json'), join(dir, 'readme.json'));
    // The test factory's login, as a first-party client registers its own.
    writeFileSync(
      join(dir, 'web.json'),
      JSON.stringify({
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
    admin = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.MUNICIPALITY_ADMIN]);
    orgAdmin = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.ORG_ADMIN]);
    coordinator = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
  });
  afterAll(() => t.close());

  const register = (token: string, document: string, integration = 'Skolans elevregister') =>
    t.gql(REGISTER, { input: { integration, document } }, token);

  it('an unregistered operation is refused; once the admin registers it, it runs (in any layout), and the registration is logged', async () => {
    expect(REGISTER).toBeDefined();
    const before = await t.gql(INTEGRATION_DOC, {}, coordinator.token);
    expect(before.status).toBe(400);
    expect(code(before)).toBe('UNTRUSTED_DOCUMENT');

    const since = await lastLogId(t);
    const reg = await register(admin.token, INTEGRATION_DOC, '  Skolans elevregister  ');
    expect(reg.errors).toBeUndefined();
    expect(reg.data.registerDocument.integration).toBe('Skolans elevregister');
    expect(reg.data.registerDocument.hash).toMatch(/^[0-9a-f]{64}$/);
    const { rows } = await t.db.query(
      `SELECT action, subject_type, subject_ids, legal_basis, actor_user_id FROM access_log WHERE id > $1`,
      [since],
    );
    expect(rows).toEqual([
      {
        action: 'CREATE',
        subject_type: 'REGISTERED_DOCUMENT',
        subject_ids: [reg.data.registerDocument.id],
        legal_basis: 'ADMINISTRATION',
        actor_user_id: admin.id,
      },
    ]);

    const after = await t.gql(
      `query IntegrationMe {\n  me {\n    id\n    email\n  }\n}`,
      {},
      coordinator.token,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data.me.id).toBe(coordinator.id);

    const listed = await t.gql(
      readmeDocuments(README).find((d) => d.includes('registeredDocuments'))!,
      {},
      admin.token,
    );
    expect(listed.data.registeredDocuments.map((d: { document: string }) => d.document)).toEqual([
      INTEGRATION_DOC,
    ]);
  });

  it('refuses a duplicate (CONFLICT), a document that does not parse or validate, a blank name (BAD_USER_INPUT), writing nothing', async () => {
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM registered_document`)).rows[0].n;
    const n = await count();
    expect(code(await register(admin.token, `query IntegrationMe { me { id email } }`))).toBe(
      'CONFLICT',
    );
    expect(code(await register(admin.token, `query { me { id `))).toBe('BAD_USER_INPUT');
    expect(code(await register(admin.token, `query { me { noSuchField } }`))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(await register(admin.token, `{ __schema { types { name } } }`))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(await register(admin.token, `query { me { id } }`, '   '))).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(n);
  });

  it('only a municipality admin registers: an organisation admin and a coordinator are FORBIDDEN', async () => {
    expect(code(await register(orgAdmin.token, `query A { me { id } }`))).toBe('FORBIDDEN');
    expect(code(await register(coordinator.token, `query B { me { id } }`))).toBe('FORBIDDEN');
  });

  it('another instance learns a registration at its refresh (the scheduled job)', async () => {
    const doc = `query OtherInstance { me { id roles } }`;
    // As another instance would have written it: straight into the table.
    await t.db.query(
      `INSERT INTO registered_document (hash, integration, document, municipality_code, registered_by)
       VALUES ($1, 'Annan instans', $2, '1287', $3)`,
      [documentHash(doc), doc, admin.id],
    );
    expect(code(await t.gql(doc, {}, coordinator.token))).toBe('UNTRUSTED_DOCUMENT');
    expect(await t.app.get(RegisteredDocumentsService).refresh()).toBeGreaterThanOrEqual(2);
    expect((await t.gql(doc, {}, coordinator.token)).errors).toBeUndefined();
  });
});
