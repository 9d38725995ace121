import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

// Issue 11's benchmark point and issue 17's: the work list stays one SQL statement per
// page at 50 000 register rows, and pages by cursor in the rule's order.
jest.setTimeout(300_000);

const ROWS = 50_000;

const WORK_LIST = `query($first: Int, $after: String, $reason: WorkListReason) {
  workList(first: $first, after: $after, reason: $reason) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { kaaPeriodId familyName reason priority streetAddress } }
  }
}`;

describe('work list at 50 000 register rows', () => {
  let t: TestApp;
  let coordinator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await createMunicipality(t, '1280');
    const org = await createOrganisation(t, '1280', OrganisationKind.YOUTH_TEAM);
    coordinator = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
    // The bench's mix (scripts/bench-worklist.ts): no responsible, follow-up overdue,
    // never contacted, unanswered letters, phoned.
    await t.db.query(
      `WITH yp AS (
         INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
                                   street_address, postal_code, city, phone)
         SELECT lpad((300000000000 + i)::text, 12, '0'), DATE '2008-06-01' + (i % 700), 'Ung', 'Skala' || i, '1280',
                'Storgatan ' || (i % 300), '211 34', 'Malmö', '070-' || (1000000 + i)
         FROM generate_series(1, $1::int) i RETURNING id, family_name)
       INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id, next_follow_up_date)
       SELECT id, '1280', app_today() - 90, 'NEVER_STARTED',
              CASE WHEN right(family_name, 1) IN ('0','1','2') THEN NULL ELSE $2::uuid END,
              CASE WHEN right(family_name, 1) IN ('3','4') THEN app_today() - 5 ELSE app_today() + 20 END
       FROM yp`,
      [ROWS, coordinator.id],
    );
    await t.db.query(
      `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
       SELECT p.young_person_id, '1280', CASE WHEN hashtext(p.id::text) % 2 = 0 THEN 'LETTER' ELSE 'PHONE' END,
              'OUTBOUND', app_now() - interval '20 days', $1, 'NO_RESPONSE'
       FROM kaa_period p WHERE p.municipality_code = '1280' AND (hashtext(p.id::text) % 4) <> 0`,
      [coordinator.id],
    );
    await t.db.query(`ANALYZE work_list_entry, young_person, kaa_period`);
  });
  afterAll(() => t.close());

  const page = async (first: number, after?: string, reason?: string) => {
    t.sql.reset();
    const res = await t.gql(WORK_LIST, { first, after, reason }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const reads = t.sql.statements.filter((s) => /\bwork_list_entry\b|\bkaa_period\b/i.test(s));
    return { list: res.data.workList, statements: t.sql.count, reads: reads.length };
  };

  it('answers a page with one statement that reads the list, the same count for 10 and 100 rows', async () => {
    await page(10); // the first request loads the user and ability
    const ten = await page(10);
    const hundred = await page(100);
    expect(ten.reads).toBe(1);
    expect(hundred.reads).toBe(1);
    expect(hundred.statements).toBe(ten.statements);
    expect(ten.list.totalCount).toBe(ROWS);
    expect(hundred.list.edges).toHaveLength(100);
    expect(hundred.list.edges[0].node.streetAddress).toMatch(/^Storgatan/);
  });

  it('pages by cursor in the order the rule gives when computed afresh', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 3; i++) {
      const p = await page(100, after);
      expect(p.reads).toBe(1);
      ids.push(...p.list.edges.map((e: any) => e.node.kaaPeriodId));
      after = p.list.pageInfo.endCursor;
    }
    const fresh = await t.db.query(
      `SELECT c.kaa_period_id FROM work_list_compute(ARRAY(
         SELECT id FROM kaa_period WHERE municipality_code = '1280' AND exit_date IS NULL)) c
        WHERE c.in_list ORDER BY c.priority, c.sort_key, c.kaa_period_id LIMIT 300`,
    );
    expect(ids).toEqual(fresh.rows.map((r: { kaa_period_id: string }) => r.kaa_period_id));
    expect(new Set(ids).size).toBe(300);
  });

  it('keeps one statement with a reason filter and past the middle of the list', async () => {
    const due = await page(50, undefined, 'LETTERS_UNANSWERED_HOME_VISIT_DUE');
    expect(due.reads).toBe(1);
    expect(due.list.edges.length).toBe(50);
    expect(due.list.edges.every((e: any) => e.node.priority <= 6)).toBe(true);
    const expected = await t.db.query(
      `SELECT count(*)::int AS n FROM work_list_entry
        WHERE municipality_code = '1280' AND in_list AND 'LETTERS_UNANSWERED_HOME_VISIT_DUE' = ANY (reasons)`,
    );
    expect(due.list.totalCount).toBe(expected.rows[0].n);
  });
});
