import { testClock } from '../support/clock';
import { QueryRunner } from 'typeorm';
import { NotificationYoungPerson1764917000000 } from '../../migrations/1764917000000-notification-young-person';
import { createTestApp, TestApp } from '../support/test-app';
import { lastLogId, logRowsSince } from '../young-people/fixtures';
import { createSchoolWorld, createStudent, SchoolWorld } from '../schools/school-world';
import { wsClient } from '../security/support';

interface Shown {
  id: string;
  kind: string;
  subjectType: string | null;
  subjectId: string | null;
}

const FEED = `{ notifications(first: 50) { edges { node { id kind subjectType subjectId } } } }`;

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Issue 16: a notification names a record about a young person, so what the feed and the
 * subscription show of it is a read, logged under the reader's basis for that record;
 * without one the subject is not shown and nothing is logged. Production mode, so the
 * socket runs the production pipeline (trusted documents off so the test may send these).
 */
describe('notifications are reads of the young person they are about (production)', () => {
  let t: TestApp;
  let url: string;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  /** A Malmö resident, whom Trelleborg's youth team may not see. */
  let foreign: string;

  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-32-chars',
      APP_NOW: '',
      TRUSTED_DOCUMENTS: 'off',
      ADDRESS_RATE_LIMIT_PER_MINUTE: '100000',
    });
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
    foreign = (await createStudent(t, '1280', mmo.school)).id;
    await t.app.listen(0, '127.0.0.1');
    url = `ws://127.0.0.1:${t.app.getHttpServer().address().port}/graphql`;
  });
  afterAll(() => t.close());

  /** A Trelleborg resident at Malmö's school, noticed to Trelleborg's youth team. */
  const noticedStudent = async () => {
    const student = (await createStudent(t, '1287', mmo.school)).id;
    const res = await t.gql(
      `mutation($input: SendSchoolNoticeInput!) { sendSchoolNotice(input: $input) { id } }`,
      {
        input: {
          youngPersonId: student,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: testClock.today(),
          reasonCategory: 'UNKNOWN',
          leftWithPlan: false,
        },
      },
      mmo.counsellor.token,
    );
    expect(res.errors).toBeUndefined();
    return { student, notice: res.data.sendSchoolNotice.id as string };
  };

  /** Written as raw SQL, so the trigger, not the writer, links it to its person. */
  const aboutForeign = async () => {
    const { rows } = await t.db.query(
      `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
       VALUES ($1, $2, 'REGISTER_HANDOVER_SENT', 'YOUNG_PERSON', $3) RETURNING id, young_person_id`,
      [tbg.coordinator.id, tbg.coordinator.organisationId, foreign],
    );
    expect(rows[0].young_person_id).toBe(foreign);
    return rows[0].id as string;
  };

  const notificationReads = async (since: number) =>
    (await logRowsSince(t, since)).filter(
      (r) => r.subject_type === 'NOTIFICATION' && r.actor_user_id === tbg.coordinator.id,
    );

  it('the feed logs one read row per person shown, and hides a person the reader may not see', async () => {
    const a = await noticedStudent();
    const b = await noticedStudent();
    const hidden = await aboutForeign();
    const { rows: linked } = await t.db.query(
      `SELECT subject_id, young_person_id FROM notification
        WHERE recipient_user_id = $1 AND kind = 'NOTICE_RECEIVED'`,
      [tbg.coordinator.id],
    );
    // NotificationWriter's insert is linked too, to the notice's person.
    expect(new Map(linked.map((r) => [r.subject_id, r.young_person_id]))).toEqual(
      new Map([
        [a.notice, a.student],
        [b.notice, b.student],
      ]),
    );

    const before = await lastLogId(t);
    const res = await t.gql(FEED, {}, tbg.coordinator.token);
    expect(res.errors).toBeUndefined();
    const shown: Shown[] = res.data.notifications.edges.map((e: { node: Shown }) => e.node);
    const bySubject = (id: string) => shown.find((n) => n.subjectId === id);
    expect(bySubject(a.notice)).toMatchObject({ kind: 'NOTICE_RECEIVED' });
    expect(bySubject(b.notice)).toMatchObject({ kind: 'NOTICE_RECEIVED' });
    expect(shown.find((n) => n.id === hidden)).toMatchObject({
      kind: 'REGISTER_HANDOVER_SENT',
      subjectId: null,
    });

    const reads = await notificationReads(before);
    expect(reads.map((r) => [r.action, r.legal_basis])).toEqual(
      reads.map(() => ['READ', 'STATUTORY_DUTY']),
    );
    for (const person of [a.student, b.student])
      expect(reads.filter((r) => r.young_person_ids.includes(person))).toHaveLength(1);
    expect(reads.flatMap((r) => r.young_person_ids).sort()).toEqual([a.student, b.student].sort());
    expect(reads.flatMap((r) => r.subject_ids).sort()).toEqual(
      [bySubject(a.notice)!.id, bySubject(b.notice)!.id].sort(),
    );
  });

  it('the sender still sees the subject of an acknowledgement after the student left its school', async () => {
    const { student, notice } = await noticedStudent();
    const ack = await t.gql(
      `mutation($id: ID!) { acknowledgeSchoolNotice(id: $id) { status } }`,
      { id: notice },
      tbg.coordinator.token,
    );
    expect(ack.errors).toBeUndefined();
    const before = await lastLogId(t);
    const res = await t.gql(FEED, {}, mmo.counsellor.token);
    const shown: Shown[] = res.data.notifications.edges.map((e: { node: Shown }) => e.node);
    const ackShown = shown.find((n) => n.kind === 'NOTICE_ACKNOWLEDGED' && n.subjectId === notice);
    expect(ackShown).toBeDefined();
    // The notice's own rule decides: the notice duty is statutory for the sending school too.
    const reads = (await logRowsSince(t, before)).filter((r) => r.subject_type === 'NOTIFICATION');
    expect(reads.filter((r) => r.subject_ids.includes(ackShown!.id))).toEqual([
      expect.objectContaining({ legal_basis: 'STATUTORY_DUTY', young_person_ids: [student] }),
    ]);
  });

  it('each delivered notificationAdded event (graphql-ws) writes one read row; a hidden subject none', async () => {
    const ws = wsClient(url, tbg.coordinator.token);
    const received: Shown[] = [];
    const errors: unknown[] = [];
    const dispose = ws.client.subscribe<{ notificationAdded: Shown }>(
      { query: `subscription { notificationAdded { id kind subjectType subjectId } }` },
      {
        next: (v) => {
          if (v.data) received.push(v.data.notificationAdded);
          if (v.errors) errors.push(...v.errors);
        },
        error: (e) => errors.push(e),
        complete: () => undefined,
      },
    );
    try {
      // The subscribe message is asynchronous: probe (no subject, no log) until it is live.
      for (let i = 0; i < 40 && !received.some((n) => n.kind === 'PROBE'); i++) {
        await t.db.query(
          `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind) VALUES ($1, $2, 'PROBE')`,
          [tbg.coordinator.id, tbg.coordinator.organisationId],
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(received.some((n) => n.kind === 'PROBE')).toBe(true);
      const before = await lastLogId(t);
      const a = await noticedStudent();
      const b = await noticedStudent();
      const hidden = await aboutForeign();
      await until(() => received.some((n) => n.id === hidden));
      await until(() => received.filter((n) => n.kind === 'NOTICE_RECEIVED').length === 2);
      expect(errors).toEqual([]);
      expect(received.find((n) => n.id === hidden)?.subjectId).toBeNull();
      const delivered = [a, b].map((x) => received.find((n) => n.subjectId === x.notice)!);
      expect(delivered.every(Boolean)).toBe(true);

      const reads = await notificationReads(before);
      expect(reads).toHaveLength(2);
      expect(
        reads.map((r) => [r.action, r.legal_basis, r.subject_ids, r.young_person_ids]),
      ).toEqual(
        expect.arrayContaining([
          ['READ', 'STATUTORY_DUTY', [delivered[0].id], [a.student]],
          ['READ', 'STATUTORY_DUTY', [delivered[1].id], [b.student]],
        ]),
      );
    } finally {
      dispose();
      await ws.client.dispose();
    }
  });

  it('the migration links notifications written before it from their subject records', async () => {
    const owner = {
      query: async (sql: string, params?: unknown[]) => (await t.db.query(sql, params)).rows,
    } as unknown as QueryRunner;
    const migration = new NotificationYoungPerson1764917000000();
    const { notice, student } = await noticedStudent();
    await migration.down(owner);
    try {
      const { rows } = await t.db.query(`SELECT id FROM notification WHERE subject_id = $1`, [
        notice,
      ]);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await migration.up(owner);
    }
    const { rows } = await t.db.query(
      `SELECT DISTINCT young_person_id FROM notification WHERE subject_id = $1`,
      [notice],
    );
    expect(rows).toEqual([{ young_person_id: student }]);
  });
});
