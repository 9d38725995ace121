import { Actor } from '../../src/core/auth/actor';
import { APPLICATION_ROLE } from '../../src/core/authorization/entitlement/row-policies.sql';
import { actorSettings } from '../../src/core/database/request-transaction';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createYoungPerson } from '../cases/fixtures';
import { seedEverything, SeededIds } from '../register-extract/seed-everything';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { lastLogId, logRowsSince } from '../young-people/fixtures';

/** Every kind of subject a notification names, and the table its record lives in. */
const SUBJECTS: { type: string; table: string; id: (ids: SeededIds, person: string) => string }[] =
  [
    { type: 'YOUNG_PERSON', table: 'young_person', id: (_, person) => person },
    { type: 'REFERRAL', table: 'referral', id: (ids) => ids.referral },
    { type: 'JOINT_CASE', table: 'joint_case', id: (ids) => ids.case },
    { type: 'CASE_TASK', table: 'case_task', id: (ids) => ids.caseTask },
    { type: 'CONSENT', table: 'consent', id: (ids) => ids.consent },
    { type: 'CONCERN_REPORT', table: 'concern_report', id: (ids) => ids.concernReport },
    { type: 'EMERGENCY_ACCESS', table: 'emergency_access', id: (ids) => ids.emergencyAccess },
    { type: 'RISK_FLAG', table: 'risk_flag', id: (ids) => ids.riskFlag },
    { type: 'SCHOOL_NOTICE', table: 'school_notice', id: (ids) => ids.notice },
  ];

const FEED = `{ notifications(first: 100) { edges { node { id kind subjectType subjectId } } } }`;

/**
 * A notification shows its subject exactly when the reader may read the subject record
 * (its row policy, asked directly as the reader), and each shown one is logged as a read
 * of the record's young person. Checked for every kind of subject and every kind of reader,
 * on one record of every kind about one person.
 */
describe('a notification shows its subject to whoever may read the record', () => {
  let t: TestApp;
  let person: string;
  let ids: SeededIds;
  const readers: { name: string; user: TestUser; actor: Actor }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t, '1287');
    const other = await createWorld(t, '1280');
    const reader = async (
      name: string,
      org: Record<OrganisationKind, string>,
      kind: OrganisationKind,
      role: Role,
    ) => {
      const user = await createUser(t, org[kind], [role]);
      const actor: Actor = {
        userId: user.id,
        organisationId: user.organisationId,
        organisationKind: kind,
        municipalityCode: user.municipalityCode,
        roles: [role],
        permissions: [],
      };
      readers.push({ name, user, actor });
      return user;
    };
    const youth = await reader(
      'home youth team',
      w.org,
      OrganisationKind.YOUTH_TEAM,
      Role.YOUTH_COORDINATOR,
    );
    const school = await reader('school', w.org, OrganisationKind.SCHOOL, Role.COUNSELLOR);
    const social = await reader(
      'social services',
      w.org,
      OrganisationKind.SOCIAL_SERVICES,
      Role.SOCIAL_WORKER,
    );
    await reader('auditor', w.org, OrganisationKind.OTHER, Role.AUDITOR);
    await reader('association', w.org, OrganisationKind.ASSOCIATION, Role.ASSOCIATION_LEADER);
    await reader(
      'other youth team',
      other.org,
      OrganisationKind.YOUTH_TEAM,
      Role.YOUTH_COORDINATOR,
    );
    person = await createYoungPerson(t, '1287', 17);
    ids = await seedEverything(t, {
      youngPersonId: person,
      municipalityCode: '1287',
      youthOrgId: w.org[OrganisationKind.YOUTH_TEAM],
      youthUserId: youth.id,
      schoolOrgId: w.org[OrganisationKind.SCHOOL],
      schoolUserId: school.id,
      socialOrgId: w.org[OrganisationKind.SOCIAL_SERVICES],
      socialUserId: social.id,
    });
  });
  afterAll(() => t.close());

  /** Whether the row policy of `table` lets `actor` see the row, asked as the application. */
  async function visible(actor: Actor, table: string, id: string): Promise<boolean> {
    const c = t.ds.createQueryRunner();
    try {
      await c.startTransaction();
      // The application role, whatever the test's connection is: row-level security applies.
      await c.query(`SET LOCAL ROLE ${APPLICATION_ROLE}`);
      await c.query(...actorSettings(actor));
      const rows: unknown[] = await c.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
      return rows.length > 0;
    } finally {
      await c.rollbackTransaction();
      await c.release();
    }
  }

  it('links every kind of subject to its person, on a raw INSERT too', async () => {
    const { user } = readers[0];
    for (const s of SUBJECTS) {
      const { rows } = await t.db.query(
        `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
         VALUES ($1, $2, 'LINK_CHECK', $3, $4) RETURNING young_person_id`,
        [user.id, user.organisationId, s.type, s.id(ids, person)],
      );
      expect([s.type, rows[0].young_person_id]).toEqual([s.type, person]);
    }
    await t.db.query(`DELETE FROM notification WHERE kind = 'LINK_CHECK'`);
  });

  it('shows (and logs) the subject exactly when the reader may read the record', async () => {
    const shownTo = new Map<string, string[]>();
    for (const { name, user, actor } of readers) {
      for (const s of SUBJECTS)
        await t.db.query(
          `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
           VALUES ($1, $2, 'SUBJECT_CHECK', $3, $4)`,
          [user.id, user.organisationId, s.type, s.id(ids, person)],
        );
      const before = await lastLogId(t);
      const res = await t.gql(FEED, {}, user.token);
      expect(res.errors).toBeUndefined();
      const all: { id: string; kind: string; subjectType: string; subjectId: string | null }[] =
        res.data.notifications.edges.map((e: { node: unknown }) => e.node);
      // The seed notified the social worker of its referral too.
      const nodes = all.filter((n) => n.kind === 'SUBJECT_CHECK');
      const expected: [string, string | null][] = [];
      for (const s of SUBJECTS) {
        const id = s.id(ids, person);
        expected.push([s.type, (await visible(actor, s.table, id)) ? id : null]);
      }
      expect([name, nodes.map((n) => [n.subjectType, n.subjectId]).sort()]).toEqual([
        name,
        expected.sort(),
      ]);
      const shown = nodes.filter((n) => n.subjectId !== null);
      shownTo.set(
        name,
        shown.map((n) => n.subjectType),
      );
      const reads = (await logRowsSince(t, before)).filter(
        (r) => r.subject_type === 'NOTIFICATION',
      );
      expect([name, reads.flatMap((r) => r.subject_ids).sort()]).toEqual([
        name,
        all
          .filter((n) => n.subjectId !== null)
          .map((n) => n.id)
          .sort(),
      ]);
      for (const r of reads)
        expect(r).toMatchObject({ action: 'READ', young_person_ids: [person] });
    }
    // Not vacuous: each kind is shown to someone, and hidden from the other municipality.
    const everShown = new Set([...shownTo.values()].flat());
    expect([...everShown].sort()).toEqual(SUBJECTS.map((s) => s.type).sort());
    expect(shownTo.get('other youth team')).toEqual([]);
  });
});
