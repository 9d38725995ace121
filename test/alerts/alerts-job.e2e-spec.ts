import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AlertsJob, ALERTS_JOB } from '../../src/alerts/alerts.job';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent } from '../cases/fixtures';

/** A pinned instant: the job's "today" is this Stockholm date, whatever the machine says. */
const PIN = '2027-03-10T09:30:00+01:00';

interface Received {
  kind: string;
  subjectId: string | null;
}

function subscriber(url: string, token: string) {
  const received: Received[] = [];
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
    onNonLazyError: () => undefined,
  });
  client.subscribe<{ notificationAdded: Received }>(
    { query: `subscription { notificationAdded { kind subjectId } }` },
    {
      next: (v) => v.data && received.push(v.data.notificationAdded),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { client, received };
}

/** Writes PROBE notifications until the subscription shows one: it is live from then on. */
async function probe(t: TestApp, user: TestUser, sub: { received: Received[] }) {
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

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('alerts by the clock, never by reading', () => {
  let t: TestApp;
  let job: AlertsJob;
  let coordinator: TestUser;
  let social: TestUser;
  let org: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ APP_NOW: PIN });
    job = t.app.get(AlertsJob);
    org = (await createWorld(t, '1287')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    await t.app.listen(0, '127.0.0.1');
    url = `${(await t.app.getUrl()).replace('http', 'ws').replace('[::1]', '127.0.0.1')}/graphql`;
  });
  afterAll(() => t.close());

  const told = async (kind: string, subjectId: string) =>
    (
      await t.db.query(
        `SELECT recipient_user_id FROM notification WHERE kind = $1 AND subject_id = $2 ORDER BY recipient_user_id`,
        [kind, subjectId],
      )
    ).rows.map((r) => r.recipient_user_id);

  async function caseWith(consent: { untilDays?: number; givenBy?: string[] }, years = 17) {
    const youngPersonId = await createYoungPerson(t, '1287', years);
    const caseId = await insertCase(t, {
      youngPersonId,
      municipalityCode: '1287',
      leadOrganisationId: org.YOUTH_TEAM,
      leadUserId: coordinator.id,
      participants: [org.SOCIAL_SERVICES],
    });
    const consentId = await insertConsent(t, {
      youngPersonId,
      municipalityCode: '1287',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: org.YOUTH_TEAM,
      recipients: [org.SOCIAL_SERVICES],
      categories: ['SOCIAL'],
      ...consent,
    });
    return { youngPersonId, caseId, consentId };
  }

  it('is one job on the scheduler, and the job reads the pinned clock', async () => {
    expect(t.app.get(SchedulerRegistry).getCronJob(ALERTS_JOB)).toBeDefined();
    const { rows } = await t.db.query(`SELECT app_today()::text AS today`);
    expect(rows[0].today).toBe('2027-03-10');
  });

  it('tells about a task due, an ending and an ended consent, an overdue referral and re-consent at 18 with nobody reading, each once on feed and subscription', async () => {
    const sub = subscriber(url, coordinator.token);
    const socialSub = subscriber(url, social.token);
    await probe(t, coordinator, sub);
    await probe(t, social, socialSub);
    // Due five days ago, while nobody ran anything (the API was down): still told.
    const a = await caseWith({});
    const { rows: tasks } = await t.db.query(
      `INSERT INTO case_task (case_id, title, owner_organisation_id, owner_user_id, due_date)
       VALUES ($1, 'Ring skolan', $2, $3, app_today() - 5), ($1, 'Senare', $2, $3, app_today() + 1)
       RETURNING id`,
      [a.caseId, org.YOUTH_TEAM, coordinator.id],
    );
    const [dueTask, laterTask] = tasks.map((r) => r.id);
    const ending = await caseWith({ untilDays: 10 });
    const ended = await caseWith({ untilDays: 30 });
    await t.db.query(
      `UPDATE consent SET valid_until = app_now() - interval '1 hour' WHERE id = $1`,
      [ended.consentId],
    );
    const grown = await caseWith({ givenBy: ['BOTH_GUARDIANS'] }, 18);
    const { rows: refs } = await t.db.query(
      `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
          receiver_organisation_id, purpose, shared_categories, state, response_due_date)
       VALUES ($1, $2, '1287', $3, $4, $5, 'SOCIAL_SUPPORT', '{SOCIAL}', 'SENT', app_today() - 2) RETURNING id`,
      [a.caseId, a.youngPersonId, org.YOUTH_TEAM, coordinator.id, org.SOCIAL_SERVICES],
    );
    const referralId = refs[0].id;

    // Nothing is told before the job runs.
    expect(await told('TASK_DUE', dueTask)).toEqual([]);
    const first = await job.tick();
    expect(first).toMatchObject({
      tasksDue: 1,
      consentsEnding: 1,
      consentsEnded: 2,
      referralsOverdue: 1,
      reconsentTasks: 1,
    });
    // The job ticking again tells nothing twice.
    expect(await job.tick()).toEqual({
      reconsentTasks: 0,
      consentsEnded: 0,
      consentsEnding: 0,
      referralsOverdue: 0,
      tasksDue: 0,
    });

    expect(await told('TASK_DUE', dueTask)).toEqual([coordinator.id]);
    expect(await told('TASK_DUE', laterTask)).toEqual([]);
    expect(await told('CONSENT_ENDING_SOON', ending.consentId)).toEqual([coordinator.id]);
    expect(await told('CONSENT_EXPIRED', ended.consentId)).toEqual([social.id]);
    expect(await told('CONSENT_NO_LONGER_VALID', grown.consentId)).toEqual([social.id]);
    expect((await told('REFERRAL_OVERDUE', referralId)).sort()).toEqual(
      [coordinator.id, social.id].sort(),
    );
    const { rows: reconsent } = await t.db.query(
      `SELECT id FROM case_task WHERE case_id = $1 AND kind = 'RE_CONSENT'`,
      [grown.caseId],
    );
    expect(await told('RE_CONSENT_NEEDED', reconsent[0].id)).toEqual([coordinator.id]);

    // The feed shows each once.
    const feed = await t.gql(
      `{ notifications(first: 100) { edges { node { kind subjectId } } } }`,
      {},
      coordinator.token,
    );
    const mine = feed.data.notifications.edges.map(
      (e: any) => `${e.node.kind}:${e.node.subjectId}`,
    );
    expect(mine.filter((k: string) => k === `TASK_DUE:${dueTask}`)).toHaveLength(1);
    expect(mine.filter((k: string) => k === `REFERRAL_OVERDUE:${referralId}`)).toHaveLength(1);
    // And so does the subscription (a later tick tells nothing, so nothing more arrives).
    await until(
      () =>
        sub.received.some((n) => n.kind === 'TASK_DUE') &&
        socialSub.received.some((n) => n.kind === 'CONSENT_EXPIRED'),
    );
    await job.tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(
      sub.received.filter((n) => n.kind === 'TASK_DUE' && n.subjectId === dueTask),
    ).toHaveLength(1);
    expect(sub.received.filter((n) => n.kind === 'REFERRAL_OVERDUE')).toHaveLength(1);
    expect(socialSub.received.filter((n) => n.kind === 'CONSENT_EXPIRED')).toHaveLength(1);
    await sub.client.dispose();
    await socialSub.client.dispose();
  });

  it('reading the alerts, tasks and overdue referrals writes nothing', async () => {
    const b = await caseWith({ untilDays: 5 });
    await t.db.query(
      `INSERT INTO case_task (case_id, title, owner_organisation_id, owner_user_id, due_date) VALUES ($1, 'Idag', $2, $3, app_today())`,
      [b.caseId, org.YOUTH_TEAM, coordinator.id],
    );
    const count = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM notification) + (SELECT count(*) FROM case_task) AS n`,
        )
      ).rows[0].n;
    const before = await count();
    for (const q of [
      `{ caseConsentAlerts(withinDays: 30) { status } }`,
      `{ myCaseTasks { totalCount } }`,
      `{ referrals(overdue: true) { totalCount } }`,
    ])
      expect((await t.gql(q, {}, coordinator.token)).errors).toBeUndefined();
    expect(await count()).toBe(before);
    const { rows } = await t.db.query(`SELECT ending_notified_at FROM consent WHERE id = $1`, [
      b.consentId,
    ]);
    expect(rows[0].ending_notified_at).toBeNull();
    await job.tick();
    expect(await told('CONSENT_ENDING_SOON', b.consentId)).toEqual([coordinator.id]);
  });
});
