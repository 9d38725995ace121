import { randomUUID } from 'node:crypto';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const SEARCH = `query(
  $userId: ID, $organisationId: ID, $youngPersonId: ID, $subjectId: ID,
  $action: AccessAction, $from: DateTime, $to: DateTime, $first: Int, $after: String
) {
  accessLog(
    userId: $userId, organisationId: $organisationId, youngPersonId: $youngPersonId,
    subjectId: $subjectId, action: $action, from: $from, to: $to, first: $first, after: $after
  ) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id action actorUserId subjectIds youngPersonIds occurredAt sealed } }
  }
}`;

interface Row {
  actorUser: string;
  actorOrg: string;
  actorMuni: string;
  subjectMuni: string;
  action?: string;
  subjectIds?: string[];
  youngPersonIds?: string[];
  occurredAt?: string;
}

/** AUDITOR searches the log of its own municipality (DESIGN.md §7); nobody else can. */
describe('accessLog search', () => {
  let t: TestApp;
  let malmoAuditor: TestUser;
  let trelleborgAuditor: TestUser;
  const ids = {
    malmoUser: randomUUID(),
    malmoOrg: randomUUID(),
    otherMalmoUser: randomUUID(),
    trelleborgUser: randomUUID(),
    trelleborgOrg: randomUUID(),
    youngPerson: randomUUID(),
    subject: randomUUID(),
    trelleborgSubject: randomUUID(),
    crossSubject: randomUUID(),
  };

  async function insert(row: Row): Promise<string> {
    const { rows } = await t.db.query(
      `INSERT INTO access_log (request_id, actor_user_id, actor_organisation_id, actor_municipality_code,
         subject_municipality_code, action, subject_type, subject_ids, young_person_ids, legal_basis, occurred_at)
       VALUES ('seeded', $1, $2, $3, $4, $5, 'YOUNG_PERSON', $6, $7, 'STATUTORY_DUTY', coalesce($8::timestamptz, app_now()))
       RETURNING id`,
      [
        row.actorUser,
        row.actorOrg,
        row.actorMuni,
        row.subjectMuni,
        row.action ?? 'READ',
        // The database refuses a row about nothing (access_log_subject_ids_check).
        row.subjectIds ?? [randomUUID()],
        row.youngPersonIds ?? [],
        row.occurredAt ?? null,
      ],
    );
    return rows[0].id;
  }

  const malmo = { actorUser: ids.malmoUser, actorOrg: ids.malmoOrg, actorMuni: '1280' };

  beforeAll(async () => {
    t = await createTestApp();
    const m = await createWorld(t, '1280');
    const tb = await createWorld(t, '1287');
    malmoAuditor = await createUser(t, m.org[OrganisationKind.OTHER], [Role.AUDITOR]);
    trelleborgAuditor = await createUser(t, tb.org[OrganisationKind.OTHER], [Role.AUDITOR]);

    await insert({ ...malmo, subjectMuni: '1280', occurredAt: '2025-01-15T10:00:00Z' });
    await insert({
      ...malmo,
      subjectMuni: '1280',
      action: 'UPDATE',
      subjectIds: [ids.subject],
      youngPersonIds: [ids.youngPerson],
      occurredAt: '2025-02-15T10:00:00Z',
    });
    await insert({ ...malmo, subjectMuni: '1280', occurredAt: '2025-03-15T10:00:00Z' });
    for (let i = 0; i < 4; i++) {
      await insert({
        actorUser: ids.otherMalmoUser,
        actorOrg: randomUUID(),
        actorMuni: '1280',
        subjectMuni: '1280',
      });
    }
    // Trelleborg reading Trelleborg: Malmö must not see it.
    await insert({
      actorUser: ids.trelleborgUser,
      actorOrg: ids.trelleborgOrg,
      actorMuni: '1287',
      subjectMuni: '1287',
      subjectIds: [ids.trelleborgSubject],
    });
    // Trelleborg reading a Malmö record: both see it.
    await insert({
      actorUser: ids.trelleborgUser,
      actorOrg: ids.trelleborgOrg,
      actorMuni: '1287',
      subjectMuni: '1280',
      subjectIds: [ids.crossSubject],
    });
  });
  afterAll(() => t.close());

  const search = (vars: Record<string, unknown>, token = malmoAuditor.token) =>
    t.gql(SEARCH, vars, token);
  const nodesOf = async (vars: Record<string, unknown>, token?: string) => {
    const res = await search(vars, token);
    expect(res.errors).toBeUndefined();
    return res.data.accessLog.edges.map((e: { node: unknown }) => e.node);
  };

  describe('municipality scope', () => {
    it('hides rows where both actor and data belong to another municipality', async () => {
      expect(await nodesOf({ subjectId: ids.trelleborgSubject })).toEqual([]);
      expect(await nodesOf({ userId: ids.trelleborgUser })).toHaveLength(1);
    });

    it('shows the other municipality’s auditor its own rows', async () => {
      const rows = await nodesOf({ subjectId: ids.trelleborgSubject }, trelleborgAuditor.token);
      expect(rows).toHaveLength(1);
    });

    it('shows rows where another municipality read the own municipality’s data', async () => {
      expect(await nodesOf({ subjectId: ids.crossSubject })).toHaveLength(1);
      expect(await nodesOf({ subjectId: ids.crossSubject }, trelleborgAuditor.token)).toHaveLength(
        1,
      );
    });

    it('never returns a row that belongs to neither side of the auditor’s municipality', async () => {
      const res = await search({ first: 100 });
      const visible = res.data.accessLog.totalCount;
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM access_log
          WHERE subject_municipality_code = '1280' OR actor_municipality_code = '1280'`,
      );
      expect(visible).toBe(rows[0].n);
    });
  });

  describe('filters', () => {
    it('by userId', async () => {
      const rows = await nodesOf({ userId: ids.malmoUser });
      expect(rows).toHaveLength(3);
      expect(rows.every((r: { actorUserId: string }) => r.actorUserId === ids.malmoUser)).toBe(
        true,
      );
    });

    it('by organisationId', async () => {
      expect(await nodesOf({ organisationId: ids.malmoOrg })).toHaveLength(3);
    });

    it('by youngPersonId', async () => {
      const rows = await nodesOf({ youngPersonId: ids.youngPerson });
      expect(rows).toEqual([expect.objectContaining({ youngPersonIds: [ids.youngPerson] })]);
    });

    it('by subjectId', async () => {
      const rows = await nodesOf({ subjectId: ids.subject });
      expect(rows).toEqual([expect.objectContaining({ subjectIds: [ids.subject] })]);
    });

    it('by action', async () => {
      const rows = await nodesOf({ userId: ids.malmoUser, action: 'UPDATE' });
      expect(rows).toEqual([expect.objectContaining({ action: 'UPDATE' })]);
    });

    it('by period: from inclusive, to exclusive', async () => {
      const rows = await nodesOf({
        userId: ids.malmoUser,
        from: '2025-02-15T10:00:00Z',
        to: '2025-03-15T10:00:00Z',
      });
      expect(rows).toEqual([expect.objectContaining({ occurredAt: '2025-02-15T10:00:00.000Z' })]);
    });

    it('refuses a malformed id filter with BAD_USER_INPUT', async () => {
      const res = await search({ userId: 'not-a-uuid' });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('pagination', () => {
    it('pages newest first through every matching row exactly once', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const res = await search({ userId: ids.otherMalmoUser, first: 3, after });
        expect(res.data.accessLog.totalCount).toBe(4);
        seen.push(...res.data.accessLog.edges.map((e: { node: { id: string } }) => e.node.id));
        pages += 1;
        if (!res.data.accessLog.pageInfo.hasNextPage) break;
        after = res.data.accessLog.pageInfo.endCursor;
      }
      expect(pages).toBe(2);
      expect(seen).toHaveLength(4);
      expect(seen).toEqual([...seen].sort((a, b) => Number(b) - Number(a)));
    });

    it('refuses a page larger than 100', async () => {
      const res = await search({ first: 1000 });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('other roles', () => {
    it.each([
      Role.MUNICIPALITY_ADMIN,
      Role.ORG_ADMIN,
      Role.YOUTH_COORDINATOR,
      Role.MANAGER,
      Role.SOCIAL_WORKER,
    ])('%s gets FORBIDDEN', async (role) => {
      const user = await createUser(t, malmoAuditor.organisationId, [role]);
      const res = await search({}, user.token);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('an anonymous caller gets UNAUTHENTICATED', async () => {
      const res = await t.gql(SEARCH, {});
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
