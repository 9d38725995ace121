import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createPeriod, createYoungPerson } from './outreach-fixtures';

const RECORD = `mutation($i: RecordContactAttemptInput!) {
  recordContactAttempt(input: $i) { id youngPersonId channel direction outcome note performedByUserId performedByName occurredAt }
}`;
const LIST = `query($id: ID!, $first: Int, $after: String) {
  contactAttempts(youngPersonId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id channel outcome occurredAt outreachRoundId } }
  }
}`;
const ROUND = `mutation($i: RecordOutreachRoundInput!) {
  recordOutreachRound(input: $i) { id channel outcome recipientCount }
}`;

describe('contact attempts and outreach rounds', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  let person: string;
  let malmoPerson: string;
  const register: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    person = await createYoungPerson(t, { age: 17 });
    await createPeriod(t, person);
    for (let i = 0; i < 200; i++) register.push(await createYoungPerson(t, { age: 18 }));
    malmoPerson = await createYoungPerson(t, { municipality: '1280' });
  });
  afterAll(() => t.close());

  const contactCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM contact_attempt`)).rows[0].n as number;

  it('records a contact attempt by the caller and lists it, logged', async () => {
    const at = new Date(testClock.now().getTime() - 3600_000).toISOString();
    const res = await t.gql(
      RECORD,
      {
        i: {
          youngPersonId: person,
          channel: 'PHONE',
          occurredAt: at,
          outcome: 'REACHED',
          note: 'Ringde, vill ha praktik',
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordContactAttempt).toMatchObject({
      youngPersonId: person,
      channel: 'PHONE',
      direction: 'OUTBOUND',
      outcome: 'REACHED',
      performedByUserId: coordinator.id,
      occurredAt: at,
    });
    const id = res.data.recordContactAttempt.id;
    const created = await t.db.query(
      `SELECT action, subject_ids, young_person_ids, legal_basis FROM access_log WHERE subject_type = 'CONTACT_ATTEMPT' AND action = 'CREATE'`,
    );
    expect(created.rows).toEqual([
      {
        action: 'CREATE',
        subject_ids: [id],
        young_person_ids: [person],
        legal_basis: 'STATUTORY_DUTY',
      },
    ]);

    await t.gql(
      RECORD,
      {
        i: {
          youngPersonId: person,
          channel: 'LETTER',
          occurredAt: new Date(testClock.now().getTime() - 7200_000).toISOString(),
          outcome: 'NO_RESPONSE',
        },
      },
      coordinator.token,
    );
    const list = await t.gql(LIST, { id: person, first: 1 }, coordinator.token);
    expect(list.errors).toBeUndefined();
    expect(list.data.contactAttempts.totalCount).toBe(2);
    expect(list.data.contactAttempts.edges[0].node.id).toBe(id);
    const next = await t.gql(
      LIST,
      { id: person, first: 1, after: list.data.contactAttempts.pageInfo.endCursor },
      coordinator.token,
    );
    expect(next.data.contactAttempts.edges[0].node.channel).toBe('LETTER');
    expect(next.data.contactAttempts.pageInfo.hasNextPage).toBe(false);
    const reads = await t.db.query(
      `SELECT young_person_ids FROM access_log WHERE subject_type = 'CONTACT_ATTEMPT' AND action = 'READ'`,
    );
    expect(reads.rows).toHaveLength(2);
    expect(reads.rows[0].young_person_ids).toEqual([person]);
  });

  it('refuses a contact in the future and a note over 500 characters', async () => {
    const future = await t.gql(
      RECORD,
      {
        i: {
          youngPersonId: person,
          channel: 'PHONE',
          occurredAt: new Date(testClock.now().getTime() + 86_400_000).toISOString(),
          outcome: 'REACHED',
        },
      },
      coordinator.token,
    );
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const long = await t.gql(
      RECORD,
      {
        i: {
          youngPersonId: person,
          channel: 'PHONE',
          occurredAt: testClock.now().toISOString(),
          outcome: 'REACHED',
          note: 'x'.repeat(501),
        },
      },
      coordinator.token,
    );
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('Malmö cannot see or record contacts of a Trelleborg young person', async () => {
    const before = await contactCount();
    const list = await t.gql(LIST, { id: person }, malmo.token);
    expect(list.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(list.data?.contactAttempts ?? null).toBeNull();
    const rec = await t.gql(
      RECORD,
      {
        i: {
          youngPersonId: person,
          channel: 'PHONE',
          occurredAt: testClock.now().toISOString(),
          outcome: 'REACHED',
        },
      },
      malmo.token,
    );
    expect(rec.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Same answer as for an id that does not exist.
    const none = await t.gql(LIST, { id: '00000000-0000-4000-8000-000000000000' }, malmo.token);
    expect(none.errors?.[0]).toMatchObject(list.errors![0]);
    const school = await t.gql(LIST, { id: person }, counsellor.token);
    expect(school.data?.contactAttempts ?? null).toBeNull();
    expect(await contactCount()).toBe(before);
  });

  it('a round with one foreign id writes nothing', async () => {
    const before = await contactCount();
    const logsBefore = (
      await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'CREATE'`)
    ).rows[0].n;
    const res = await t.gql(
      ROUND,
      {
        i: {
          youngPersonIds: [...register.slice(0, 50), malmoPerson],
          channel: 'LETTER',
          occurredAt: testClock.now().toISOString(),
        },
      },
      coordinator.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await contactCount()).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outreach_round`)).rows[0].n).toBe(0);
    const logsAfter = (
      await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'CREATE'`)
    ).rows[0].n;
    expect(logsAfter).toBe(logsBefore);
  });

  it('a letter to 200 young people is one round, 200 contacts, one access-log row', async () => {
    const before = await contactCount();
    t.sql.reset();
    const res = await t.gql(
      ROUND,
      {
        i: {
          youngPersonIds: register,
          channel: 'LETTER',
          occurredAt: testClock.now().toISOString(),
          note: 'Vårbrev',
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(t.sql.count).toBeLessThan(20);
    expect(res.data.recordOutreachRound).toMatchObject({
      channel: 'LETTER',
      outcome: 'NO_RESPONSE',
      recipientCount: 200,
    });
    expect(await contactCount()).toBe(before + 200);
    const rows = await t.db.query(
      `SELECT count(*)::int AS n FROM contact_attempt WHERE outreach_round_id = $1 AND performed_by = $2`,
      [res.data.recordOutreachRound.id, coordinator.id],
    );
    expect(rows.rows[0].n).toBe(200);
    const logs = await t.db.query(
      `SELECT young_person_ids, cardinality(subject_ids) AS n FROM access_log WHERE action = 'CREATE' AND subject_type = 'CONTACT_ATTEMPT' AND cardinality(young_person_ids) > 1`,
    );
    expect(logs.rows).toHaveLength(1);
    expect(logs.rows[0].n).toBe(200);
    expect([...logs.rows[0].young_person_ids].sort()).toEqual([...register].sort());
    const rounds = await t.gql(
      `{ outreachRounds { totalCount edges { node { recipientCount note } } } }`,
      {},
      coordinator.token,
    );
    expect(rounds.data.outreachRounds.edges[0].node).toEqual({
      recipientCount: 200,
      note: 'Vårbrev',
    });
    const malmoRounds = await t.gql(`{ outreachRounds { totalCount } }`, {}, malmo.token);
    expect(malmoRounds.data.outreachRounds.totalCount).toBe(0);
  });

  it('Malmö cannot send a round to Trelleborg young people', async () => {
    const before = await contactCount();
    const res = await t.gql(
      ROUND,
      {
        i: { youngPersonIds: [person], channel: 'SMS', occurredAt: testClock.now().toISOString() },
      },
      malmo.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await contactCount()).toBe(before);
  });
});
