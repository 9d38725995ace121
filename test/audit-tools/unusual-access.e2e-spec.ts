import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createYoungPerson } from '../cases/fixtures';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const LIST = `query($first: Int, $after: String, $yp: ID) {
  unusualAccesses(first: $first, after: $after, youngPersonId: $yp) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { logId youngPersonId actorOrganisationId action reason legalBasis } }
  }
}`;
const OVERVIEW = `{ auditOverview { unusualAccessesLast30Days emergencyAccessesAwaitingReview emergencyAccessesActive } }`;

type Node = { logId: string; youngPersonId: string; reason: string; action: string };

describe('auditor: unusual access', () => {
  let t: TestApp;
  let auditor: TestUser;
  let malmoAuditor: TestUser;
  let coordinator: TestUser;
  let orgAdmin: TestUser;
  let muniAdmin: TestUser;
  let manager: TestUser;
  const log: Record<string, string> = {};
  const p: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    const O = w.org;
    auditor = await createUser(t, O[OrganisationKind.OTHER], [Role.AUDITOR]);
    malmoAuditor = await createUser(t, mmo.org[OrganisationKind.OTHER], [Role.AUDITOR]);
    coordinator = await createUser(t, O[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    orgAdmin = await createUser(t, O[OrganisationKind.OTHER], [Role.ORG_ADMIN]);
    muniAdmin = await createUser(t, O[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    manager = await createUser(t, O[OrganisationKind.YOUTH_TEAM], [Role.MANAGER]);
    const school = await createUser(t, O[OrganisationKind.SCHOOL], [Role.COUNSELLOR]);
    const malmoSchool = await createUser(t, mmo.org[OrganisationKind.SCHOOL], [Role.COUNSELLOR]);
    for (const k of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'])
      p[k] = await createYoungPerson(t, '1287', 17);
    p.malmo = await createYoungPerson(t, '1280', 17);

    // Relations: a case with social services (p2), a referral to the labour office (p2),
    // a flag raised by the school (p3), a notice from a Malmö school (p4), a consent naming
    // the association (p5), a concern report from the school to social services (p6).
    const caseId = (
      await t.db.query(
        `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
         VALUES ($1, '1287', $2, $3, 'Case', $3) RETURNING id`,
        [p.p2, O[OrganisationKind.YOUTH_TEAM], coordinator.id],
      )
    ).rows[0].id;
    await t.db.query(
      `INSERT INTO case_participant (case_id, organisation_id, role) VALUES ($1, $2, 'PARTICIPANT')`,
      [caseId, O[OrganisationKind.SOCIAL_SERVICES]],
    );
    await t.db.query(
      `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
          receiver_organisation_id, purpose, shared_categories, response_due_date)
       VALUES ($1, $2, '1287', $3, $4, $5, 'LONESTOD', ARRAY['EMPLOYMENT'], app_today() + 14)`,
      [
        caseId,
        p.p2,
        O[OrganisationKind.YOUTH_TEAM],
        coordinator.id,
        O[OrganisationKind.LABOUR_OFFICE],
      ],
    );
    await t.db.query(
      `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by)
       VALUES ($1, $2, '1287', ARRAY['WELLBEING'], 'LOW', $3)`,
      [p.p3, O[OrganisationKind.SCHOOL], school.id],
    );
    await t.db.query(
      `INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
          kind, last_attendance_date, reason_category, left_with_plan, sent_by)
       VALUES ($1, $2, '1280', '1287', 'DROPPED_OUT', app_today() - 3, 'UNKNOWN', false, $3)`,
      [p.p4, mmo.org[OrganisationKind.SCHOOL], malmoSchool.id],
    );
    const consentId = (
      await t.db.query(
        `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
            documented_by_organisation_id, purpose, categories, valid_from, valid_until)
         VALUES ($1, '1287', ARRAY['YOUNG_PERSON'], 'WRITTEN', $2, $3, 'Activity', ARRAY['ACTIVITIES'],
            app_now() - interval '1 day', app_now() + interval '100 days') RETURNING id`,
        [p.p5, coordinator.id, O[OrganisationKind.YOUTH_TEAM]],
      )
    ).rows[0].id;
    await t.db.query(
      `INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`,
      [consentId, O[OrganisationKind.ASSOCIATION]],
    );
    await t.db.query(
      `INSERT INTO concern_report (young_person_id, municipality_code, sender_organisation_id, sender_user_id,
          receiver_organisation_ids, description)
       VALUES ($1, '1287', $2, $3, ARRAY[$4]::uuid[], 'Concern')`,
      [p.p6, O[OrganisationKind.SCHOOL], school.id, O[OrganisationKind.SOCIAL_SERVICES]],
    );
    await t.db.query(
      `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, municipality_code, reason, expires_at)
       VALUES ($1, $2, $3, '1287', 'Acute situation needing the contact details', app_now() + interval '4 hours')`,
      [school.id, O[OrganisationKind.SCHOOL], p.p1],
    );

    const read = async (
      name: string,
      orgId: string,
      actorMuni: string,
      subjectMuni: string,
      yps: string[],
      action = 'READ',
    ) => {
      log[name] = String(
        (
          await t.db.query(
            `INSERT INTO access_log (actor_user_id, actor_organisation_id, actor_municipality_code, subject_municipality_code,
                action, subject_type, subject_ids, young_person_ids, legal_basis)
             VALUES (NULL, $1, $2, $3, $4, 'YOUNG_PERSON', $5, $5, 'CONSENT') RETURNING id`,
            [orgId, actorMuni, subjectMuni, action, yps],
          )
        ).rows[0].id,
      );
    };
    await read('youthOwn', O[OrganisationKind.YOUTH_TEAM], '1287', '1287', [p.p1]);
    await read('associationNoRelation', O[OrganisationKind.ASSOCIATION], '1287', '1287', [p.p1]);
    await read('socialInCase', O[OrganisationKind.SOCIAL_SERVICES], '1287', '1287', [p.p2]);
    await read(
      'labourSearch',
      O[OrganisationKind.LABOUR_OFFICE],
      '1287',
      '1287',
      [p.p2, p.p3],
      'SEARCH',
    );
    await read('schoolOwnFlag', O[OrganisationKind.SCHOOL], '1287', '1287', [p.p3]);
    await read(
      'malmoYouthTeam',
      mmo.org[OrganisationKind.YOUTH_TEAM],
      '1280',
      '1287',
      [p.p1],
      'EXPORT',
    );
    await read('malmoSchoolNotice', mmo.org[OrganisationKind.SCHOOL], '1280', '1287', [p.p4]);
    await read(
      'associationUpdate',
      O[OrganisationKind.ASSOCIATION],
      '1287',
      '1287',
      [p.p1],
      'UPDATE',
    );
    await read('associationConsent', O[OrganisationKind.ASSOCIATION], '1287', '1287', [p.p5]);
    await read('socialConcern', O[OrganisationKind.SOCIAL_SERVICES], '1287', '1287', [p.p6]);
    await read('malmoOnly', mmo.org[OrganisationKind.ASSOCIATION], '1280', '1280', [p.malmo]);
  });

  afterAll(() => t.close());

  const pairs = (nodes: Node[]) => nodes.map((n) => `${n.logId}:${n.youngPersonId}`).sort();

  it('lists exactly the reads without any relation, with a reason', async () => {
    const res = await t.gql(LIST, { first: 100 }, auditor.token);
    expect(res.errors).toBeUndefined();
    const nodes: Node[] = res.data.unusualAccesses.edges.map((e: { node: Node }) => e.node);
    expect(pairs(nodes)).toEqual(
      [
        `${log.associationNoRelation}:${p.p1}`,
        `${log.labourSearch}:${p.p3}`,
        `${log.malmoYouthTeam}:${p.p1}`,
      ].sort(),
    );
    expect(res.data.unusualAccesses.totalCount).toBe(3);
    const reason = (logId: string) => nodes.find((n) => n.logId === logId)?.reason;
    expect(reason(log.associationNoRelation)).toBe('NO_RELATION');
    expect(reason(log.malmoYouthTeam)).toBe('NO_RELATION_OTHER_MUNICIPALITY');
  });

  it('pages with a cursor and keeps the count', async () => {
    const first = await t.gql(LIST, { first: 2 }, auditor.token);
    expect(first.data.unusualAccesses.edges).toHaveLength(2);
    expect(first.data.unusualAccesses.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(
      LIST,
      { first: 2, after: first.data.unusualAccesses.pageInfo.endCursor },
      auditor.token,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data.unusualAccesses.edges).toHaveLength(1);
    expect(second.data.unusualAccesses.pageInfo.hasNextPage).toBe(false);
    expect(second.data.unusualAccesses.totalCount).toBe(3);
    const all = [...first.data.unusualAccesses.edges, ...second.data.unusualAccesses.edges].map(
      (e: { node: Node }) => e.node,
    );
    expect(new Set(pairs(all)).size).toBe(3);
  });

  it('filters by young person', async () => {
    const res = await t.gql(LIST, { yp: p.p3 }, auditor.token);
    expect(pairs(res.data.unusualAccesses.edges.map((e: { node: Node }) => e.node))).toEqual([
      `${log.labourSearch}:${p.p3}`,
    ]);
  });

  it('another municipality’s auditor sees only its own municipality’s rows', async () => {
    const res = await t.gql(LIST, { first: 100 }, malmoAuditor.token);
    expect(res.errors).toBeUndefined();
    expect(pairs(res.data.unusualAccesses.edges.map((e: { node: Node }) => e.node))).toEqual(
      [`${log.malmoYouthTeam}:${p.p1}`, `${log.malmoOnly}:${p.malmo}`].sort(),
    );
  });

  it('the overview counts unusual reads and openings awaiting review', async () => {
    const res = await t.gql(OVERVIEW, {}, auditor.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.auditOverview).toEqual({
      unusualAccessesLast30Days: 3,
      emergencyAccessesAwaitingReview: 1,
      emergencyAccessesActive: 1,
    });
    const mmo = await t.gql(OVERVIEW, {}, malmoAuditor.token);
    expect(mmo.data.auditOverview.emergencyAccessesAwaitingReview).toBe(0);
  });

  it('non-auditors are FORBIDDEN', async () => {
    for (const user of [coordinator, orgAdmin, muniAdmin, manager]) {
      const list = await t.gql(LIST, {}, user.token);
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const overview = await t.gql(OVERVIEW, {}, user.token);
      expect(overview.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
