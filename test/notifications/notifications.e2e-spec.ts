import { testClock } from '../support/clock';
import { INestApplication } from '@nestjs/common';
import { Client, createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { createApp } from '../../src/app.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { createSchoolWorld, createStudent, SchoolWorld } from '../schools/school-world';

interface Received {
  id: string;
  kind: string;
  subjectType: string | null;
  subjectId: string | null;
}

const SUBSCRIPTION = `subscription { notificationAdded { id kind subjectType subjectId readAt } }`;

/** A graphql-ws subscriber that collects what it receives. */
function subscriber(url: string, token: string | null) {
  const received: Received[] = [];
  const errors: unknown[] = [];
  const closes: number[] = [];
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (e) => closes.push((e as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  const dispose = client.subscribe<{ notificationAdded: Received }>(
    { query: SUBSCRIPTION },
    {
      next: (v) => {
        if (v.data) received.push(v.data.notificationAdded);
        if (v.errors) errors.push(...v.errors);
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { client, received, errors, closes, dispose };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

jest.setTimeout(30000);

/**
 * Proves a subscription is live: writes PROBE notifications straight into the database
 * until one arrives (the subscribe message is asynchronous, so the first may precede it).
 */
async function probe(
  t: TestApp,
  user: { id: string; organisationId: string },
  sub: { received: Received[] },
) {
  for (let i = 0; i < 40 && !sub.received.some((n) => n.kind === 'PROBE'); i++) {
    await t.db.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind) VALUES ($1, $2, 'PROBE')`,
      [user.id, user.organisationId],
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!sub.received.some((n) => n.kind === 'PROBE'))
    throw new Error('subscription never became live');
}

const kinds = (sub: { received: Received[] }) => sub.received.filter((n) => n.kind !== 'PROBE');

describe('notifications', () => {
  let t: TestApp;
  let b: INestApplication;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  let urlA: string;
  let urlB: string;
  beforeAll(async () => {
    t = await createTestApp();
    // A second API instance on the same database, as behind a load balancer.
    b = await createApp(t.config, (t.ds.options as { url: string }).url);
    await t.app.listen(0, '127.0.0.1');
    await b.listen(0, '127.0.0.1');
    urlA = `ws://127.0.0.1:${t.app.getHttpServer().address().port}/graphql`;
    urlB = `ws://127.0.0.1:${b.getHttpServer().address().port}/graphql`;
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const sendNotice = async (youngPersonId: string, token: string) => {
    const res = await t.gql(
      `mutation($input: SendSchoolNoticeInput!) { sendSchoolNotice(input: $input) { id } }`,
      {
        input: {
          youngPersonId,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: testClock.today(),
          reasonCategory: 'UNKNOWN',
          leftWithPlan: false,
        },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.sendSchoolNotice.id as string;
  };

  it('delivers a notice sent through instance A to a subscriber connected to instance B, and only to them', async () => {
    const trelleborg = subscriber(urlB, tbg.coordinator.token);
    const malmo = subscriber(urlB, mmo.coordinator.token);
    try {
      await probe(t, tbg.coordinator, trelleborg);
      await probe(t, mmo.coordinator, malmo);
      const student = await createStudent(t, '1287', mmo.school, { age: 17 });
      const noticeId = await sendNotice(student.id, mmo.counsellor.token);
      await until(() => kinds(trelleborg).length === 1);
      expect(kinds(trelleborg)[0]).toMatchObject({
        kind: 'NOTICE_RECEIVED',
        subjectType: 'SCHOOL_NOTICE',
        subjectId: noticeId,
      });
      // Give a stray delivery time to arrive before asserting there is none.
      await new Promise((r) => setTimeout(r, 300));
      expect(kinds(malmo)).toEqual([]);
      expect(trelleborg.errors).toEqual([]);
    } finally {
      trelleborg.dispose();
      malmo.dispose();
      await trelleborg.client.dispose();
      await malmo.client.dispose();
    }
  });

  it('delivers the acknowledgement to the sending counsellor on the other instance', async () => {
    const counsellor = subscriber(urlA, mmo.counsellor.token);
    try {
      await probe(t, mmo.counsellor, counsellor);
      const student = await createStudent(t, '1287', mmo.school, { age: 17 });
      const noticeId = await sendNotice(student.id, mmo.counsellor.token);
      // Acknowledged through instance B's HTTP endpoint.
      const ack = await request(b.getHttpServer())
        .post('/graphql')
        .set('authorization', `Bearer ${tbg.coordinator.token}`)
        .send({
          query: `mutation($id: ID!) { acknowledgeSchoolNotice(id: $id) { status } }`,
          variables: { id: noticeId },
        });
      expect(ack.body.errors).toBeUndefined();
      await until(() => kinds(counsellor).length === 1);
      expect(kinds(counsellor)[0]).toMatchObject({
        kind: 'NOTICE_ACKNOWLEDGED',
        subjectId: noticeId,
      });
    } finally {
      counsellor.dispose();
      await counsellor.client.dispose();
    }
  });

  it('refuses a websocket without a valid token, and stops delivering to a disabled user', async () => {
    const anonymous = subscriber(urlB, null);
    const forged = subscriber(urlB, 'not-a-token');
    await until(() => anonymous.closes.length > 0 && forged.closes.length > 0);
    expect(anonymous.closes[0]).toBe(4403);
    expect(forged.closes[0]).toBe(4403);
    expect(anonymous.received).toEqual([]);
    await anonymous.client.dispose();
    await forged.client.dispose();

    const user = subscriber(urlB, tbg.manager.token);
    try {
      await probe(t, tbg.manager, user);
      await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [tbg.manager.id]);
      await t.db.query(
        `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind) VALUES ($1, $2, 'AFTER_DISABLE')`,
        [tbg.manager.id, tbg.manager.organisationId],
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(user.received.map((n) => n.kind)).not.toContain('AFTER_DISABLE');
    } finally {
      user.dispose();
      await user.client.dispose();
      await t.db.query(`UPDATE app_user SET active = true WHERE id = $1`, [tbg.manager.id]);
    }
  });

  it('lists own notifications with an unread filter and count, and marks only own ones read', async () => {
    const mine = await t.db.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind)
       SELECT $1, $2, 'TEST_' || chr(64 + g) FROM generate_series(1, 3) g RETURNING id`,
      [tbg.counsellor.id, tbg.counsellor.organisationId],
    );
    const theirs = await t.db.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind) VALUES ($1, $2, 'OTHER') RETURNING id`,
      [mmo.counsellor.id, mmo.counsellor.organisationId],
    );
    const FEED = `query($u: Boolean) { notifications(unreadOnly: $u, first: 2) { totalCount unreadCount pageInfo { hasNextPage endCursor } edges { node { id kind readAt } } } }`;
    const first = await t.gql(FEED, { u: true }, tbg.counsellor.token);
    expect(first.errors).toBeUndefined();
    expect(first.data.notifications).toMatchObject({
      totalCount: 3,
      unreadCount: 3,
      pageInfo: { hasNextPage: true },
    });
    const next = await t.gql(
      `query($after: String) { notifications(first: 2, after: $after) { edges { node { id } } } }`,
      { after: first.data.notifications.pageInfo.endCursor },
      tbg.counsellor.token,
    );
    const ids = [...first.data.notifications.edges, ...next.data.notifications.edges].map(
      (e: any) => e.node.id,
    );
    expect(new Set(ids)).toEqual(new Set(mine.rows.map((r) => r.id)));

    const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`;
    const marked = await t.gql(
      MARK,
      { ids: [mine.rows[0].id, theirs.rows[0].id] },
      tbg.counsellor.token,
    );
    expect(marked.errors).toBeUndefined();
    expect(marked.data.markNotificationsRead).toEqual({ marked: 1, unreadCount: 2 });
    const other = await t.db.query(`SELECT read_at FROM notification WHERE id = $1`, [
      theirs.rows[0].id,
    ]);
    expect(other.rows[0].read_at).toBeNull();
    const count = await t.gql(`{ unreadNotificationCount }`, {}, tbg.counsellor.token);
    expect(count.data.unreadNotificationCount).toBe(2);
    const unread = await t.gql(FEED, { u: true }, tbg.counsellor.token);
    expect(unread.data.notifications.totalCount).toBe(2);
    const all = await t.gql(FEED, { u: false }, tbg.counsellor.token);
    expect(all.data.notifications).toMatchObject({ totalCount: 3, unreadCount: 2 });
    // Another user never sees them.
    const foreign = await t.gql(FEED, { u: false }, mmo.counsellor.token);
    expect(foreign.data.notifications.edges.map((e: any) => e.node.id)).not.toContain(
      mine.rows[1].id,
    );
  });
});
