import { DEMO_STEPS } from '../../src/demo/demo-seed';
import { DEMO_DUPLICATES } from '../../src/demo/duplicates.demo';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const DUPLICATES = `{ possibleDuplicates(first: 10) { totalCount edges { node { id state
  existingYoungPersonId duplicate { youngPersonId givenName familyName homeMunicipalityCode } } } } }`;

describe('possible-duplicates demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const steps = ['identity', 'young-people', 'possible-duplicates'];
    for (const step of DEMO_STEPS.filter((s) => steps.includes(s.name)))
      await t.ds.transaction((em) => step.run(em, t.config.clock, t.config.secretsKey));
  });
  afterAll(() => t.close());

  it("shows Malmö's youth coordinator one possible duplicate on login, and nobody else", async () => {
    const malmo = await login(t, 'coordinator@malmo.demo', DEMO_PASSWORD);
    const res = await t.gql(DUPLICATES, {}, malmo);
    expect(res.errors).toBeUndefined();
    const { rows } = await t.db.query(
      `SELECT id FROM young_person WHERE given_name = 'Zakaria' AND family_name = 'Ahmed'`,
    );
    expect(res.data.possibleDuplicates.edges.map((e: any) => e.node)).toEqual([
      {
        id: DEMO_DUPLICATES.possibleDuplicateId,
        state: 'OPEN',
        existingYoungPersonId: rows[0].id,
        duplicate: {
          youngPersonId: DEMO_DUPLICATES.duplicateYoungPersonId,
          givenName: 'Zakaria',
          familyName: 'Ahmad',
          homeMunicipalityCode: '1280',
        },
      },
    ]);
    const trelleborg = await login(t, 'coordinator@trelleborg.demo', DEMO_PASSWORD);
    const other = await t.gql(DUPLICATES, {}, trelleborg);
    expect(other.data.possibleDuplicates.totalCount).toBe(0);
  });

  it('loads once: running the step again changes nothing', async () => {
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM possible_duplicate`)).rows[0].n;
    const before = await count();
    const step = DEMO_STEPS.find((s) => s.name === 'possible-duplicates')!;
    await t.ds.transaction((em) => step.run(em, t.config.clock, t.config.secretsKey));
    expect(await count()).toBe(before);
  });
});
