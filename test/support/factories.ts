import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/auth/password';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  organisationId: string;
  municipalityCode: string;
  token: string;
}

export async function createMunicipality(
  t: TestApp,
  code: string,
  name = `Kommun ${code}`,
): Promise<string> {
  await t.db.query(`INSERT INTO municipality (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    code,
    name,
  ]);
  return code;
}

export async function createOrganisation(
  t: TestApp,
  municipalityCode: string,
  kind: OrganisationKind,
  name = `${kind} ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO organisation (municipality_code, name, kind) VALUES ($1, $2, $3) RETURNING id`,
    [municipalityCode, name, kind],
  );
  return rows[0].id;
}

/** Inserts a user directly and logs in through the API to get a real token. */
export async function createUser(
  t: TestApp,
  organisationId: string,
  roles: Role[],
  opts: { login?: boolean } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `u-${randomBytes(5).toString('hex')}@test.example`;
  const { rows } = await t.db.query(
    `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
     SELECT id, municipality_code, $2, $3, $4, $5 FROM organisation WHERE id = $1
     RETURNING id, municipality_code`,
    [organisationId, email, `Test ${roles.join('/')}`, roles, await passwordHash],
  );
  const token = opts.login === false ? '' : await login(t, email);
  return {
    id: rows[0].id,
    email,
    organisationId,
    municipalityCode: rows[0].municipality_code,
    token,
  };
}

export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await t.gql<{ login: { accessToken: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
    { input: { email, password } },
  );
  if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return res.data.login.accessToken;
}

/** A municipality with one organisation of every kind. */
export async function createWorld(t: TestApp, code: string) {
  await createMunicipality(t, code);
  const org = {} as Record<OrganisationKind, string>;
  for (const kind of Object.values(OrganisationKind))
    org[kind] = await createOrganisation(t, code, kind);
  return { code, org };
}
