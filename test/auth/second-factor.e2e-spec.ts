import { generate } from 'otplib';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, login, TEST_PASSWORD, TestUser } from '../support/factories';
import { createTestApp, GqlResult, TestApp } from '../support/test-app';
import { insertPerson } from '../young-people/fixtures';

const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken user { id } }
}`;
const SIGN_IN = `{ mySignIn { secondFactorEnrolled recoveryCodesLeft assuranceLevel withheld permissions } }`;
const START = `mutation { startTotpEnrolment { secret otpauthUri } }`;
const CONFIRM = `mutation($code: String!) { confirmTotpEnrolment(input: { code: $code }) { codes } }`;
const OPEN_EMERGENCY = `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id active } }`;
const RESET = `mutation($id: ID!) { resetSecondFactor(userId: $id) }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An authenticator app: the code of the current 30-second step, never one the portal has
 * already seen (it refuses those), waiting for the next step when needed.
 */
function authenticator(secret: string) {
  let last = -1;
  return {
    async next(): Promise<string> {
      for (;;) {
        const current = Math.floor(Date.now() / 30_000);
        const step = Math.max(last + 1, current);
        if (step <= current) {
          last = step;
          return generate({ secret, epoch: step * 30 + 1 });
        }
        await sleep(500);
      }
    },
    /** The code just given again (a replay). */
    last(): Promise<string> {
      return generate({ secret, epoch: last * 30 + 1 });
    },
  };
}

describe('second factor (TOTP and recovery codes) and assurance per role', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let social: TestUser;
  let app: ReturnType<typeof authenticator>;
  let recoveryCodes: string[];
  let youngPersonId: string;

  beforeAll(async () => {
    // The production default for the two permissions, and one role asking for it too.
    t = await createTestApp({
      ASSURANCE_LEVELS: JSON.stringify({ EMERGENCY_ACCESS: 3, PROTECTED_IDENTITY: 3, AUDITOR: 3 }),
      LOGIN_MAX_FAILURES: '5',
    });
    world = await createWorld(t, '1287');
    social = await createUser(
      t,
      world.org[OrganisationKind.SOCIAL_SERVICES],
      [Role.SOCIAL_WORKER],
      {
        login: false,
      },
    );
    await t.db.query(`UPDATE app_user SET permissions = '{EMERGENCY_ACCESS}' WHERE id = $1`, [
      social.id,
    ]);
    youngPersonId = await insertPerson(t);
  });
  afterAll(() => t.close());

  const loginWith = (email: string, secondFactor?: string): Promise<GqlResult<any>> =>
    t.gql(LOGIN, {
      input: { email, password: TEST_PASSWORD, ...(secondFactor ? { secondFactor } : {}) },
    });
  const emergencyRows = async (userId: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM emergency_access WHERE user_id = $1`, [
        userId,
      ])
    ).rows[0].n as number;
  const openEmergency = (token: string) =>
    t.gql(
      OPEN_EMERGENCY,
      { i: { youngPersonId, reason: 'Akut fara för den unges liv, polisen larmar' } },
      token,
    );

  it('a password-only session does not hold EMERGENCY_ACCESS; enrolling and confirming raises it', async () => {
    const token = await login(t, social.email);
    const before = await t.gql(SIGN_IN, {}, token);
    expect(before.data.mySignIn).toEqual({
      secondFactorEnrolled: false,
      recoveryCodesLeft: 0,
      assuranceLevel: 1,
      withheld: ['EMERGENCY_ACCESS'],
      permissions: [],
    });
    const refused = await openEmergency(token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await emergencyRows(social.id)).toBe(0);

    const started = await t.gql(START, {}, token);
    expect(started.errors).toBeUndefined();
    const { secret, otpauthUri } = started.data.startTotpEnrolment;
    expect(secret).toMatch(/^[A-Z2-7]{26,}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Ungdomsportalen:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const { rows: stored } = await t.db.query(`SELECT * FROM user_totp WHERE user_id = $1`, [
      social.id,
    ]);
    expect(stored[0].secret_sealed).not.toContain(secret);
    expect(stored[0].confirmed_at).toBeNull();
    app = authenticator(secret);

    // Not yet in force: the login still takes the password alone.
    expect((await loginWith(social.email)).errors).toBeUndefined();

    const code = await app.next();
    const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10));
    const bad = await t.gql(CONFIRM, { code: wrong }, token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (await t.db.query(`SELECT confirmed_at FROM user_totp WHERE user_id = $1`, [social.id]))
        .rows[0].confirmed_at,
    ).toBeNull();
    const badFormat = await t.gql(CONFIRM, { code: '12ab56' }, token);
    expect(badFormat.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const confirmed = await t.gql(CONFIRM, { code }, token);
    expect(confirmed.errors).toBeUndefined();
    recoveryCodes = confirmed.data.confirmTotpEnrolment.codes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const { rows: hashes } = await t.db.query(
      `SELECT code_hash FROM user_recovery_code WHERE user_id = $1`,
      [social.id],
    );
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain(recoveryCodes[0]);

    // This session has shown both factors now: the permission is in force, same token.
    const after = await t.gql(SIGN_IN, {}, token);
    expect(after.data.mySignIn).toEqual({
      secondFactorEnrolled: true,
      recoveryCodesLeft: 10,
      assuranceLevel: 3,
      withheld: [],
      permissions: ['EMERGENCY_ACCESS'],
    });
    const opened = await openEmergency(token);
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openEmergencyAccess.active).toBe(true);

    const { rows: logged } = await t.db.query(
      `SELECT action, fields, legal_basis FROM access_log WHERE $1::uuid = ANY(subject_ids) AND subject_type = 'USER' AND action = 'UPDATE' ORDER BY id`,
      [social.id],
    );
    expect(logged.map((r) => r.fields)).toEqual([
      ['secondFactor'],
      ['secondFactor', 'recoveryCodes'],
    ]);
    expect(logged.every((r) => r.legal_basis === 'AUTHENTICATION')).toBe(true);
    // A second enrolment over a confirmed one is refused.
    expect((await t.gql(START, {}, token)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('an enrolled account asks for the code; a code works once; a wrong one counts as a failed login', async () => {
    const missing = await loginWith(social.email);
    expect(missing.data).toBeNull();
    expect(missing.errors?.[0].extensions?.code).toBe('SECOND_FACTOR_REQUIRED');

    const code = await app.next();
    const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10));
    const failuresBefore = (
      await t.db.query(`SELECT failed_login_count FROM app_user WHERE id = $1`, [social.id])
    ).rows[0].failed_login_count;
    const bad = await loginWith(social.email, wrong);
    const wrongPassword = await t.gql(LOGIN, {
      input: { email: social.email, password: 'not the password!' },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(bad.errors?.[0].message).toBe(wrongPassword.errors?.[0].message);
    const failuresAfter = (
      await t.db.query(`SELECT failed_login_count FROM app_user WHERE id = $1`, [social.id])
    ).rows[0].failed_login_count;
    expect(failuresAfter).toBe(failuresBefore + 2);

    const ok = await loginWith(social.email, code);
    expect(ok.errors).toBeUndefined();
    const token = ok.data.login.accessToken;
    expect((await t.gql(SIGN_IN, {}, token)).data.mySignIn.assuranceLevel).toBe(3);
    expect((await openEmergency(token)).errors).toBeUndefined();
    // The refreshed session keeps the level it was opened with.
    const refreshed = await t.gql(
      `mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`,
      { r: ok.data.login.refreshToken },
    );
    expect(
      (await t.gql(SIGN_IN, {}, refreshed.data.refreshSession.accessToken)).data.mySignIn
        .assuranceLevel,
    ).toBe(3);

    const replayed = await loginWith(social.email, await app.last());
    expect(replayed.data).toBeNull();
    expect(replayed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const { rows } = await t.db.query(
      `SELECT fields FROM access_log WHERE action = 'LOGIN_SUCCEEDED' AND $1::uuid = ANY(subject_ids) ORDER BY id DESC LIMIT 1`,
      [social.id],
    );
    expect(rows[0].fields).toEqual(['password', 'TOTP']);
  });

  it('a recovery code signs in once, in any letter case and without its dash', async () => {
    const [first, second] = recoveryCodes;
    const ok = await loginWith(social.email, first);
    expect(ok.errors).toBeUndefined();
    const status = await t.gql(SIGN_IN, {}, ok.data.login.accessToken);
    expect(status.data.mySignIn).toMatchObject({ assuranceLevel: 3, recoveryCodesLeft: 9 });
    const again = await loginWith(social.email, first);
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const typed = await loginWith(social.email, second.replace('-', '').toUpperCase());
    expect(typed.errors).toBeUndefined();
    const { rows } = await t.db.query(
      `SELECT fields FROM access_log WHERE action = 'LOGIN_SUCCEEDED' AND $1::uuid = ANY(subject_ids) ORDER BY id DESC LIMIT 1`,
      [social.id],
    );
    expect(rows[0].fields).toEqual(['password', 'RECOVERY_CODE']);
  });

  it('a role can ask for the level too: an auditor with a password alone cannot read the log', async () => {
    const auditor = await createUser(t, world.org[OrganisationKind.YOUTH_TEAM], [Role.AUDITOR]);
    const status = await t.gql(SIGN_IN, {}, auditor.token);
    expect(status.data.mySignIn).toMatchObject({ assuranceLevel: 1, withheld: ['AUDITOR'] });
    const refused = await t.gql(
      `{ accessLog(first: 1) { edges { node { id } } } }`,
      {},
      auditor.token,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { secret } = (await t.gql(START, {}, auditor.token)).data.startTotpEnrolment;
    const auditorApp = authenticator(secret);
    expect(
      (await t.gql(CONFIRM, { code: await auditorApp.next() }, auditor.token)).errors,
    ).toBeUndefined();
    const read = await t.gql(
      `{ accessLog(first: 1) { edges { node { id } } } }`,
      {},
      auditor.token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.accessLog.edges).toHaveLength(1);
  });

  it('a municipality admin removes a lost factor; others cannot', async () => {
    const coordinator = await createUser(t, world.org[OrganisationKind.YOUTH_TEAM], [
      Role.YOUTH_COORDINATOR,
    ]);
    const denied = await t.gql(RESET, { id: social.id }, coordinator.token);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await createWorld(t, '1280');
    const otherAdmin = await createUser(t, other.org[OrganisationKind.OTHER], [
      Role.MUNICIPALITY_ADMIN,
    ]);
    const hidden = await t.gql(RESET, { id: social.id }, otherAdmin.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM user_totp WHERE user_id = $1`, [social.id]))
        .rows[0].n,
    ).toBe(1);

    const admin = await createUser(t, world.org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    const reset = await t.gql(RESET, { id: social.id }, admin.token);
    expect(reset.errors).toBeUndefined();
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM user_totp WHERE user_id = $1`, [social.id]))
        .rows[0].n,
    ).toBe(0);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM user_recovery_code WHERE user_id = $1`, [
          social.id,
        ])
      ).rows[0].n,
    ).toBe(0);
    // Password alone again, and with it EMERGENCY_ACCESS is withheld again.
    const after = await loginWith(social.email);
    expect(after.errors).toBeUndefined();
    const status = await t.gql(SIGN_IN, {}, after.data.login.accessToken);
    expect(status.data.mySignIn).toMatchObject({
      secondFactorEnrolled: false,
      assuranceLevel: 1,
      withheld: ['EMERGENCY_ACCESS'],
    });
    const { rows } = await t.db.query(
      `SELECT actor_user_id, fields, legal_basis FROM access_log WHERE action = 'UPDATE' AND $1::uuid = ANY(subject_ids) ORDER BY id DESC LIMIT 1`,
      [social.id],
    );
    expect(rows[0]).toEqual({
      actor_user_id: admin.id,
      fields: ['secondFactor', 'recoveryCodes'],
      legal_basis: 'ADMINISTRATION',
    });
  });
});
