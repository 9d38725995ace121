import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createYoungPerson } from '../cases/fixtures';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { EXTRACT_SECTIONS } from '../../src/register-extract/register-extract.sections';
import { seedEverything, SeededIds } from './seed-everything';

const EXTRACT = `query($id: ID!) { registerExtract(youngPersonId: $id) { youngPersonId generatedAt hiddenFields document } }`;

type Doc = Record<string, any>;

describe('register extract (GDPR art. 15)', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let protectedCoordinator: TestUser;
  let otherCoordinator: TestUser;
  let counsellor: TestUser;
  let social: TestUser;
  let auditor: TestUser;
  let personId: string;
  let otherPersonId: string;
  let ids: SeededIds;
  let foreignLogId: string;
  let aboutLogId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t, '1287');
    const other = await createWorld(t, '1280');
    coordinator = await createUser(t, w.org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    protectedCoordinator = await createUser(t, w.org[OrganisationKind.YOUTH_TEAM], [
      Role.YOUTH_COORDINATOR,
    ]);
    await t.db.query(
      `UPDATE app_user SET permissions = ARRAY['PROTECTED_IDENTITY'] WHERE id = $1`,
      [protectedCoordinator.id],
    );
    otherCoordinator = await createUser(t, other.org[OrganisationKind.YOUTH_TEAM], [
      Role.YOUTH_COORDINATOR,
    ]);
    counsellor = await createUser(t, w.org[OrganisationKind.SCHOOL], [Role.COUNSELLOR]);
    social = await createUser(t, w.org[OrganisationKind.SOCIAL_SERVICES], [Role.SOCIAL_WORKER]);
    auditor = await createUser(t, w.org[OrganisationKind.OTHER], [Role.AUDITOR]);
    personId = await createYoungPerson(t, '1287', 17);
    otherPersonId = await createYoungPerson(t, '1287', 17);
    await t.db.query(
      `UPDATE young_person SET street_address = 'Hemlig väg 1', postal_code = '23100', city = 'Trelleborg',
              email = 'p@example.se' WHERE id = $1`,
      [personId],
    );
    ids = await seedEverything(t, {
      youngPersonId: personId,
      municipalityCode: '1287',
      youthOrgId: w.org[OrganisationKind.YOUTH_TEAM],
      youthUserId: coordinator.id,
      schoolOrgId: w.org[OrganisationKind.SCHOOL],
      schoolUserId: counsellor.id,
      socialOrgId: w.org[OrganisationKind.SOCIAL_SERVICES],
      socialUserId: social.id,
    });
    // The other person's records must stay out of the extract.
    await seedEverything(t, {
      youngPersonId: otherPersonId,
      municipalityCode: '1287',
      youthOrgId: w.org[OrganisationKind.YOUTH_TEAM],
      youthUserId: coordinator.id,
      schoolOrgId: w.org[OrganisationKind.SCHOOL],
      schoolUserId: counsellor.id,
      socialOrgId: w.org[OrganisationKind.SOCIAL_SERVICES],
      socialUserId: social.id,
    });
    const log = async (yps: string[]) =>
      (
        await t.db.query(
          `INSERT INTO access_log (actor_user_id, actor_organisation_id, actor_municipality_code, subject_municipality_code,
              action, subject_type, subject_ids, young_person_ids, legal_basis)
           VALUES ($1, $2, '1287', '1287', 'READ', 'YOUNG_PERSON', $3, $3, 'CONSENT') RETURNING id`,
          [social.id, w.org[OrganisationKind.SOCIAL_SERVICES], yps],
        )
      ).rows[0].id as string;
    aboutLogId = await log([otherPersonId, personId]);
    foreignLogId = await log([otherPersonId]);
  });

  afterAll(() => t.close());

  async function extract(user: TestUser, id = personId) {
    return t.gql(EXTRACT, { id }, user.token);
  }

  it('contains every kind of record about the person, and nothing about anyone else', async () => {
    const res = await extract(protectedCoordinator);
    expect(res.errors).toBeUndefined();
    const doc: Doc = JSON.parse(res.data.registerExtract.document);
    expect(doc.person.id).toBe(personId);
    const idsIn = (section: string) => (doc[section] as Doc[]).map((r) => r.id);
    const expectOnly = (section: string, expected: string[]) =>
      expect(idsIn(section).sort()).toEqual([...expected].sort());
    expectOnly('guardians', [ids.guardian]);
    expectOnly('schooling', [ids.schooling]);
    expectOnly('kaaPeriods', [ids.kaaPeriod]);
    expectOnly('occupations', [ids.occupation]);
    expectOnly('measures', [ids.measure]);
    expectOnly('plans', [ids.plan]);
    expectOnly('planVersions', [ids.planVersion1, ids.planVersion2]);
    expectOnly('planResponsibilities', [ids.planResponsibility]);
    expectOnly('closures', [ids.closure]);
    expectOnly('contactAttempts', [ids.contactAttempt]);
    expectOnly('riskFlags', [ids.riskFlag]);
    expectOnly('preventiveMeetings', [ids.preventiveMeeting]);
    expectOnly('notices', [ids.notice]);
    expectOnly('consents', [ids.consent]);
    expectOnly('cases', [ids.case]);
    expectOnly('caseNotes', [ids.noteV1, ids.noteV2]);
    expectOnly('caseMeetings', [ids.caseMeeting]);
    expectOnly('caseGoals', [ids.caseGoal]);
    expectOnly('caseTasks', [ids.caseTask]);
    expectOnly('referrals', [ids.referral]);
    expectOnly('referralSections', [ids.referralSection]);
    expectOnly('referralTransitions', [ids.referralTransition]);
    expectOnly('concernReports', [ids.concernReport]);
    expectOnly('emergencyAccesses', [ids.emergencyAccess]);
    expectOnly('notifications', [ids.notification]);
    expect(doc.caseParticipants).toHaveLength(2);
    // The withdrawal and the recipients travel with the consent.
    expect(doc.consents[0].withdrawnAt).not.toBeNull();
    expect(doc.consents[0].recipientOrganisationIds).toHaveLength(1);
    expect(doc.caseMeetings[0].participantOrganisationIds).toHaveLength(1);
    // Both note versions, the superseded one included.
    expect(doc.caseNotes.map((n: Doc) => n.body).sort()).toEqual(['Corrected text', 'First text']);
    // Access-log rows about the person, including this export itself; not rows about others.
    const logIds = idsIn('accessLog').map(String);
    expect(logIds).toContain(String(aboutLogId));
    expect(logIds).not.toContain(String(foreignLogId));
    const exportRow = (doc.accessLog as Doc[]).find((r) => r.action === 'EXPORT');
    expect(exportRow).toMatchObject({
      actorUserId: protectedCoordinator.id,
      subjectType: 'REGISTER_EXTRACT',
      legalBasis: 'STATUTORY_DUTY',
    });
    // No hash-chain internals and no field of another person.
    expect(JSON.stringify(doc)).not.toContain(otherPersonId);
    expect(exportRow).not.toHaveProperty('hash');
  });

  it('is logged as EXPORT with the young person id', async () => {
    const before = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'EXPORT' AND actor_user_id = $1
          AND young_person_ids = ARRAY[$2]::uuid[] AND subject_ids = ARRAY[$2]::uuid[]`,
      [coordinator.id, personId],
    );
    expect((await extract(coordinator)).errors).toBeUndefined();
    const after = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'EXPORT' AND actor_user_id = $1
          AND young_person_ids = ARRAY[$2]::uuid[] AND subject_ids = ARRAY[$2]::uuid[]
          AND subject_municipality_code = '1287' AND legal_basis = 'STATUTORY_DUTY'`,
      [coordinator.id, personId],
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('never exports protected identity, not even to a producer with PROTECTED_IDENTITY', async () => {
    await t.db.query(`UPDATE young_person SET protected_identity = true WHERE id = $1`, [personId]);
    try {
      const masked = await extract(coordinator);
      expect(masked.errors).toBeUndefined();
      const doc: Doc = JSON.parse(masked.data.registerExtract.document);
      expect(doc.person.streetAddress).toBeNull();
      expect(doc.person.phone).toBeNull();
      expect(doc.guardians[0].streetAddress).toBeNull();
      expect(masked.data.registerExtract.hiddenFields).toContain('person.streetAddress');
      expect(masked.data.registerExtract.document).not.toContain('Hemlig väg 1');
      expect(masked.data.registerExtract.document).not.toContain('Storgatan 1');

      const byPermitted = await extract(protectedCoordinator);
      const doc2: Doc = JSON.parse(byPermitted.data.registerExtract.document);
      expect(doc2.person.streetAddress).toBeNull();
      expect(doc2.guardians[0].streetAddress).toBeNull();
      expect(byPermitted.data.registerExtract.document).not.toContain('Hemlig väg 1');
      expect(byPermitted.data.registerExtract.hiddenFields).toContain('guardians.streetAddress');
    } finally {
      await t.db.query(`UPDATE young_person SET protected_identity = false WHERE id = $1`, [
        personId,
      ]);
    }
  });

  it('another municipality’s coordinator gets NOT_FOUND, and nothing is logged', async () => {
    const res = await extract(otherCoordinator);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE action = 'EXPORT' AND actor_user_id = $1`,
      [otherCoordinator.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('an unknown id is NOT_FOUND', async () => {
    const res = await extract(coordinator, '00000000-0000-4000-8000-000000000000');
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('other roles are FORBIDDEN', async () => {
    for (const user of [counsellor, social, auditor]) {
      const res = await extract(user);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const w = (
      await t.db.query(`SELECT organisation_id FROM app_user WHERE id = $1`, [coordinator.id])
    ).rows[0].organisation_id;
    for (const roles of [[Role.MANAGER], [Role.ORG_ADMIN], [Role.MUNICIPALITY_ADMIN]]) {
      const u = await createUser(t, w, roles);
      const res = await extract(u);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a coordinator outside a youth team is FORBIDDEN', async () => {
    const schoolOrg = (
      await t.db.query(`SELECT organisation_id FROM app_user WHERE id = $1`, [counsellor.id])
    ).rows[0].organisation_id;
    const u = await createUser(t, schoolOrg, [Role.YOUTH_COORDINATOR]);
    const res = await extract(u);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('covers every table that holds a young_person_id', async () => {
    const { rows } = await t.db.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.column_name = 'young_person_id'`,
    );
    const sql = EXTRACT_SECTIONS.map((s) => s.sql).join('\n');
    const missing = rows
      .map((r) => r.table_name as string)
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(sql));
    expect(missing).toEqual([]);
  });

  it('issues a fixed number of SQL statements', async () => {
    // A person with nothing recorded and one with a record of every kind cost the same.
    const empty = await createYoungPerson(t, '1287', 17);
    t.sql.reset();
    expect((await extract(coordinator, empty)).errors).toBeUndefined();
    const forEmpty = t.sql.count;
    t.sql.reset();
    await extract(coordinator);
    expect(t.sql.count).toBe(forEmpty);
  });
});
