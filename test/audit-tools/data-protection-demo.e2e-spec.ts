import { DEMO_CASES } from '../../src/demo/cases.demo';
import { DEMO_DATA_PROTECTION as D } from '../../src/demo/data-protection.demo';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** The demo shows what README.md says it shows. */
describe('data-protection demo', () => {
  let t: TestApp;
  const as = (email: string) => login(t, email, DEMO_PASSWORD);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
  }, 120_000);
  afterAll(() => t.close());

  it('the auditor sees TFF’s read of Ida as unusual', async () => {
    const res = await t.gql(
      `{ unusualAccesses(first: 100) { edges { node { youngPersonId actorOrganisationKind reason } } } }`,
      {},
      await as('auditor@trelleborg.demo'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.unusualAccesses.edges.map((e: any) => e.node)).toContainEqual({
      youngPersonId: D.unusualReadYoungPersonId,
      actorOrganisationKind: 'ASSOCIATION',
      reason: 'NO_RELATION',
    });
  });

  it('Alex’s extract holds his case, consent and referrals', async () => {
    const res = await t.gql(
      `{ registerExtract(youngPersonId: "${D.extractYoungPersonId}") { document } }`,
      {},
      await as('coordinator@trelleborg.demo'),
    );
    expect(res.errors).toBeUndefined();
    const doc = JSON.parse(res.data.registerExtract.document);
    expect(doc.cases.map((c: any) => c.id)).toContain(DEMO_CASES.alexCaseId);
    expect(doc.consents.map((c: any) => c.id)).toContain(DEMO_CASES.alexConsentId);
    expect(doc.referrals.length).toBeGreaterThan(0);
    expect(doc.accessLog.some((r: any) => r.action === 'EXPORT')).toBe(true);
  });
});
