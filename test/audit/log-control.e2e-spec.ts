import { AccessLogChainService } from '../../src/audit/access-log-chain.service';
import { verifyAccessLogExport } from '../../src/audit/access-log-export';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { insertPerson } from '../young-people/fixtures';

const SEARCH = `query ($requestId: String, $legalBasis: LegalBasis, $action: AccessAction, $subjectType: String) {
  accessLog(first: 100, requestId: $requestId, legalBasis: $legalBasis, action: $action, subjectType: $subjectType) {
    totalCount edges { node { requestId legalBasis action subjectType subjectIds } }
  }
}`;
const EXPORT = `query ($afterSeq: String, $first: Int) {
  accessLogExport(afterSeq: $afterSeq, first: $first) { jsonLines rows lastSeq lastHash }
}`;
const VERIFY = `query ($anchorSeq: String, $anchorHash: String) {
  verifyAccessLog(anchorSeq: $anchorSeq, anchorHash: $anchorHash) { valid checkedRows firstInvalidSeq }
}`;

describe('log control: search filters and the export for an outside archive', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmoCoordinator: TestUser;
  let auditor: TestUser;
  let person: string;
  let readRequestId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = (await createWorld(t, '1287')).org;
    const mmo = (await createWorld(t, '1280')).org;
    coordinator = await createUser(t, tbg.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmoCoordinator = await createUser(t, mmo.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    auditor = await createUser(t, tbg.OTHER, [Role.AUDITOR]);
    person = await insertPerson(t, { municipality: '1287' });
    const res = await t
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${coordinator.token}`)
      .set('content-type', 'application/json')
      .send({
        query: `query ($id: ID!) { youngPerson(id: $id) { givenName } }`,
        variables: { id: person },
      });
    expect(res.body.errors).toBeUndefined();
    readRequestId = res.headers['x-request-id'];
    // A Malmö read, in the same chain, that a Trelleborg auditor must not see in full.
    await t.gql(`{ youngPeople(first: 5) { totalCount } }`, {}, malmoCoordinator.token);
    await t.app.get(AccessLogChainService).seal();
  });
  afterAll(() => t.close());

  const rowsOf = async (variables: Record<string, unknown>) => {
    const res = await t.gql(SEARCH, variables, auditor.token);
    expect(res.errors).toBeUndefined();
    return res.data.accessLog.edges.map((e: any) => e.node);
  };

  it('finds the rows of one request by its id, and none for another id', async () => {
    expect(readRequestId).toEqual(expect.any(String));
    const rows = await rowsOf({ requestId: readRequestId });
    expect(rows).toEqual([
      {
        requestId: readRequestId,
        legalBasis: 'STATUTORY_DUTY',
        action: 'READ',
        subjectType: 'YOUNG_PERSON',
        subjectIds: [person],
      },
    ]);
    expect(await rowsOf({ requestId: 'no-such-request' })).toEqual([]);
  });

  it('filters by legal basis, action and record type, each row matching', async () => {
    const statutory = await rowsOf({ legalBasis: 'STATUTORY_DUTY' });
    expect(statutory.length).toBeGreaterThan(0);
    expect(statutory.every((r: any) => r.legalBasis === 'STATUTORY_DUTY')).toBe(true);
    const logins = await rowsOf({ action: 'LOGIN_SUCCEEDED', legalBasis: 'AUTHENTICATION' });
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((r: any) => r.action === 'LOGIN_SUCCEEDED')).toBe(true);
    expect(await rowsOf({ legalBasis: 'CONSENT' })).toEqual([]);
    const people = await rowsOf({ subjectType: 'YOUNG_PERSON', action: 'READ' });
    expect(people.map((r: any) => r.requestId)).toContain(readRequestId);
    expect(people.every((r: any) => r.subjectType === 'YOUNG_PERSON')).toBe(true);
    const bad = await t.gql(SEARCH, { subjectType: "x' OR 1=1" }, auditor.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badBasis = await t.gql(SEARCH, { legalBasis: 'WHIM' }, auditor.token);
    expect(badBasis.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(SEARCH, {}, coordinator.token)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('exports JSON lines whose chain verifies; a truncated copy fails, also against the kept anchor', async () => {
    const res = await t.gql(EXPORT, { afterSeq: '0', first: 10000 }, auditor.token);
    expect(res.errors).toBeUndefined();
    const exp = res.data.accessLogExport;
    expect(exp.rows).toBeGreaterThan(3);
    const ok = verifyAccessLogExport(exp.jsonLines);
    expect(ok).toMatchObject({
      valid: true,
      rows: exp.rows,
      anchor: { lastSeq: exp.lastSeq, lastHash: exp.lastHash },
    });
    const lines = exp.jsonLines
      .trim()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    // The Trelleborg auditor gets Malmö's rows as hash links only: no other tenant's ids.
    expect(lines.some((l: any) => l.type === 'link')).toBe(true);
    expect(exp.jsonLines).not.toContain(malmoCoordinator.id);
    expect(exp.jsonLines).toContain(person);

    // Cut the newest two rows, keep the anchor: the anchor no longer names the last row.
    const all = exp.jsonLines.trim().split('\n');
    const cut = [...all.slice(0, -3), all[all.length - 1]].join('\n');
    expect(verifyAccessLogExport(cut)).toMatchObject({ valid: false });
    // Cut them and forge a matching anchor: the copy now ends before the anchor kept outside.
    const body = all.slice(0, -3);
    const newLast = JSON.parse(body[body.length - 1]);
    const forged = [
      ...body,
      JSON.stringify({
        type: 'anchor',
        lastSeq: newLast.seq,
        lastHash: newLast.hash,
        rows: body.length - 1,
      }),
    ].join('\n');
    expect(verifyAccessLogExport(forged).valid).toBe(true);
    expect(
      verifyAccessLogExport(forged, { lastSeq: exp.lastSeq, lastHash: exp.lastHash }),
    ).toMatchObject({ valid: false });
    // An edited row fails too.
    const edited = exp.jsonLines.replace(person, '00000000-0000-4000-8000-000000000000');
    expect(verifyAccessLogExport(edited).valid).toBe(false);
  });

  it('the live log is checked against a kept anchor: cutting its newest rows is found', async () => {
    const exp = (await t.gql(EXPORT, {}, auditor.token)).data.accessLogExport;
    const anchor = { anchorSeq: exp.lastSeq, anchorHash: exp.lastHash };
    expect((await t.gql(VERIFY, anchor, auditor.token)).data.verifyAccessLog.valid).toBe(true);
    // The next export continues from the anchor and verifies on its own.
    await t.gql(
      `query ($id: ID!) { youngPerson(id: $id) { id } }`,
      { id: person },
      coordinator.token,
    );
    await t.app.get(AccessLogChainService).seal();
    const next = (await t.gql(EXPORT, { afterSeq: exp.lastSeq }, auditor.token)).data
      .accessLogExport;
    expect(next.rows).toBeGreaterThan(0);
    expect(verifyAccessLogExport(next.jsonLines).valid).toBe(true);
    expect(JSON.parse(next.jsonLines.split('\n')[1]).prevHash).toBe(exp.lastHash);
    // Someone with the owner's rights removes the newest rows, anchor included.
    await t.db.query(`ALTER TABLE access_log DISABLE TRIGGER USER`);
    await t.db.query(`DELETE FROM access_log WHERE seal_seq >= $1`, [exp.lastSeq]);
    await t.db.query(`ALTER TABLE access_log ENABLE TRIGGER USER`);
    const alone = (await t.gql(VERIFY, {}, auditor.token)).data.verifyAccessLog;
    expect(alone.valid).toBe(true); // the chain alone cannot tell
    const checked = (await t.gql(VERIFY, anchor, auditor.token)).data.verifyAccessLog;
    expect(checked).toMatchObject({ valid: false, firstInvalidSeq: exp.lastSeq });
    expect(
      (await t.gql(VERIFY, { anchorSeq: '1' }, auditor.token)).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
