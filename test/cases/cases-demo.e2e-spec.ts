import { DEMO_CASES as D } from '../../src/demo/cases.demo';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('cases demo data', () => {
  let t: TestApp;
  const as = async (email: string, query: string) => {
    const res = await t.gql(query, {}, await login(t, email, DEMO_PASSWORD));
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
  }, 120_000);
  afterAll(() => t.close());

  it('has referrals in every state and consents in several states', async () => {
    const states = await t.db.query(`SELECT DISTINCT state FROM referral ORDER BY state`);
    expect(states.rows.map((r) => r.state)).toEqual([
      'ACCEPTED',
      'CANCELLED',
      'COMPLETED',
      'DECLINED',
      'SENT',
    ]);
    const data = await as(
      'coordinator@trelleborg.demo',
      `{ consents(first: 20) { edges { node { id state } } } }`,
    );
    const byId = Object.fromEntries(data.consents.edges.map((e: any) => [e.node.id, e.node.state]));
    expect(byId[D.alexConsentId]).toBe('IN_FORCE');
    expect(byId[D.danaConsentId]).toBe('WITHDRAWN');
    expect(byId[D.caspianConsentId]).toBe('INSUFFICIENT');
  });

  it('social services see Alex’s case with a HEALTH placeholder, not Dana’s', async () => {
    const data = await as(
      'social@trelleborg.demo',
      `{ cases { edges { node { id latestNotes(limit: 10) { id restricted body } } } } }`,
    );
    const ids = data.cases.edges.map((e: any) => e.node.id);
    expect(ids).toContain(D.alexCaseId);
    expect(ids).not.toContain(D.danaCaseId);
    const alex = data.cases.edges.find((e: any) => e.node.id === D.alexCaseId).node;
    expect(alex.latestNotes.find((n: any) => n.id === D.alexHealthNoteId)).toEqual({
      id: D.alexHealthNoteId,
      restricted: true,
      body: null,
    });
  });

  it('the coordinator’s consent alerts show ending, missing and re-consent', async () => {
    const data = await as(
      'coordinator@trelleborg.demo',
      `{ caseConsentAlerts(withinDays: 30) { case { id } status } }`,
    );
    const byId = Object.fromEntries(data.caseConsentAlerts.map((a: any) => [a.case.id, a.status]));
    expect(byId).toMatchObject({
      [D.beaCaseId]: 'ENDING_SOON',
      [D.caspianCaseId]: 'RE_CONSENT_NEEDED',
      [D.danaCaseId]: 'MISSING',
    });
    expect(byId[D.alexCaseId]).toBeUndefined();
  });

  it('TFF sees name, contact, activity and the ACTIVITIES section its consent names; the auditor sees the emergency opening', async () => {
    const tff = await as(
      'association@trelleborg.demo',
      `{ referrals(direction: RECEIVED) { edges { node { id activity sections { category } youngPerson { givenName phone } } } } }`,
    );
    const sent = tff.referrals.edges.find((e: any) => e.node.id === D.referralSentToTffId).node;
    expect(sent).toMatchObject({
      activity: 'Öppen Hall, fredagar 20–24',
      sections: [{ category: 'ACTIVITIES' }],
      youngPerson: { givenName: 'Bea' },
    });
    expect(sent.youngPerson.phone).toBeTruthy();
    const audit = await as(
      'auditor@trelleborg.demo',
      `{ emergencyAccessReviewList { edges { node { id } } } }`,
    );
    expect(audit.emergencyAccessReviewList.edges.map((e: any) => e.node.id)).toContain(
      D.emergencyAccessId,
    );
  });
});
