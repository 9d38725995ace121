import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { testClock } from '../support/clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  createPeriod,
  createYoungPerson,
  day,
  personalNumberFor,
} from './outreach-fixtures';

const IMPORT = `mutation($csv: String!) { importYoungPeople(input: { csv: $csv }) {
  imported youngPeopleCreated youngPeople { row youngPersonId created } } }`;
const OPEN = `mutation($i: OpenKaaPeriodsInput!) { openKaaPeriods(input: $i) {
  changed unchanged results { youngPersonId outcome kaaPeriodId } } }`;
const CLOSE = `mutation($i: CloseKaaPeriodsInput!) { closeKaaPeriods(input: $i) {
  changed unchanged results { youngPersonId outcome kaaPeriodId } } }`;
const ANSWER = `mutation($i: RecordAnswerInput!) { recordAnswer(input: $i) {
  contactAttempt { id channel direction outcome } occupation { id category validFrom source } } }`;

describe('outreach at scale: bulk register entry, import ids, answers', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    ids.open = await createYoungPerson(t, { age: 18, familyName: 'Open' });
    await createPeriod(t, ids.open, { entryDate: day(-30) });
    ids.malmo = await createYoungPerson(t, { age: 18, municipality: '1280', familyName: 'Mmo' });
  });
  afterAll(() => t.close());

  const periodCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM kaa_period`)).rows[0].n as number;

  it('an import returns each row’s person, and one call enters them all in the register', async () => {
    const numbers = [17, 18, 19].map((age) => personalNumberFor(birthDateForAge(age), 700 + age));
    const csv = [
      'personnummer;given_name;family_name;home_municipality',
      ...numbers.map((n, i) => `${n};Kim;Bulk${i};1287`),
    ].join('\n');
    const imp = await t.gql(IMPORT, { csv }, coordinator.token);
    expect(imp.errors).toBeUndefined();
    const people = imp.data.importYoungPeople.youngPeople;
    expect(people.map((p: any) => [p.row, p.created])).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
    const stored = await t.db.query(
      `SELECT id, personal_number FROM young_person WHERE id = ANY($1::uuid[])`,
      [people.map((p: any) => p.youngPersonId)],
    );
    const byId = new Map(stored.rows.map((r) => [r.id, r.personal_number]));
    expect(people.map((p: any) => byId.get(p.youngPersonId))).toEqual(numbers);

    const before = await periodCount();
    const logBefore = (await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))
      .rows[0].id;
    const entries = [
      ...people.map((p: any) => ({
        youngPersonId: p.youngPersonId,
        entryReason: 'INTERRUPTED_STUDIES',
      })),
      { youngPersonId: ids.open, entryReason: 'MOVED_IN' },
      { youngPersonId: ids.malmo, entryReason: 'MOVED_IN' },
      { youngPersonId: '00000000-0000-4000-8000-000000000001', entryReason: 'MOVED_IN' },
    ];
    const res = await t.gql(
      OPEN,
      { i: { entries, entryDate: day(-1), nextFollowUpDate: day(7) } },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.openKaaPeriods;
    expect(r.changed).toBe(3);
    expect(r.unchanged).toBe(3);
    expect(r.results.map((x: any) => x.outcome)).toEqual([
      'OPENED',
      'OPENED',
      'OPENED',
      'ALREADY_OPEN',
      'NOT_FOUND', // another tenant's resident answers like an id that does not exist
      'NOT_FOUND',
    ]);
    expect(await periodCount()).toBe(before + 3);
    const opened = await t.db.query(
      `SELECT young_person_id, entry_reason, responsible_user_id, next_follow_up_date::text AS f
       FROM kaa_period WHERE id = ANY($1::uuid[]) ORDER BY young_person_id`,
      [r.results.filter((x: any) => x.kaaPeriodId).map((x: any) => x.kaaPeriodId)],
    );
    expect(opened.rows).toHaveLength(3);
    for (const row of opened.rows) {
      expect(row).toMatchObject({
        entry_reason: 'INTERRUPTED_STUDIES',
        responsible_user_id: coordinator.id,
        f: day(7),
      });
    }
    // One logged operation: one access-log row names all three periods.
    const logs = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids FROM access_log
       WHERE id > $1 AND actor_user_id = $2 AND action = 'CREATE'`,
      [logBefore, coordinator.id],
    );
    expect(logs.rows).toHaveLength(1);
    expect(logs.rows[0].subject_type).toBe('KAA_PERIOD');
    expect([...logs.rows[0].young_person_ids].sort()).toEqual(
      people.map((p: any) => p.youngPersonId).sort(),
    );
    ids.bulk = people[0].youngPersonId;
  });

  it('closes in bulk with a result per person, never before the entry date', async () => {
    const res = await t.gql(
      CLOSE,
      {
        i: {
          exitDate: day(-10),
          exits: [
            { youngPersonId: ids.open, exitReason: 'OTHER' },
            { youngPersonId: ids.bulk, exitReason: 'OTHER' }, // entered yesterday
            { youngPersonId: ids.malmo, exitReason: 'MOVED_AWAY' },
          ],
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.closeKaaPeriods.results.map((x: any) => x.outcome)).toEqual([
      'CLOSED',
      'EXIT_BEFORE_ENTRY',
      'NOT_FOUND',
    ]);
    const again = await t.gql(
      CLOSE,
      { i: { exitDate: day(0), exits: [{ youngPersonId: ids.open, exitReason: 'OTHER' }] } },
      coordinator.token,
    );
    expect(again.data.closeKaaPeriods.results[0].outcome).toBe('NO_OPEN_PERIOD');
    const periods = await t.db.query(
      `SELECT exit_date::text AS d, exit_reason FROM kaa_period WHERE young_person_id = $1`,
      [ids.open],
    );
    expect(periods.rows).toEqual([{ d: day(-10), exit_reason: 'OTHER' }]);
  });

  it('refuses the roles that keep no register and bad input, writing nothing', async () => {
    const before = await periodCount();
    const entries = [{ youngPersonId: ids.bulk, entryReason: 'MOVED_IN' }];
    const school = await t.gql(OPEN, { i: { entries, entryDate: day(0) } }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await t.gql(OPEN, { i: { entries, entryDate: day(0) } }, malmo.token);
    expect(other.data.openKaaPeriods.results[0].outcome).toBe('NOT_FOUND');
    const badDate = await t.gql(
      OPEN,
      { i: { entries, entryDate: '2025-02-30' } },
      coordinator.token,
    );
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const none = await t.gql(OPEN, { i: { entries: [], entryDate: day(0) } }, coordinator.token);
    expect(none.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badReason = await t.gql(
      OPEN,
      { i: { entries: [{ youngPersonId: ids.bulk, entryReason: 'NOPE' }], entryDate: day(0) } },
      coordinator.token,
    );
    expect(badReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await t.gql(
      OPEN,
      { i: { entries, entryDate: day(0), responsibleUserId: malmo.id } },
      coordinator.token,
    );
    expect(stranger.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await periodCount()).toBe(before);
  });

  it('records an answer with its occupation in one mutation, or neither', async () => {
    const contacts = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM contact_attempt WHERE young_person_id = $1`,
          [ids.bulk],
        )
      ).rows[0].n;
    const occupations = async () =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM occupation WHERE young_person_id = $1`, [
          ids.bulk,
        ])
      ).rows[0].n;
    const input = {
      youngPersonId: ids.bulk,
      channel: 'PHONE',
      occurredAt: new Date(testClock.now().getTime() - 3_600_000).toISOString(),
      occupation: { category: 'WORK', validFrom: day(-3), note: 'restaurangbiträde' },
    };
    // The occupation's date is checked after the contact was written: the contact goes too.
    const bad = await t.gql(
      ANSWER,
      { i: { ...input, occupation: { ...input.occupation, validFrom: '2025-02-30' } } },
      coordinator.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect([await contacts(), await occupations()]).toEqual([0, 0]);
    const other = await t.gql(ANSWER, { i: input }, malmo.token);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const school = await t.gql(ANSWER, { i: input }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect([await contacts(), await occupations()]).toEqual([0, 0]);

    const ok = await t.gql(ANSWER, { i: input }, coordinator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordAnswer).toMatchObject({
      contactAttempt: { channel: 'PHONE', direction: 'INBOUND', outcome: 'REACHED' },
      occupation: { category: 'WORK', validFrom: day(-3), source: 'YOUNG_PERSON' },
    });
    expect([await contacts(), await occupations()]).toEqual([1, 1]);
    const logs = await t.db.query(
      `SELECT subject_type FROM access_log WHERE actor_user_id = $1 AND action = 'CREATE'
         AND $2 = ANY(young_person_ids) ORDER BY id`,
      [coordinator.id, ids.bulk],
    );
    expect(logs.rows.map((r) => r.subject_type)).toEqual([
      'YOUNG_PERSON', // the import
      'KAA_PERIOD',
      'CONTACT_ATTEMPT',
      'OCCUPATION',
    ]);
  });
});
