import { DEMO_STEPS } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { DEMO_YOUNG_PEOPLE } from '../../src/demo/young-people.demo';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('young-people demo data', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    for (const step of DEMO_STEPS.filter((s) => ['identity', 'young-people'].includes(s.name))) {
      await t.ds.transaction((em) => step.run(em, t.config.clock, t.config.secretsKey));
    }
    token = await login(t, 'coordinator@trelleborg.demo', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('gives Trelleborg about forty young people in every state', async () => {
    const count = async (vars: string) => {
      const res = await t.gql(`{ youngPeople(first: 1${vars}) { totalCount } }`, {}, token);
      expect(res.errors).toBeUndefined();
      return res.data.youngPeople.totalCount as number;
    };
    expect(await count('')).toBeGreaterThanOrEqual(38);
    expect(await count(', inKaa: true, known: false')).toBeGreaterThanOrEqual(10);
    expect(await count(', inKaa: true, neverContacted: true')).toBeGreaterThanOrEqual(5);
    expect(await count(', known: true')).toBeGreaterThanOrEqual(10);
  });

  it('has a revised plan, measures in every state, closures and the register rules', async () => {
    const res = await t.gql(
      `query($id: ID!) { youngPerson(id: $id) { known currentOccupation { category }
         kaaPlans { versions { version } } measures { status } kaaClosures { kind occupationTitle } } }`,
      { id: DEMO_YOUNG_PEOPLE.jonasId },
      token,
    );
    expect(res.errors).toBeUndefined();
    const j = res.data.youngPerson;
    expect(j.kaaPlans[0].versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(j.kaaClosures).toEqual([{ kind: 'WORK', occupationTitle: 'restaurangbiträde' }]);
    const rules = await t.gql(
      `{ kaaRegisterCandidates { totalCount } kaaRegisterLeavers { edges { node { suggestedExitReason } } } }`,
      {},
      token,
    );
    expect(rules.data.kaaRegisterCandidates.totalCount).toBe(3);
    const reasons = rules.data.kaaRegisterLeavers.edges.map((e: any) => e.node.suggestedExitReason);
    expect(reasons.filter((r: string) => r === 'TURNED_20')).toHaveLength(2);
    expect(reasons).toContain('MOVED_AWAY');
    const { rows } = await t.db.query(`SELECT DISTINCT status FROM kaa_measure ORDER BY status`);
    expect(rows.map((r) => r.status)).toEqual([
      'ABORTED',
      'COMPLETED',
      'DECLINED',
      'OFFERED',
      'ONGOING',
    ]);
  });

  it('hides the protected person’s contact from the coordinator', async () => {
    const res = await t.gql(
      `query($id: ID!) { youngPerson(id: $id) { givenName phone streetAddress contactHidden } }`,
      { id: DEMO_YOUNG_PEOPLE.protectedId },
      token,
    );
    expect(res.data.youngPerson).toEqual({
      givenName: 'Alva',
      phone: null,
      streetAddress: null,
      contactHidden: true,
    });
  });

  it('loads together with every other demo step', async () => {
    const fresh = await createTestApp();
    try {
      for (const step of DEMO_STEPS)
        await fresh.ds.transaction((em) =>
          step.run(em, fresh.config.clock, fresh.config.secretsKey),
        );
    } finally {
      await fresh.close();
    }
  });
});
