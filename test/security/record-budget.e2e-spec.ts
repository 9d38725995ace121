import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { insertPerson, lastLogId, logRowsSince } from '../young-people/fixtures';

/**
 * Issue 16, point 4: a per-user budget of personal-data records. Over it the request is
 * refused with RECORD_BUDGET_EXCEEDED, whole (nothing shown, nothing logged as read),
 * and the auditors' unusual-access list shows the breach.
 */
const PER_MINUTE = 30;
const LIST = `query($first: Int!) { youngPeople(first: $first) { edges { node { id personalNumber } } } }`;
const UNUSUAL = `{ unusualAccesses(first: 50) { totalCount edges { node { logId youngPersonId actorUserId action reason } } } }`;

describe('4. a per-user budget of personal-data records', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let colleague: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await createTestApp({
      RECORD_BUDGET_PER_MINUTE: String(PER_MINUTE),
      RECORD_BUDGET_PER_DAY: '1000',
    });
    const { org } = await createWorld(t, '1287');
    coordinator = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    colleague = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    auditor = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.AUDITOR]);
    for (let i = 0; i < 40; i++) await insertPerson(t, { familyName: `Budget${i}` });
  });
  afterAll(() => t.close());

  it('answers within the budget, refuses the answer that would cross it whole, and lists the breach for the auditor', async () => {
    const start = await lastLogId(t);
    const first = await t.gql(LIST, { first: 25 }, coordinator.token);
    expect(first.errors).toBeUndefined();
    expect(first.data.youngPeople.edges).toHaveLength(25);

    // 25 + 10 > 30: refused, with no data and no read logged.
    const before = await lastLogId(t);
    const over = await t.gql(LIST, { first: 10 }, coordinator.token);
    expect(over.status).toBe(429);
    expect(over.errors?.map((e) => e.extensions?.code)).toEqual(['RECORD_BUDGET_EXCEEDED']);
    expect(over.data ?? null).toBeNull();
    const afterOver = await logRowsSince(t, before);
    expect(afterOver).toEqual([
      expect.objectContaining({
        action: 'RECORD_BUDGET_EXCEEDED',
        subject_type: 'USER',
        subject_ids: [coordinator.id],
        young_person_ids: [],
        actor_user_id: coordinator.id,
        legal_basis: 'AUDIT',
      }),
    ]);

    // What is left (5) is still answered; then the budget is spent and even one record is refused.
    expect(
      (await t.gql(LIST, { first: 5 }, coordinator.token)).data.youngPeople.edges,
    ).toHaveLength(5);
    const spent = await t.gql(LIST, { first: 1 }, coordinator.token);
    expect(spent.errors?.map((e) => e.extensions?.code)).toEqual(['RECORD_BUDGET_EXCEEDED']);

    // The budget is the user's own: a colleague still reads.
    expect((await t.gql(LIST, { first: 25 }, colleague.token)).data.youngPeople.edges).toHaveLength(
      25,
    );

    const reads = (await logRowsSince(t, start)).filter((r) => r.action === 'READ');
    expect(
      reads.filter((r) => r.actor_user_id === coordinator.id).flatMap((r) => r.young_person_ids),
    ).toHaveLength(30);

    const unusual = await t.gql(UNUSUAL, {}, auditor.token);
    expect(unusual.errors).toBeUndefined();
    const breaches = unusual.data.unusualAccesses.edges
      .map((e: { node: Record<string, unknown> }) => e.node)
      .filter((n: Record<string, unknown>) => n.reason === 'RECORD_BUDGET_EXCEEDED');
    expect(breaches.length).toBeGreaterThanOrEqual(1);
    expect(breaches[0]).toMatchObject({
      youngPersonId: null,
      actorUserId: coordinator.id,
      action: 'RECORD_BUDGET_EXCEEDED',
    });
  });

  it('the coordinator cannot see the unusual-access list', async () => {
    const res = await t.gql(UNUSUAL, {}, colleague.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
