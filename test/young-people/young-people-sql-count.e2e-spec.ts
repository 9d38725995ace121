import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, SqlCounter, TestApp } from '../support/test-app';
import {
  day,
  insertContact,
  insertOccupation,
  insertPeriod,
  insertPerson,
  insertSchooling,
} from './fixtures';

// Every derived and related field a client may ask for on a page of young people.
const LIST = `query($first: Int) { youngPeople(first: $first) { totalCount edges { node {
  id givenName age inKaa known currentOccupation { category } lastContactAt
  guardians { name } schooling { schoolName }
  kaaPeriods { id } occupations { category } measures { status } kaaClosures { kind }
  kaaPlans { current { goal responsibilities { party } } }
} } } }`;

describe('young-people list SQL statements', () => {
  let t: TestApp;
  let coordinator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    for (let i = 0; i < 110; i++) {
      const id = await insertPerson(t, { familyName: `Count${String(i).padStart(3, '0')}` });
      const period = await insertPeriod(t, id);
      await insertOccupation(t, id, i % 2 ? 'WORK' : 'UNKNOWN');
      await insertContact(t, id, new Date(testClock.now().getTime() - i * 3_600_000).toISOString());
      await insertSchooling(t, id, { type: 'NATIONAL', status: 'INTERRUPTED' });
      await t.db.query(`INSERT INTO guardian (young_person_id, name) VALUES ($1, 'Förälder')`, [
        id,
      ]);
      await t.db.query(
        `INSERT INTO kaa_measure (young_person_id, municipality_code, kaa_period_id, type, provider, offered_on, status)
         VALUES ($1, '1287', $2, 'COACHING', 'Ungdomsteamet', $3, 'OFFERED')`,
        [id, period, day(-3)],
      );
      const plan = await t.db.query(
        `INSERT INTO kaa_plan (young_person_id, municipality_code, kaa_period_id) VALUES ($1, '1287', $2) RETURNING id`,
        [id, period],
      );
      const version = await t.db.query(
        `INSERT INTO kaa_plan_version (plan_id, version, goal) VALUES ($1, 1, 'Mål') RETURNING id`,
        [plan.rows[0].id],
      );
      await t.db.query(
        `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, task) VALUES ($1, 0, 'YOUNG_PERSON', 'Uppgift')`,
        [version.rows[0].id],
      );
    }
  });

  afterAll(() => t.close());

  const countFor = async (first: number) => {
    // Warm up once so the first-request work (ability, user load) is the same for both.
    await t.gql(LIST, { first }, coordinator.token);
    t.sql.reset();
    const res = await t.gql(LIST, { first }, coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.youngPeople.edges).toHaveLength(first);
    expect(res.data.youngPeople.edges[0].node.kaaPlans[0].current.goal).toBe('Mål');
    return t.sql.count;
  };

  it('issues the same number of statements for 10 and 100 rows', async () => {
    const ten = await countFor(10);
    const hundred = await countFor(100);
    expect(hundred).toBe(ten);
    // One list statement, one per relation, the user/ability load and the access-log insert.
    expect(ten).toBeGreaterThanOrEqual(7);
    expect(ten).toBeLessThan(20);
  });

  it('the counter counts every statement but keeps the text of only so many (a soak sends millions)', () => {
    const counter = new SqlCounter();
    const n = SqlCounter.KEPT_STATEMENTS + 500;
    for (let i = 0; i < n; i++) counter.logQuery(`SELECT ${i}`);
    expect([counter.count, counter.statements.length]).toEqual([n, SqlCounter.KEPT_STATEMENTS]);
    expect(counter.statements[0]).toBe('SELECT 0');
    counter.reset();
    counter.logQuery('SELECT 1');
    expect([counter.count, counter.statements]).toEqual([1, ['SELECT 1']]);
  });
});
