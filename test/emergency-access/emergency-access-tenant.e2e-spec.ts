import { randomUUID } from 'node:crypto';
import { Role } from '../../src/identity/role.enum';
import { createYoungPerson, insertCase } from '../cases/fixtures';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, GqlResult, TestApp } from '../support/test-app';

const REASON = 'Polisen larmar: den unge är försvunnen sedan i natt';

/** Break the glass stays inside the tenant, is reviewed on both sides and can be ended. */
describe('emergency access inside the tenant', () => {
  let t: TestApp;
  let trelleborg: Awaited<ReturnType<typeof createWorld>>;
  let malmo: Awaited<ReturnType<typeof createWorld>>;
  let social: TestUser;
  let colleague: TestUser;
  let trelleborgAuditor: TestUser;
  let malmoAuditor: TestUser;
  let coordinator: TestUser;

  const open = (i: Record<string, unknown>, token = social.token) =>
    t.gql(
      `mutation($i: OpenEmergencyAccessInput!) {
         openEmergencyAccess(input: $i) { id active }
       }`,
      { i: { reason: REASON, ...i } },
      token,
    );
  const end = (id: string, token = social.token) =>
    t.gql(
      `mutation($id: ID!) { endEmergencyAccess(id: $id) { id active endedAt expiresAt } }`,
      { id },
      token,
    );
  const contact = (id: string, token = social.token) =>
    t.gql(`query($id: ID!) { youngPerson(id: $id) { id phone streetAddress } }`, { id }, token);
  const reviewList = async (token: string): Promise<string[]> => {
    const res = await t.gql(
      `{ emergencyAccessReviewList(first: 100) { edges { node { id } } } }`,
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.emergencyAccessReviewList.edges.map((e: { node: { id: string } }) => e.node.id);
  };
  /** Everything an attempt could leave behind: openings, log rows, notifications. */
  const traces = async () => {
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM emergency_access)::int AS openings,
              (SELECT count(*) FROM access_log)::int AS log_rows,
              (SELECT count(*) FROM notification)::int AS notifications`,
    );
    return rows[0];
  };
  /** The whole answer a client sees: status, and the body with every error object. */
  const answer = (res: GqlResult) => ({ status: res.status, body: res.body });

  beforeAll(async () => {
    t = await createTestApp();
    trelleborg = await createWorld(t, '1287');
    malmo = await createWorld(t, '1280');
    social = await createUser(t, trelleborg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    colleague = await createUser(t, trelleborg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    await t.db.query(
      `UPDATE app_user SET permissions = '{EMERGENCY_ACCESS}' WHERE id = ANY($1::uuid[])`,
      [[social.id, colleague.id]],
    );
    trelleborgAuditor = await createUser(t, trelleborg.org.OTHER, [Role.AUDITOR]);
    malmoAuditor = await createUser(t, malmo.org.OTHER, [Role.AUDITOR]);
    coordinator = await createUser(t, malmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
  });
  afterAll(() => t.close());

  it('a resident of another municipality answers exactly like an id that does not exist, and leaves no trace', async () => {
    const resident = await createYoungPerson(t, '1280', 16);
    await t.db.query(`UPDATE young_person SET street_address = 'Storgatan 1' WHERE id = $1`, [
      resident,
    ]);
    const caseId = await insertCase(t, {
      youngPersonId: resident,
      municipalityCode: '1280',
      leadOrganisationId: malmo.org.YOUTH_TEAM,
      leadUserId: coordinator.id,
    });
    const before = await traces();

    const crossPerson = await open({ youngPersonId: resident });
    const randomPerson = await open({ youngPersonId: randomUUID() });
    expect(crossPerson.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(answer(crossPerson)).toEqual(answer(randomPerson));

    const crossCase = await open({ caseId });
    const randomCase = await open({ caseId: randomUUID() });
    expect(crossCase.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(answer(crossCase)).toEqual(answer(randomCase));

    expect(await traces()).toEqual(before);
    const read = await contact(resident);
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('opens a resident of the own municipality and reads her contact; the review lists of both the opener’s and the young person’s municipality show openings', async () => {
    const resident = await createYoungPerson(t, '1287', 16);
    await t.db.query(`UPDATE young_person SET street_address = 'Algatan 5' WHERE id = $1`, [
      resident,
    ]);
    expect((await contact(resident)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const opened = await open({ youngPersonId: resident });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openEmergencyAccess.active).toBe(true);
    const own = opened.data.openEmergencyAccess.id;
    const read = await contact(resident);
    expect(read.errors).toBeUndefined();
    expect(read.data.youngPerson).toEqual({
      id: resident,
      phone: '0700000000',
      streetAddress: 'Algatan 5',
    });

    // An opening across municipalities from before the rule: a Trelleborg user, a Malmö resident.
    const { rows } = await t.db.query(
      `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, municipality_code, reason,
          opened_at, expires_at)
       VALUES ($1, $2, $3, '1280', $4, app_now() - interval '2 days', app_now() - interval '44 hours')
       RETURNING id`,
      [social.id, social.organisationId, await createYoungPerson(t, '1280', 16), REASON],
    );
    const across = rows[0].id;
    expect(await reviewList(trelleborgAuditor.token)).toEqual(
      expect.arrayContaining([own, across]),
    );
    const malmoList = await reviewList(malmoAuditor.token);
    expect(malmoList).toContain(across);
    expect(malmoList).not.toContain(own);
    const overview = await t.gql(
      `{ auditOverview { emergencyAccessesAwaitingReview } }`,
      {},
      trelleborgAuditor.token,
    );
    expect(overview.data.auditOverview.emergencyAccessesAwaitingReview).toBe(2);
    // Malmö's auditors count only the opening of their resident.
    const malmoOverview = await t.gql(
      `{ auditOverview { emergencyAccessesAwaitingReview } }`,
      {},
      malmoAuditor.token,
    );
    expect(malmoOverview.data.auditOverview.emergencyAccessesAwaitingReview).toBe(1);

    const mark = await t.gql(
      `mutation($id: ID!) { markEmergencyAccessReviewed(id: $id) { id reviewedAt } }`,
      { id: across },
      trelleborgAuditor.token,
    );
    expect(mark.errors).toBeUndefined();
    expect(await reviewList(malmoAuditor.token)).not.toContain(across);
  });

  it('the opener ends it early: the access is gone on the next request, and the end is logged', async () => {
    const resident = await createYoungPerson(t, '1287', 17);
    const opened = await open({ youngPersonId: resident });
    expect(opened.errors).toBeUndefined();
    const id = opened.data.openEmergencyAccess.id;
    expect((await contact(resident)).errors).toBeUndefined();

    const ended = await end(id);
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endEmergencyAccess).toMatchObject({ id, active: false });
    expect(ended.data.endEmergencyAccess.endedAt).toBe(ended.data.endEmergencyAccess.expiresAt);

    expect((await contact(resident)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { rows: log } = await t.db.query(
      `SELECT action, fields, legal_basis, young_person_ids, subject_municipality_code FROM access_log
        WHERE actor_user_id = $1 AND subject_type = 'EMERGENCY_ACCESS' AND $2 = ANY(subject_ids)
        ORDER BY id`,
      [social.id, id],
    );
    expect(log).toEqual([
      expect.objectContaining({ action: 'CREATE' }),
      {
        action: 'UPDATE',
        fields: ['endedAt', 'expiresAt', 'active'],
        legal_basis: 'EMERGENCY_ACCESS',
        young_person_ids: [resident],
        subject_municipality_code: '1287',
      },
    ]);
    const mine = await t.gql(
      `{ myEmergencyAccesses { edges { node { id active endedAt } } } }`,
      {},
      social.token,
    );
    expect(mine.data.myEmergencyAccesses.edges).toContainEqual({
      node: { id, active: false, endedAt: ended.data.endEmergencyAccess.endedAt },
    });
    const again = await end(id);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('nobody but the opener can end it: a colleague or an auditor gets NOT_FOUND, as for a random id', async () => {
    const resident = await createYoungPerson(t, '1287', 16);
    const opened = await open({ youngPersonId: resident });
    expect(opened.errors).toBeUndefined();
    const id = opened.data.openEmergencyAccess.id;
    const before = await traces();

    const byColleague = await end(id, colleague.token);
    const random = await end(randomUUID(), colleague.token);
    expect(byColleague.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(answer(byColleague)).toEqual(answer(random));
    const byAuditor = await end(id, trelleborgAuditor.token);
    expect(answer(byAuditor)).toEqual(answer(random));

    expect(await traces()).toEqual(before);
    const { rows } = await t.db.query(
      `SELECT ended_at, expires_at > app_now() AS open FROM emergency_access WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ ended_at: null, open: true }]);
    expect((await contact(resident)).errors).toBeUndefined();
  });
});
