import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createOrganisation, createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addContact,
  addGuardian,
  addOccupation,
  createPeriod,
  createYoungPerson,
  day,
} from './outreach-fixtures';

const WORK_LIST = `query($first: Int, $after: String, $reason: WorkListReason, $me: Boolean) {
  workList(first: $first, after: $after, reason: $reason, responsibleIsMe: $me) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { youngPersonId familyName age reason reasons priority responsibleUserId responsibleName
      nextFollowUpDate contactCount lastContactAt lastContactChannel lastContactOutcome } }
  }
}`;

describe('work list', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let colleague: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    colleague = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    manager = await createUser(t, tbg.org.YOUTH_TEAM, [Role.MANAGER]);

    const planned = { responsibleUserId: coordinator.id, nextFollowUpDate: day(7) };
    const person = async (key: string, age: number, period: Parameters<typeof createPeriod>[2]) => {
      ids[key] = await createYoungPerson(t, { age, familyName: key });
      await createPeriod(t, ids[key], period);
    };
    await person('p1', 17, { ...planned, responsibleUserId: null });
    await person('p2', 17, { ...planned, nextFollowUpDate: null });
    await person('p3', 17, { ...planned, nextFollowUpDate: day(-1) });
    for (const k of ['p1', 'p2', 'p3']) await addContact(t, ids[k], 'PHONE', 'REACHED', day(-3));
    await person('p4', 18, { ...planned, entryDate: day(-100) });
    await person('x3', 18, { ...planned, entryDate: day(-50) });
    await addOccupation(t, ids.x3, 'WORK', day(-40));
    await addOccupation(t, ids.x3, 'UNKNOWN', day(-10));
    await person('p5', 16, planned);
    await addGuardian(t, ids.p5, true, day(-20));
    await addContact(t, ids.p5, 'LETTER', 'NO_RESPONSE', day(-15));
    await person('p6', 18, planned);
    await addContact(t, ids.p6, 'LETTER', 'NO_RESPONSE', day(-10));
    await person('p7', 18, planned);
    await addContact(t, ids.p7, 'LETTER', 'NO_RESPONSE', day(-20));
    await addContact(t, ids.p7, 'PHONE', 'REACHED', day(-5));
    await person('p8', 18, planned);
    await addContact(t, ids.p8, 'PHONE', 'MESSAGE_LEFT', day(-30));
    await person('p9', 17, planned);
    await addGuardian(t, ids.p9, true, day(-20));
    await addContact(t, ids.p9, 'HOME_VISIT', 'NO_RESPONSE', day(-2));
    await person('p10', 19, planned);
    await addGuardian(t, ids.p10, true, day(-20));
    await addContact(t, ids.p10, 'PHONE', 'NO_RESPONSE', day(-40));
    // Not on the list: occupation known, period closed, contact in a previous period only
    // does not count, other municipality.
    await person('known', 18, planned);
    await addOccupation(t, ids.known, 'WORK', day(-5));
    await person('closed', 19, { ...planned, exitDate: day(-1), exitReason: 'OTHER' });
    ids.malmo = await createYoungPerson(t, { age: 17, municipality: '1280', familyName: 'malmo' });
    await createPeriod(t, ids.malmo, { municipality: '1280' });
  });
  afterAll(() => t.close());

  const order = ['p1', 'p2', 'p3', 'p4', 'x3', 'p5', 'p6', 'p10', 'p8', 'p7', 'p9'];

  it('orders by need, each row naming why', async () => {
    const res = await t.gql(WORK_LIST, { first: 50 }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.workList.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.familyName)).toEqual(order);
    expect(res.data.workList.totalCount).toBe(order.length);
    const byName = Object.fromEntries(nodes.map((n: any) => [n.familyName, n]));
    expect(byName.p1.reason).toBe('NO_RESPONSIBLE');
    expect(byName.p2.reason).toBe('NO_FOLLOW_UP_DATE');
    expect(byName.p3.reason).toBe('FOLLOW_UP_OVERDUE');
    expect(byName.p4.reason).toBe('NEVER_CONTACTED');
    expect(byName.x3.reason).toBe('NEVER_CONTACTED');
    expect(byName.p5.reasons).toEqual([
      'GUARDIAN_DECLINED_BOOK_HOME_VISIT',
      'LETTERS_UNANSWERED_HOME_VISIT_DUE',
    ]);
    expect(byName.p6.reason).toBe('LETTERS_UNANSWERED_HOME_VISIT_DUE');
    for (const k of ['p7', 'p8', 'p9', 'p10']) expect(byName[k].reasons).toEqual(['KEEP_IN_TOUCH']);
    expect(byName.p6).toMatchObject({
      priority: 6,
      age: 18,
      contactCount: 1,
      lastContactChannel: 'LETTER',
      lastContactOutcome: 'NO_RESPONSE',
      responsibleUserId: coordinator.id,
      nextFollowUpDate: day(7),
    });
    expect(byName.p6.responsibleName).toBeTruthy();
    expect(byName.p4.lastContactAt).toBeNull();
  });

  it('pages with a cursor in the same order and filters by reason and responsible', async () => {
    const first = await t.gql(WORK_LIST, { first: 4 }, coordinator.token);
    expect(first.data.workList.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(
      WORK_LIST,
      { first: 50, after: first.data.workList.pageInfo.endCursor },
      coordinator.token,
    );
    const names = [...first.data.workList.edges, ...second.data.workList.edges].map(
      (e: any) => e.node.familyName,
    );
    expect(names).toEqual(order);
    expect(second.data.workList.totalCount).toBe(order.length);

    const due = await t.gql(
      WORK_LIST,
      { reason: 'LETTERS_UNANSWERED_HOME_VISIT_DUE' },
      coordinator.token,
    );
    expect(due.data.workList.edges.map((e: any) => e.node.familyName)).toEqual(['p5', 'p6']);
    const mine = await t.gql(WORK_LIST, { me: true }, colleague.token);
    expect(mine.data.workList.totalCount).toBe(0);
  });

  it('rejects a page size over the cap', async () => {
    const res = await t.gql(WORK_LIST, { first: 101 }, coordinator.token);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('assigning a responsible and a follow-up moves the young person down', async () => {
    const assign = await t.gql(
      `mutation($i: AssignResponsibleCoordinatorInput!) { assignResponsibleCoordinator(input: $i) { responsibleUserId } }`,
      { i: { youngPersonId: ids.p1, userId: colleague.id } },
      coordinator.token,
    );
    expect(assign.errors).toBeUndefined();
    expect(assign.data.assignResponsibleCoordinator.responsibleUserId).toBe(colleague.id);
    const sched = await t.gql(
      `mutation($i: ScheduleFollowUpInput!) { scheduleFollowUp(input: $i) { nextFollowUpDate } }`,
      { i: { youngPersonId: ids.p3, date: day(3) } },
      coordinator.token,
    );
    expect(sched.data.scheduleFollowUp.nextFollowUpDate).toBe(day(3));
    const res = await t.gql(WORK_LIST, { first: 50 }, coordinator.token);
    const names = res.data.workList.edges.map((e: any) => e.node.familyName);
    expect(names.slice(0, 2)).toEqual(['p2', 'p4']);
    const mine = await t.gql(WORK_LIST, { me: true }, colleague.token);
    expect(mine.data.workList.edges.map((e: any) => e.node.familyName)).toEqual(['p1']);
    const logs = await t.db.query(
      `SELECT subject_type, action, fields, legal_basis, young_person_ids FROM access_log
       WHERE actor_user_id = $1 AND action = 'UPDATE' ORDER BY id`,
      [coordinator.id],
    );
    expect(logs.rows).toEqual([
      expect.objectContaining({
        subject_type: 'KAA_PERIOD',
        fields: ['responsibleUserId'],
        legal_basis: 'STATUTORY_DUTY',
        young_person_ids: [ids.p1],
      }),
      expect.objectContaining({
        subject_type: 'KAA_PERIOD',
        fields: ['nextFollowUpDate'],
        young_person_ids: [ids.p3],
      }),
    ]);
  });

  it('refuses a responsible who is not a coordinator of the own team, and past dates', async () => {
    const otherOrg = await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM);
    const outsider = await createUser(t, otherOrg, [Role.YOUTH_COORDINATOR], { login: false });
    for (const userId of [malmo.id, counsellor.id, outsider.id, manager.id]) {
      const res = await t.gql(
        `mutation($i: AssignResponsibleCoordinatorInput!) { assignResponsibleCoordinator(input: $i) { responsibleUserId } }`,
        { i: { youngPersonId: ids.p2, userId } },
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const past = await t.gql(
      `mutation($i: ScheduleFollowUpInput!) { scheduleFollowUp(input: $i) { nextFollowUpDate } }`,
      { i: { youngPersonId: ids.p2, date: day(-1) } },
      coordinator.token,
    );
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('Malmö sees an empty list and cannot touch Trelleborg periods', async () => {
    const res = await t.gql(WORK_LIST, {}, malmo.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.workList.edges.map((e: any) => e.node.familyName)).toEqual(['malmo']);
    const assign = await t.gql(
      `mutation($i: AssignResponsibleCoordinatorInput!) { assignResponsibleCoordinator(input: $i) { responsibleUserId } }`,
      { i: { youngPersonId: ids.p2, userId: malmo.id } },
      malmo.token,
    );
    expect(assign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const sched = await t.gql(
      `mutation($i: ScheduleFollowUpInput!) { scheduleFollowUp(input: $i) { nextFollowUpDate } }`,
      { i: { youngPersonId: ids.p2, date: day(3) } },
      malmo.token,
    );
    expect(sched.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { rows } = await t.db.query(
      `SELECT next_follow_up_date FROM kaa_period WHERE young_person_id = $1`,
      [ids.p2],
    );
    expect(rows[0].next_follow_up_date).toBeNull();
  });

  it('other roles and organisation kinds get no data', async () => {
    for (const u of [counsellor, manager]) {
      const res = await t.gql(WORK_LIST, {}, u.token);
      expect(res.data?.workList ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('logs one read entry per page with every young person id', async () => {
    const before = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE subject_type = 'WORK_LIST'`,
    );
    const res = await t.gql(WORK_LIST, { first: 3 }, coordinator.token);
    const shown = res.data.workList.edges.map((e: any) => e.node.youngPersonId);
    const after = await t.db.query(
      `SELECT young_person_ids, legal_basis, subject_municipality_code FROM access_log
       WHERE subject_type = 'WORK_LIST' ORDER BY id DESC LIMIT 1`,
    );
    const count = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE subject_type = 'WORK_LIST'`,
    );
    expect(count.rows[0].n).toBe(before.rows[0].n + 1);
    expect([...after.rows[0].young_person_ids].sort()).toEqual([...shown].sort());
    expect(after.rows[0]).toMatchObject({
      legal_basis: 'STATUTORY_DUTY',
      subject_municipality_code: '1287',
    });
  });

  it('issues the same number of SQL statements for 10 and 100 rows', async () => {
    await t.db.query(`
      WITH yp AS (
        INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
        SELECT '2008' || lpad((i % 12 + 1)::text, 2, '0') || '15' || lpad(i::text, 4, '0'), '2008-01-15', 'Bulk', 'Bulk' || i, '1287'
        FROM generate_series(1, 120) i RETURNING id)
      INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason)
      SELECT id, '1287', app_today() - 30, 'NEVER_STARTED' FROM yp`);
    const counts: number[] = [];
    for (const first of [10, 100]) {
      t.sql.reset();
      const res = await t.gql(WORK_LIST, { first }, coordinator.token);
      expect(res.data.workList.edges).toHaveLength(first);
      counts.push(t.sql.count);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });
});
