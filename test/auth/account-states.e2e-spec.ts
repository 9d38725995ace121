import { OrganisationKind, Role } from '../../src/identity/role.enum';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TEST_PASSWORD,
  TestUser,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($input: RefreshInput!) { refreshSession(input: $input) { accessToken refreshToken } }`;
const LOGOUT = `mutation($input: RefreshInput!) { logout(input: $input) }`;
const ME = `{ me { id } }`;

/** Each state of an account or session gets its own message and reason, and no data. */
describe('messages for account and session states', () => {
  let t: TestApp;
  let org: string;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await createMunicipality(t, '1287');
    org = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    admin = await createUser(t, org, [Role.ORG_ADMIN]);
  });
  afterAll(() => t.close());

  async function session() {
    const user = await createUser(t, org, [Role.YOUTH_COORDINATOR], { login: false });
    const res = await t.gql(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } });
    return { user, tokens: res.data.login as { accessToken: string; refreshToken: string } };
  }
  const refresh = (refreshToken: string) => t.gql(REFRESH, { input: { refreshToken } });
  const refusal = (res: { data: unknown; errors?: any[] }) => {
    expect(res.data).toBeNull();
    return {
      code: res.errors?.[0].extensions?.code,
      message: res.errors?.[0].message,
      reason: res.errors?.[0].extensions?.details?.reason,
    };
  };
  const disable = (id: string) =>
    t.gql(
      `mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }`,
      { id },
      admin.token,
    );

  it('a disabled user’s refresh says the account is disabled (not that the token was used)', async () => {
    const { user, tokens } = await session();
    expect((await disable(user.id)).errors).toBeUndefined();
    expect(refusal(await refresh(tokens.refreshToken))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The account is disabled; ask your administrator',
      reason: 'ACCOUNT_DISABLED',
    });
    // No new session was issued and the refusal is not logged as a token reuse.
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'REFRESH_TOKEN_REUSED' AND $1::uuid = ANY(subject_ids)`,
      [user.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('a disabled user’s access token says the account is disabled', async () => {
    const { user, tokens } = await session();
    expect((await t.gql(ME, {}, tokens.accessToken)).data.me.id).toBe(user.id);
    await disable(user.id);
    expect(refusal(await t.gql(ME, {}, tokens.accessToken))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The account is disabled; ask your administrator',
      reason: 'ACCOUNT_DISABLED',
    });
  });

  it('a re-enabled user can refresh again', async () => {
    const { user, tokens } = await session();
    await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    expect(refusal(await refresh(tokens.refreshToken)).reason).toBe('ACCOUNT_DISABLED');
    await t.db.query(`UPDATE app_user SET active = true WHERE id = $1`, [user.id]);
    expect((await refresh(tokens.refreshToken)).errors).toBeUndefined();
  });

  it('after logout the refresh says the session has ended', async () => {
    const { tokens } = await session();
    await t.gql(LOGOUT, { input: { refreshToken: tokens.refreshToken } });
    expect(refusal(await refresh(tokens.refreshToken))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The session has ended; please log in again',
      reason: 'SESSION_ENDED',
    });
  });

  it('an expired refresh token says the session has expired', async () => {
    const { tokens } = await session();
    await t.db.query(
      `UPDATE refresh_token SET expires_at = app_now() - interval '1 second' WHERE id = $1`,
      [tokens.refreshToken.split('.')[0]],
    );
    expect(refusal(await refresh(tokens.refreshToken)).reason).toBe('SESSION_EXPIRED');
  });

  it('a rotated refresh token presented again says it was already used', async () => {
    const { tokens } = await session();
    expect((await refresh(tokens.refreshToken)).errors).toBeUndefined();
    expect(refusal(await refresh(tokens.refreshToken))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Refresh token already used; please log in again',
      reason: 'TOKEN_REUSED',
    });
  });

  it('a token that is not one of ours stays a plain refusal', async () => {
    expect(refusal(await refresh('not-a-token'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: undefined,
    });
    expect(refusal(await t.gql(ME, {}, 'garbage'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: undefined,
    });
  });
});
