import { DEMO_CASES as D } from '../../src/demo/cases.demo';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * referralCategories: what a referral from a case to a receiver may share, for the
 * send form. It answers what sendReferral then accepts, no more and no less.
 */
describe('referralCategories', () => {
  let t: TestApp;
  let org: Record<string, string>;
  const Q = `query($caseId: ID!, $to: ID!) { referralCategories(caseId: $caseId, receiverOrganisationId: $to) }`;
  const as = async (email: string, query: string, vars: Record<string, unknown>) =>
    t.gql(query, vars, await login(t, email, DEMO_PASSWORD));

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
    const { rows } = await t.db.query(
      `SELECT kind, id FROM organisation WHERE municipality_code = '1287' AND name IN
        ('Arbetsförmedlingen Trelleborg', 'Socialförvaltningen Trelleborg', 'Trelleborgs FF', 'Söderslättsgymnasiet')`,
    );
    org = Object.fromEntries(rows.map((r) => [r.kind, r.id]));
  }, 120_000);
  afterAll(() => t.close());

  it("lists the categories of the consents in force naming the receiver, in the enum's order", async () => {
    // Alex's consent names social services, Arbetsförmedlingen and TFF for five categories.
    const alex = await as('coordinator@trelleborg.demo', Q, {
      caseId: D.alexCaseId,
      to: org.LABOUR_OFFICE,
    });
    expect(alex.errors).toBeUndefined();
    expect(alex.data.referralCategories).toEqual([
      'IDENTITY',
      'CONTACT',
      'SOCIAL',
      'EMPLOYMENT',
      'ACTIVITIES',
    ]);
    // Caspian's (guardian-only, he is 18) counts for no one; Bea's names no school.
    const caspian = await as('coordinator@trelleborg.demo', Q, {
      caseId: D.caspianCaseId,
      to: org.SOCIAL_SERVICES,
    });
    expect(caspian.data.referralCategories).toEqual([]);
    const bea = await as('coordinator@trelleborg.demo', Q, {
      caseId: D.beaCaseId,
      to: org.SCHOOL,
    });
    expect(bea.data.referralCategories).toEqual([]);
  });

  it('agrees with sendReferral: an offered category is sent, one outside is CONSENT_REQUIRED', async () => {
    const send = `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id sharedCategories } }`;
    const input = {
      caseId: D.beaCaseId,
      receiverOrganisationId: org.LABOUR_OFFICE,
      purpose: 'GUIDANCE',
      responseDueDate: '2099-01-01',
    };
    const offered = await as('coordinator@trelleborg.demo', Q, {
      caseId: D.beaCaseId,
      to: org.LABOUR_OFFICE,
    });
    expect(offered.data.referralCategories).toEqual(['IDENTITY', 'CONTACT', 'EMPLOYMENT', 'ACTIVITIES']);
    const ok = await as('coordinator@trelleborg.demo', send, {
      input: { ...input, sharedCategories: offered.data.referralCategories },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.sendReferral.sharedCategories).toEqual(offered.data.referralCategories);
    const refused = await as('coordinator@trelleborg.demo', send, {
      input: { ...input, sharedCategories: ['SOCIAL'] },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
  });

  it('NOT_FOUND for a case out of sight, FORBIDDEN for a role that sends no referrals, BAD_USER_INPUT for a bad id; logged as a read', async () => {
    const dana = await as('social@trelleborg.demo', Q, { caseId: D.danaCaseId, to: org.LABOUR_OFFICE });
    expect(dana.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const manager = await as('manager@trelleborg.demo', Q, { caseId: D.alexCaseId, to: org.LABOUR_OFFICE });
    expect(manager.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await as('social@trelleborg.demo', Q, { caseId: 'nope', to: org.LABOUR_OFFICE });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const ok = await as('social@trelleborg.demo', Q, { caseId: D.alexCaseId, to: org.LABOUR_OFFICE });
    expect(ok.data.referralCategories).toContain('EMPLOYMENT');
    const { rows } = await t.db.query(
      `SELECT l.legal_basis FROM access_log l JOIN app_user u ON u.id = l.actor_user_id
        WHERE u.email = 'social@trelleborg.demo' AND l.subject_type = 'CASE' AND 'referralCategories' = ANY(l.fields)
          AND $1 = ANY(l.subject_ids)`,
      [D.alexCaseId],
    );
    expect(rows).toEqual([{ legal_basis: 'CONSENT' }]);
  });
});
