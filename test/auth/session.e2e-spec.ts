import { JwtService } from '@nestjs/jwt';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import {
  createMunicipality,
  createOrganisation,
  createUser,
  TEST_PASSWORD,
  TestUser,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken }
}`;
const REFRESH = `mutation($input: RefreshInput!) {
  refreshSession(input: $input) { accessToken refreshToken }
}`;
const LOGOUT = `mutation($input: RefreshInput!) { logout(input: $input) }`;
const ME = `{ me { id } }`;

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('sessions', () => {
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

  const newSession = async (): Promise<{ user: TestUser; tokens: Tokens }> => {
    const user = await createUser(t, org, [Role.YOUTH_COORDINATOR], { login: false });
    const res = await t.gql(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } });
    return { user, tokens: res.data.login };
  };
  const refresh = (refreshToken: string) => t.gql(REFRESH, { input: { refreshToken } });
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0].extensions?.code;

  describe('access token', () => {
    it('is refused when missing', async () => {
      expect(codeOf(await t.gql(ME))).toBe('UNAUTHENTICATED');
    });

    it('is refused once it has expired', async () => {
      const { user } = await newSession();
      const expired = t.app
        .get(JwtService)
        .sign({ sub: user.id, typ: 'access' }, { expiresIn: -60 });
      const res = await t.gql(ME, {}, expired);
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    });

    it('is refused when signed with another secret', async () => {
      const { user } = await newSession();
      const forged = new JwtService({ secret: 'another-secret-another-secret-another' }).sign({
        sub: user.id,
        typ: 'access',
      });
      expect(codeOf(await t.gql(ME, {}, forged))).toBe('UNAUTHENTICATED');
    });

    it('stops working on the next request after the user is disabled', async () => {
      const { user, tokens } = await newSession();
      expect(codeOf(await t.gql(ME, {}, tokens.accessToken))).toBeUndefined();
      const disable = await t.gql(
        `mutation($id: ID!) { updateUser(id: $id, input: { active: false }) { active } }`,
        { id: user.id },
        admin.token,
      );
      expect(disable.errors).toBeUndefined();
      const res = await t.gql(ME, {}, tokens.accessToken);
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    });
  });

  describe('refresh token', () => {
    it('rotates: the new access and refresh tokens work', async () => {
      const { user, tokens } = await newSession();
      const res = await refresh(tokens.refreshToken);
      expect(res.errors).toBeUndefined();
      const next: Tokens = res.data.refreshSession;
      expect(next.refreshToken).not.toBe(tokens.refreshToken);
      expect((await t.gql(ME, {}, next.accessToken)).data.me.id).toBe(user.id);
      expect((await refresh(next.refreshToken)).errors).toBeUndefined();
    });

    it('refuses a rotated refresh token when it is presented again', async () => {
      const { tokens } = await newSession();
      await refresh(tokens.refreshToken);
      const reuse = await refresh(tokens.refreshToken);
      expect(reuse.data).toBeNull();
      expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
    });

    it('revokes the whole family on reuse, so the newest refresh token is dead too', async () => {
      const { tokens } = await newSession();
      const newest: Tokens = (await refresh(tokens.refreshToken)).data.refreshSession;
      await refresh(tokens.refreshToken); // the stolen, already rotated token
      const res = await refresh(newest.refreshToken);
      expect(res.data).toBeNull();
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    });

    it('logs the reuse as REFRESH_TOKEN_REUSED', async () => {
      const { user, tokens } = await newSession();
      await refresh(tokens.refreshToken);
      await refresh(tokens.refreshToken);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM access_log WHERE action = 'REFRESH_TOKEN_REUSED' AND $1::uuid = ANY(subject_ids)`,
        [user.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('does not touch the sessions of other logins of the same user', async () => {
      const { user, tokens } = await newSession();
      const other: Tokens = (
        await t.gql(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } })
      ).data.login;
      await refresh(tokens.refreshToken);
      await refresh(tokens.refreshToken);
      expect((await refresh(other.refreshToken)).errors).toBeUndefined();
    });

    it('is refused when it has expired', async () => {
      const { tokens } = await newSession();
      await t.db.query(
        `UPDATE refresh_token SET expires_at = app_now() - interval '1 second' WHERE id = $1`,
        [tokens.refreshToken.split('.')[0]],
      );
      expect(codeOf(await refresh(tokens.refreshToken))).toBe('UNAUTHENTICATED');
    });

    it('is refused with a wrong secret part', async () => {
      const { tokens } = await newSession();
      const [id] = tokens.refreshToken.split('.');
      expect(codeOf(await refresh(`${id}.${'x'.repeat(43)}`))).toBe('UNAUTHENTICATED');
    });

    it('is refused after the user is disabled', async () => {
      const { user, tokens } = await newSession();
      await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
      expect(codeOf(await refresh(tokens.refreshToken))).toBe('UNAUTHENTICATED');
    });
  });

  describe('logout', () => {
    it('revokes the refresh token', async () => {
      const { tokens } = await newSession();
      const res = await t.gql(LOGOUT, { input: { refreshToken: tokens.refreshToken } });
      expect(res.data.logout).toBe(true);
      const after = await refresh(tokens.refreshToken);
      expect(after.data).toBeNull();
      expect(codeOf(after)).toBe('UNAUTHENTICATED');
    });

    it('revokes the refresh tokens rotated from the same login', async () => {
      const { tokens } = await newSession();
      const next: Tokens = (await refresh(tokens.refreshToken)).data.refreshSession;
      await t.gql(LOGOUT, { input: { refreshToken: next.refreshToken } });
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM refresh_token WHERE family_id =
           (SELECT family_id FROM refresh_token WHERE id = $1) AND revoked_at IS NULL`,
        [tokens.refreshToken.split('.')[0]],
      );
      expect(rows[0].n).toBe(0);
    });

    it('is logged as LOGOUT by the user', async () => {
      const { user, tokens } = await newSession();
      await t.gql(LOGOUT, { input: { refreshToken: tokens.refreshToken } });
      const { rows } = await t.db.query(
        `SELECT actor_user_id FROM access_log WHERE action = 'LOGOUT' AND $1::uuid = ANY(subject_ids)`,
        [user.id],
      );
      expect(rows).toEqual([{ actor_user_id: user.id }]);
    });
  });
});
