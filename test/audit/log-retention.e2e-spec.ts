/**
 * The access log is kept on its own period (DESIGN §7): access_log_years per municipality,
 * 5 unless it sets otherwise, independent of data retention. The retention job removes a
 * row past its period and leaves a tombstone, so the chain, the exports and a kept anchor
 * still verify; a row removed before its time breaks the chain.
 */
import { randomUUID } from 'node:crypto';
import { AccessLogChainService } from '../../src/audit/access-log-chain.service';
import { verifyAccessLogExport } from '../../src/audit/access-log-export';
import { Role } from '../../src/identity/role.enum';
import { RetentionPurgeService } from '../../src/retention/retention-purge.service';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const VERIFY = `query($seq: String, $hash: String) {
  verifyAccessLog(anchorSeq: $seq, anchorHash: $hash) { valid checkedRows firstInvalidSeq } }`;
const EXPORT = `{ accessLogExport(afterSeq: "0", first: 10000) { jsonLines lastSeq lastHash } }`;
const SETTINGS = `mutation($input: RetentionSettingsInput!) { updateRetentionSettings(input: $input) { accessLogYears } }`;

describe('the access log on its own retention period', () => {
  let t: TestApp;
  let auditor: TestUser;
  let malmoAdmin: TestUser;
  const old: Record<string, string> = {};

  const insertRow = async (municipality: string, years: number) => {
    const { rows } = await t.db.query(
      `INSERT INTO access_log (occurred_at, actor_municipality_code, subject_municipality_code, action,
          subject_type, subject_ids, young_person_ids, legal_basis)
       VALUES (app_now() - make_interval(years => $2, days => 1), $1, $1, 'READ', 'YOUNG_PERSON',
               ARRAY[$3]::uuid[], ARRAY[$3]::uuid[], 'STATUTORY_DUTY') RETURNING id`,
      [municipality, years, randomUUID()],
    );
    return rows[0].id as string;
  };
  const live = async (id: string) =>
    (await t.db.query(`SELECT 1 FROM access_log WHERE id = $1`, [id])).rows.length === 1;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = (await createWorld(t, '1287')).org;
    const mmo = (await createWorld(t, '1280')).org;
    auditor = await createUser(t, tbg.OTHER, [Role.AUDITOR]);
    malmoAdmin = await createUser(t, mmo.OTHER, [Role.MUNICIPALITY_ADMIN]);
    old.tbgSix = await insertRow('1287', 6);
    old.tbgSixToo = await insertRow('1287', 6);
    old.tbgFour = await insertRow('1287', 4);
    old.mmoSix = await insertRow('1280', 6);
    await t.app.get(AccessLogChainService).seal();
  });
  afterAll(() => t.close());

  it('a municipality sets its own log period; out of range is refused', async () => {
    const set = await t.gql(
      SETTINGS,
      {
        input: {
          kaaMonths: 24,
          closedCaseMonths: 24,
          noticeFlagMonths: 12,
          withdrawnConsentMonths: 3,
          accessLogYears: 10,
        },
      },
      malmoAdmin.token,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data.updateRetentionSettings.accessLogYears).toBe(10);
    const bad = await t.gql(
      SETTINGS,
      {
        input: {
          kaaMonths: 24,
          closedCaseMonths: 24,
          noticeFlagMonths: 12,
          withdrawnConsentMonths: 3,
          accessLogYears: 0,
        },
      },
      malmoAdmin.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a row cannot go before its period, even with a tombstone', async () => {
    const { rows } = await t.db.query(
      `SELECT seal_seq, prev_hash, hash, occurred_at FROM access_log WHERE id = $1`,
      [old.tbgFour],
    );
    const r = rows[0];
    await t.db.query(
      `INSERT INTO access_log_tombstone (seal_seq, prev_hash, hash, occurred_at, municipality_code)
       VALUES ($1, $2, $3, $4, '1287')`,
      [r.seal_seq, r.prev_hash, r.hash, r.occurred_at],
    );
    await expect(t.db.query(`DELETE FROM access_log WHERE id = $1`, [old.tbgFour])).rejects.toThrow(
      /append-only/,
    );
    expect(await live(old.tbgFour)).toBe(true);
    await t.db.query(`DELETE FROM access_log_tombstone WHERE seal_seq = $1`, [r.seal_seq]);
    // The application's role cannot write tombstones at all.
    const { rows: grants } = await t.db.query(
      `SELECT has_table_privilege('portal_app', 'access_log_tombstone', 'INSERT') AS ins,
              has_table_privilege('portal_app', 'access_log_tombstone', 'DELETE') AS del`,
    );
    expect(grants).toEqual([{ ins: false, del: false }]);
  });

  it('the job removes only rows past their own period; the chain, an export and a kept anchor still verify', async () => {
    const { rows: removedSeq } = await t.db.query(`SELECT seal_seq FROM access_log WHERE id = $1`, [
      old.tbgSix,
    ]);
    const before = await t.gql(EXPORT, {}, auditor.token);
    const anchor = before.data.accessLogExport;
    expect((await t.gql(VERIFY, {}, auditor.token)).data.verifyAccessLog.valid).toBe(true);

    const result = await t.app.get(RetentionPurgeService).run('API');
    expect(result.counts.access_log).toBe(2);
    expect(await live(old.tbgSix)).toBe(false);
    expect(await live(old.tbgSixToo)).toBe(false);
    expect(await live(old.tbgFour)).toBe(true); // within Trelleborg's 5 years
    expect(await live(old.mmoSix)).toBe(true); // Malmö keeps 10 years
    const { rows: stones } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log_tombstone`,
    );
    expect(stones[0].n).toBe(2);
    // A second run removes nothing.
    expect((await t.app.get(RetentionPurgeService).run('API')).counts.access_log).toBeUndefined();

    const verified = (await t.gql(VERIFY, {}, auditor.token)).data.verifyAccessLog;
    expect(verified).toMatchObject({ valid: true, firstInvalidSeq: null });
    const withAnchor = await t.gql(
      VERIFY,
      { seq: anchor.lastSeq, hash: anchor.lastHash },
      auditor.token,
    );
    expect(withAnchor.data.verifyAccessLog.valid).toBe(true);
    const after = (await t.gql(EXPORT, {}, auditor.token)).data.accessLogExport;
    expect(verifyAccessLogExport(after.jsonLines).valid).toBe(true);
    // A removed row travels as a link: its content is gone from the export too.
    expect(before.data.accessLogExport.jsonLines).toContain(
      `{"type":"row","seq":"${removedSeq[0].seal_seq}"`,
    );
    expect(after.jsonLines).toContain(`{"type":"link","seq":"${removedSeq[0].seal_seq}"`);
  });

  it('a row removed before its time breaks the chain at its position', async () => {
    const { rows } = await t.db.query(
      `SELECT seal_seq, prev_hash, hash, occurred_at FROM access_log WHERE id = $1`,
      [old.tbgFour],
    );
    const r = rows[0];
    await t.db.query(
      `INSERT INTO access_log_tombstone (seal_seq, prev_hash, hash, occurred_at, municipality_code)
       VALUES ($1, $2, $3, $4, '1287')`,
      [r.seal_seq, r.prev_hash, r.hash, r.occurred_at],
    );
    await t.db.query(`SET session_replication_role = replica`);
    try {
      await t.db.query(`DELETE FROM access_log WHERE id = $1`, [old.tbgFour]);
    } finally {
      await t.db.query(`SET session_replication_role = DEFAULT`);
    }
    expect((await t.gql(VERIFY, {}, auditor.token)).data.verifyAccessLog).toMatchObject({
      valid: false,
      firstInvalidSeq: String(r.seal_seq),
    });
  });
});
