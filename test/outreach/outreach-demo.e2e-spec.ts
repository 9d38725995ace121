import { DEMO_STEPS } from '../../src/demo/demo-seed';
import { DEMO_OUTREACH } from '../../src/demo/outreach.demo';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('outreach demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // Only the steps this one needs, so another domain's step cannot break this test.
    for (const step of DEMO_STEPS.filter((s) => ['identity', 'outreach'].includes(s.name))) {
      await t.ds.transaction((em) => step.run(em, t.config.clock, t.config.secretsKey));
    }
  });
  afterAll(() => t.close());

  it('gives coordinator@trelleborg.demo a work list with every kind of need', async () => {
    const token = await login(t, 'coordinator@trelleborg.demo', DEMO_PASSWORD);
    const res = await t.gql(
      `{ workList(first: 100) { totalCount edges { node { youngPersonId givenName reason } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.workList.edges.map((e: any) => e.node);
    const reasons = nodes.map((n: any) => n.reason);
    expect(reasons.slice(0, 5)).toEqual([
      'NO_RESPONSIBLE',
      'NO_FOLLOW_UP_DATE',
      'FOLLOW_UP_OVERDUE',
      'FOLLOW_UP_OVERDUE',
      'NEVER_CONTACTED',
    ]);
    for (const r of [
      'GUARDIAN_DECLINED_BOOK_HOME_VISIT',
      'LETTERS_UNANSWERED_HOME_VISIT_DUE',
      'KEEP_IN_TOUCH',
    ]) {
      expect(reasons).toContain(r);
    }
    const byId = Object.fromEntries(nodes.map((n: any) => [n.youngPersonId, n.reason]));
    expect(byId[DEMO_OUTREACH.lettersUnansweredId]).toBe('LETTERS_UNANSWERED_HOME_VISIT_DUE');
    expect(byId[DEMO_OUTREACH.guardianDeclinedId]).toBe('GUARDIAN_DECLINED_BOOK_HOME_VISIT');
    expect(byId[DEMO_OUTREACH.neverContactedId]).toBe('NEVER_CONTACTED');
    expect(nodes.map((n: any) => n.givenName)).not.toContain('Omar'); // occupation known
    expect(nodes.map((n: any) => n.givenName)).not.toContain('Zara'); // Malmö

    const malmo = await login(t, 'coordinator@malmo.demo', DEMO_PASSWORD);
    const mm = await t.gql(`{ workList { edges { node { givenName } } } }`, {}, malmo);
    expect(mm.data.workList.edges.map((e: any) => e.node.givenName).sort()).toEqual([
      'Theo',
      'Zara',
    ]);
  });

  it('loads once: running the step again changes nothing', async () => {
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM contact_attempt`)).rows[0].n;
    const before = await count();
    const step = DEMO_STEPS.find((s) => s.name === 'outreach')!;
    await t.ds.transaction((em) => step.run(em, t.config.clock, t.config.secretsKey));
    expect(await count()).toBe(before);
  });
});
