import { LogSampleJob, LOG_SAMPLE_JOB } from '../../src/audit/sample-checks/log-sample.job';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Role } from '../../src/identity/role.enum';
import { createYoungPerson } from '../cases/fixtures';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, GqlResult, TestApp } from '../support/test-app';

const PIN = '2027-03-10T09:30:00+01:00';
const CHECK_FIELDS = `id periodStart periodEnd sampleSize drawnByUserId signedOffAt signOffComment deviations unmarked
  items { id verdict comment entry { id action subjectMunicipalityCode actorUserId } }`;
const DRAW = `mutation($input: DrawLogSampleInput!) { drawLogSampleCheck(input: $input) { ${CHECK_FIELDS} } }`;
const MARK = `mutation($input: MarkLogSampleItemInput!) { markLogSampleItem(input: $input) { deviations unmarked } }`;
const SIGN = `mutation($id: ID!, $comment: String) {
  signOffLogSampleCheck(id: $id, input: { comment: $comment }) { signedOffAt signOffComment } }`;
const GET = `query($id: ID!) { logSampleCheck(id: $id) { ${CHECK_FIELDS} } }`;

describe('log control: a recurring sample check, marked and signed off', () => {
  let t: TestApp;
  let auditor: TestUser;
  let malmoAuditor: TestUser;
  let coordinator: TestUser;
  let checkId: string;
  let itemIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ APP_NOW: PIN });
    const tbg = (await createWorld(t, '1287')).org;
    const mmo = (await createWorld(t, '1280')).org;
    auditor = await createUser(t, tbg.OTHER, [Role.AUDITOR]);
    malmoAuditor = await createUser(t, mmo.OTHER, [Role.AUDITOR]);
    coordinator = await createUser(t, tbg.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    const malmoCoordinator = await createUser(t, mmo.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    // Reads to draw from: Trelleborg's residents by its coordinator, Malmö's by Malmö's.
    for (let i = 0; i < 4; i++) {
      const id = await createYoungPerson(t, '1287', 17);
      const res = await t.gql(
        `query($id: ID!) { youngPerson(id: $id) { id } }`,
        { id },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
    }
    const malmoPerson = await createYoungPerson(t, '1280', 17);
    await t.gql(
      `query($id: ID!) { youngPerson(id: $id) { id } }`,
      { id: malmoPerson },
      malmoCoordinator.token,
    );
  });
  afterAll(() => t.close());

  const code = (res: GqlResult) => res.errors?.[0].extensions?.code;
  const period = { periodStart: '2027-03-01', periodEnd: '2027-03-11' };

  it('draws N random reads of the own residents’ data in the period', async () => {
    const res = await t.gql(DRAW, { input: { ...period, sampleSize: 3 } }, auditor.token);
    expect(res.errors).toBeUndefined();
    const check = res.data.drawLogSampleCheck;
    expect(check).toMatchObject({ ...period, sampleSize: 3, deviations: 0, unmarked: 3 });
    expect(check.drawnByUserId).toBe(auditor.id);
    expect(check.items).toHaveLength(3);
    for (const item of check.items) {
      expect(item.entry.subjectMunicipalityCode).toBe('1287');
      expect(['READ', 'SEARCH', 'EXPORT']).toContain(item.entry.action);
      expect(item.entry.actorUserId).not.toBeNull();
      expect(item.verdict).toBeNull();
    }
    checkId = check.id;
    itemIds = check.items.map((i: { id: string }) => i.id);
  });

  it('refuses a second draw, bad periods, other roles and other municipalities', async () => {
    const count = async () =>
      Number((await t.db.query(`SELECT count(*) FROM log_sample_check`)).rows[0].count);
    const before = await count();
    expect(code(await t.gql(DRAW, { input: period }, auditor.token))).toBe('CONFLICT');
    expect(
      code(
        await t.gql(
          DRAW,
          { input: { periodStart: '2027-03-05', periodEnd: '2027-03-01' } },
          auditor.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      code(
        await t.gql(
          DRAW,
          { input: { periodStart: '2027-03-01', periodEnd: '2027-04-01' } },
          auditor.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(DRAW, { input: period }, coordinator.token))).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    // Malmö's auditor cannot tell that Trelleborg's check exists.
    expect(code(await t.gql(GET, { id: checkId }, malmoAuditor.token))).toBe('NOT_FOUND');
    expect(
      code(
        await t.gql(
          MARK,
          { input: { itemId: itemIds[0], verdict: 'JUSTIFIED' } },
          malmoAuditor.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(code(await t.gql(GET, { id: checkId }, coordinator.token))).toBe('FORBIDDEN');
  });

  it('is signed off only when every read is marked; a deviation needs a comment; signed is closed', async () => {
    expect(code(await t.gql(SIGN, { id: checkId }, auditor.token))).toBe('CONFLICT');
    const ok = await t.gql(
      MARK,
      { input: { itemId: itemIds[0], verdict: 'JUSTIFIED' } },
      auditor.token,
    );
    expect(ok.data.markLogSampleItem).toEqual({ deviations: 0, unmarked: 2 });
    expect(
      code(
        await t.gql(MARK, { input: { itemId: itemIds[1], verdict: 'DEVIATION' } }, auditor.token),
      ),
    ).toBe('BAD_USER_INPUT');
    const deviation = await t.gql(
      MARK,
      {
        input: {
          itemId: itemIds[1],
          verdict: 'DEVIATION',
          comment: 'Ingen ärendekoppling; frågat chefen',
        },
      },
      auditor.token,
    );
    expect(deviation.data.markLogSampleItem).toEqual({ deviations: 1, unmarked: 1 });
    expect(code(await t.gql(SIGN, { id: checkId }, auditor.token))).toBe('CONFLICT');
    await t.gql(MARK, { input: { itemId: itemIds[2], verdict: 'JUSTIFIED' } }, auditor.token);

    const signed = await t.gql(
      SIGN,
      { id: checkId, comment: 'En avvikelse, följs upp' },
      auditor.token,
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data.signOffLogSampleCheck.signedOffAt).not.toBeNull();
    expect(code(await t.gql(SIGN, { id: checkId }, auditor.token))).toBe('CONFLICT');
    expect(
      code(
        await t.gql(
          MARK,
          { input: { itemId: itemIds[0], verdict: 'DEVIATION', comment: 'x' } },
          auditor.token,
        ),
      ),
    ).toBe('CONFLICT');
    const check = (await t.gql(GET, { id: checkId }, auditor.token)).data.logSampleCheck;
    expect(check.items.map((i: { verdict: string }) => i.verdict).sort()).toEqual([
      'DEVIATION',
      'JUSTIFIED',
      'JUSTIFIED',
    ]);
    const { rows } = await t.db.query(
      `SELECT action, subject_type, fields, legal_basis FROM access_log
        WHERE actor_user_id = $1 AND subject_type LIKE 'LOG_SAMPLE_%' ORDER BY id`,
      [auditor.id],
    );
    expect(rows.map((r) => `${r.action} ${r.subject_type} ${r.legal_basis}`)).toEqual([
      'CREATE LOG_SAMPLE_CHECK AUDIT',
      'UPDATE LOG_SAMPLE_ITEM AUDIT',
      'UPDATE LOG_SAMPLE_ITEM AUDIT',
      'UPDATE LOG_SAMPLE_ITEM AUDIT',
      'UPDATE LOG_SAMPLE_CHECK AUDIT',
    ]);
  });

  it('the scheduled job draws last month’s check for each municipality with an auditor, once', async () => {
    expect(t.app.get(SchedulerRegistry).getCronJob(LOG_SAMPLE_JOB)).toBeDefined();
    const job = t.app.get(LogSampleJob);
    expect(await job.tick()).toBe(2);
    expect(await job.tick()).toBe(0);
    const { rows } = await t.db.query(
      `SELECT municipality_code, to_char(period_start, 'YYYY-MM-DD') AS s, to_char(period_end, 'YYYY-MM-DD') AS e,
              drawn_by_user_id FROM log_sample_check WHERE drawn_by_user_id IS NULL ORDER BY municipality_code`,
    );
    expect(rows).toEqual([
      { municipality_code: '1280', s: '2027-02-01', e: '2027-03-01', drawn_by_user_id: null },
      { municipality_code: '1287', s: '2027-02-01', e: '2027-03-01', drawn_by_user_id: null },
    ]);
    const listed = await t.gql(
      `{ logSampleChecks { totalCount edges { node { periodStart } } } }`,
      {},
      auditor.token,
    );
    expect(listed.data.logSampleChecks.totalCount).toBe(2);
    expect(listed.data.logSampleChecks.edges.map((e: any) => e.node.periodStart)).toEqual([
      '2027-03-01',
      '2027-02-01',
    ]);
  });
});
