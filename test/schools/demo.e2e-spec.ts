import { DEMO_SCHOOLS } from '../../src/demo/schools.demo';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('schools demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
  }, 120_000);
  afterAll(() => t.close());

  const as = (email: string) => login(t, email, DEMO_PASSWORD);

  it('shows each side what DESIGN §6a allows', async () => {
    const tbgCounsellor = await as('counsellor@trelleborg.demo');
    const flags = await t.gql(
      `{ riskFlags(first: 50) { edges { node { id status consent { inForce } } } } }`,
      {},
      tbgCounsellor,
    );
    expect(flags.errors).toBeUndefined();
    const statuses = flags.data.riskFlags.edges.map((e: any) => e.node.status).sort();
    expect(statuses).toEqual(['ESCALATED', 'MEETING_BOOKED', 'OPEN', 'PLAN_AGREED', 'RESOLVED']);

    const tbgCoordinator = await as('coordinator@trelleborg.demo');
    const shared = await t.gql(
      `{ riskFlags(first: 50) { edges { node { id } } } }`,
      {},
      tbgCoordinator,
    );
    expect(shared.data.riskFlags.edges.map((e: any) => e.node.id).sort()).toEqual(
      [DEMO_SCHOOLS.sharedFlagId, DEMO_SCHOOLS.planAgreedFlagId].sort(),
    );
    const inbox = await t.gql(
      `{ schoolNotices(first: 50) { edges { node { id status school { name } } } } }`,
      {},
      tbgCoordinator,
    );
    expect(inbox.data.schoolNotices.edges.map((e: any) => e.node.id)).toContain(
      DEMO_SCHOOLS.malmoNoticeForTrelleborgId,
    );
    // The schools step's four notices, plus the report year's acknowledged ones.
    expect(inbox.data.schoolNotices.edges.length).toBeGreaterThanOrEqual(4);

    const mmoCoordinator = await as('coordinator@malmo.demo');
    const malmoInbox = await t.gql(
      `{ schoolNotices(first: 50) { edges { node { id } } } }`,
      {},
      mmoCoordinator,
    );
    expect(malmoInbox.data.schoolNotices.edges.map((e: any) => e.node.id)).not.toContain(
      DEMO_SCHOOLS.malmoNoticeForTrelleborgId,
    );
    expect(malmoInbox.data.schoolNotices.edges).toHaveLength(1);
    // Malmö Borgarskola's flag, shared by a consent record naming Malmö's youth team.
    const malmoFlags = await t.gql(
      `{ riskFlags(first: 50) { edges { node { school { name } consent { inForce municipalityCode } } } } }`,
      {},
      mmoCoordinator,
    );
    expect(malmoFlags.errors).toBeUndefined();
    expect(malmoFlags.data.riskFlags.edges.map((e: any) => e.node.consent)).toEqual([
      { inForce: true, municipalityCode: '1280' },
    ]);

    const feed = await t.gql(
      `{ notifications(first: 50) { unreadCount edges { node { kind } } } }`,
      {},
      tbgCoordinator,
    );
    expect(feed.data.notifications.unreadCount).toBeGreaterThan(0);
    const fixed = await t.db.query(
      `SELECT kind, read_at FROM notification n JOIN app_user u ON u.id = n.recipient_user_id
        WHERE n.id = $1 AND u.email = 'coordinator@trelleborg.demo'`,
      [DEMO_SCHOOLS.noticeNotificationId],
    );
    expect(fixed.rows).toEqual([{ kind: 'NOTICE_RECEIVED', read_at: null }]);
    const kinds = new Set(feed.data.notifications.edges.map((e: any) => e.node.kind));
    // REGISTER_HANDOVER_SENT: the reconciliation demo hands Linnea over to Malmö.
    expect(kinds).toEqual(
      new Set(['NOTICE_RECEIVED', 'FLAG_SHARED', 'CONSENT_WITHDRAWN', 'REGISTER_HANDOVER_SENT']),
    );
  });
});
