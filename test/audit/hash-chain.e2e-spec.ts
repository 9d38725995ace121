import { AccessLogChainService } from '../../src/audit/access-log-chain.service';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const VERIFY = `{ verifyAccessLog { valid checkedRows unsealedRows firstInvalidSeq } }`;

/** Sealed rows form a hash chain; editing or removing one is detected by verifyAccessLog. */
describe('access-log hash chain', () => {
  let t: TestApp;
  let auditor: TestUser;
  let sealer: AccessLogChainService;

  beforeEach(async () => {
    t = await createTestApp();
    sealer = t.app.get(AccessLogChainService);
    const { org } = await createWorld(t, '1280');
    auditor = await createUser(t, org[OrganisationKind.OTHER], [Role.AUDITOR]);
    // A few more logged events: logins of other users.
    for (const kind of [OrganisationKind.SCHOOL, OrganisationKind.YOUTH_TEAM]) {
      await createUser(t, org[kind], [Role.COUNSELLOR]);
    }
  });
  afterEach(() => t.close());

  const verify = async () => (await t.gql(VERIFY, {}, auditor.token)).data.verifyAccessLog;

  /** Changes a sealed row behind the triggers' back, as a database superuser could. */
  async function asSuperuser(sql: string, params: unknown[]) {
    await t.db.query(`SET session_replication_role = replica`);
    try {
      await t.db.query(sql, params);
    } finally {
      await t.db.query(`SET session_replication_role = DEFAULT`);
    }
  }

  it('seals every written row and links each to its predecessor', async () => {
    const sealed = await sealer.seal();
    expect(sealed).toBeGreaterThanOrEqual(3);
    const { rows } = await t.db.query(
      `SELECT seal_seq, prev_hash, hash FROM access_log ORDER BY seal_seq`,
    );
    expect(rows.map((r) => Number(r.seal_seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0].prev_hash).toBe('');
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
  });

  it('seals rows written after an earlier seal onto the end of the chain', async () => {
    const first = await sealer.seal();
    await createUser(t, auditor.organisationId, [Role.MANAGER]);
    expect(await sealer.seal()).toBe(1);
    const { rows } = await t.db.query(`SELECT max(seal_seq)::int AS last FROM access_log`);
    expect(rows[0].last).toBe(first + 1);
  });

  it('verifies an untouched log as valid', async () => {
    await sealer.seal();
    const result = await verify();
    expect(result).toMatchObject({ valid: true, unsealedRows: 0, firstInvalidSeq: null });
    expect(result.checkedRows).toBeGreaterThanOrEqual(3);
  });

  it('reports an edited sealed row as invalid, naming its position', async () => {
    await sealer.seal();
    await asSuperuser(`UPDATE access_log SET action = 'LOGOUT' WHERE seal_seq = 2`, []);
    expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: '2' });
  });

  it('reports a removed sealed row as invalid', async () => {
    await sealer.seal();
    await asSuperuser(`DELETE FROM access_log WHERE seal_seq = 2`, []);
    expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: '2' });
  });

  it('reports a row whose hash was recomputed without the chain as invalid', async () => {
    await sealer.seal();
    await asSuperuser(
      `UPDATE access_log SET subject_ids = subject_ids || gen_random_uuid(), hash = repeat('0', 64) WHERE seal_seq = 1`,
      [],
    );
    expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: '1' });
  });

  it('is refused to everyone but auditors', async () => {
    const admin = await createUser(t, auditor.organisationId, [Role.MUNICIPALITY_ADMIN]);
    const res = await t.gql(VERIFY, {}, admin.token);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
