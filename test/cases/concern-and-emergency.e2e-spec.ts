import { randomUUID } from 'node:crypto';
import { birthDateTurning } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertNote } from './fixtures';

const REPORT = `mutation($i: SendConcernReportInput!) { sendConcernReport(input: $i) { id delivered legalBasis receiverOrganisationIds } }`;

describe('concern reports and emergency access', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  let association: TestUser;
  let auditor: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    association = await createUser(t, world.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    auditor = await createUser(t, world.org.OTHER, [Role.AUDITOR]);
    manager = await createUser(t, world.org.YOUTH_TEAM, [Role.MANAGER]);
  });
  afterAll(() => t.close());

  describe('concern report (orosanmälan)', () => {
    it('passes with no consent, from an association, to the home municipality’s social services', async () => {
      const yp = await createYoungPerson(t, '1287', 15);
      // An association that works with no record of the child reports by personnummer
      // and name (the legal duty), not by an id: an id it is not entitled to answers
      // like one that does not exist.
      const byId = await t.gql(
        REPORT,
        { i: { youngPersonId: yp, description: 'Oro', immediateDanger: true } },
        association.token,
      );
      const byRandomId = await t.gql(
        REPORT,
        { i: { youngPersonId: randomUUID(), description: 'Oro', immediateDanger: true } },
        association.token,
      );
      expect(byId.errors?.[0]).toEqual(byRandomId.errors?.[0]);
      expect(byId.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const { rows } = await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [
        yp,
      ]);
      const res = await t.gql(
        REPORT,
        {
          i: {
            personalNumber: rows[0].personal_number,
            givenName: 'Barn',
            familyName: 'Anmält',
            homeMunicipalityCode: '1287',
            description: 'Blåmärken och rädd att gå hem',
            immediateDanger: true,
          },
        },
        association.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.sendConcernReport).toMatchObject({
        delivered: true,
        legalBasis: 'STATUTORY_DUTY',
        receiverOrganisationIds: [world.org.SOCIAL_SERVICES],
      });
      const id = res.data.sendConcernReport.id;
      const seen = await t.gql(
        `query($id: ID!) { concernReport(id: $id) { description } }`,
        { id },
        social.token,
      );
      expect(seen.data.concernReport.description).toBe('Blåmärken och rädd att gå hem');
      const other = await t.gql(
        `query($id: ID!) { concernReport(id: $id) { id } }`,
        { id },
        coordinator.token,
      );
      expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const log = await t.db.query(
        `SELECT legal_basis FROM access_log WHERE subject_type = 'CONCERN_REPORT' AND action = 'CREATE' AND $1 = ANY(subject_ids)`,
        [id],
      );
      expect(log.rows).toEqual([{ legal_basis: 'STATUTORY_DUTY' }]);
      const n = await t.db.query(
        `SELECT kind FROM notification WHERE recipient_user_id = $1 AND subject_id = $2`,
        [social.id, id],
      );
      expect(n.rows).toEqual([{ kind: 'CONCERN_REPORT_URGENT' }]);
    });

    it('is refused at 18 with a clear message', async () => {
      const yp = await createYoungPerson(t, '1287', 18, 1);
      const res = await t.gql(
        REPORT,
        { i: { youngPersonId: yp, description: 'Oro' } },
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('under 18');
    });

    it('accepts a child not yet in the portal by personnummer', async () => {
      const iso = birthDateTurning(12);
      const six = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
      const pnr = `${six}-123${luhnCheckDigit(six + '123')}`;
      const res = await t.gql(
        REPORT,
        {
          i: {
            personalNumber: pnr,
            givenName: 'Ny',
            familyName: 'Elev',
            homeMunicipalityCode: '1287',
            description: 'Oro',
          },
        },
        association.token,
      );
      expect(res.errors).toBeUndefined();
    });

    it('managers cannot send concern reports (not a professional case role)', async () => {
      const yp = await createYoungPerson(t, '1287', 15);
      const res = await t.gql(
        REPORT,
        { i: { youngPersonId: yp, description: 'Oro' } },
        manager.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('emergency access (break the glass)', () => {
    it('needs the permission, a written reason, and is logged and listed for auditors until reviewed', async () => {
      const yp = await createYoungPerson(t, '1287', 16);
      const caseId = await insertCase(t, {
        youngPersonId: yp,
        municipalityCode: '1287',
        leadOrganisationId: world.org.YOUTH_TEAM,
        leadUserId: coordinator.id,
      });
      await insertNote(t, {
        caseId,
        authorOrganisationId: world.org.YOUTH_TEAM,
        authorUserId: coordinator.id,
        category: 'HEALTH',
        body: 'Akut',
      });
      const noPermission = await t.gql(
        `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`,
        { i: { caseId, reason: 'Akut fara för den unges liv och hälsa' } },
        social.token,
      );
      expect(noPermission.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await t.db.query(`UPDATE app_user SET permissions = '{EMERGENCY_ACCESS}' WHERE id = $1`, [
        social.id,
      ]);
      const before = await t.gql(
        `query($id: ID!) { case(id: $id) { id } }`,
        { id: caseId },
        social.token,
      );
      expect(before.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const noReason = await t.gql(
        `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`,
        { i: { caseId, reason: 'akut' } },
        social.token,
      );
      expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(noReason.errors?.[0].message).toContain('written reason');
      const open = await t.gql(
        `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id active expiresAt secondsLeft } }`,
        { i: { caseId, reason: 'Polisen larmar: den unge är försvunnen sedan i natt' } },
        social.token,
      );
      expect(open.errors).toBeUndefined();
      expect(open.data.openEmergencyAccess.active).toBe(true);
      // Four hours by the portal's clock, for the client's countdown.
      expect(open.data.openEmergencyAccess.secondsLeft).toBeGreaterThan(4 * 3600 - 60);
      expect(open.data.openEmergencyAccess.secondsLeft).toBeLessThanOrEqual(4 * 3600);
      const id = open.data.openEmergencyAccess.id;
      const { rows: ref } = await t.db.query(
        `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
            receiver_organisation_id, purpose, shared_categories, response_due_date)
         VALUES ($1, $2, '1287', $3, $4, $5, 'GUIDANCE', '{}', app_today() + 5) RETURNING id`,
        [caseId, yp, world.org.YOUTH_TEAM, coordinator.id, world.org.LABOUR_OFFICE],
      );
      const refs = await t.gql(
        `query($id: ID!) { case(id: $id) { referrals { id } } }`,
        { id: caseId },
        social.token,
      );
      expect(refs.data.case.referrals).toEqual([{ id: ref[0].id }]);
      const during = await t.gql(
        `query($id: ID!) { case(id: $id) { id latestNotes { body } } }`,
        { id: caseId },
        social.token,
      );
      expect(during.errors).toBeUndefined();
      expect(during.data.case.latestNotes[0].body).toBe('Akut');
      const log = await t.db.query(
        `SELECT subject_type, legal_basis FROM access_log WHERE actor_user_id = $1 AND legal_basis = 'EMERGENCY_ACCESS' ORDER BY id`,
        [social.id],
      );
      expect(log.rows.map((r: any) => r.subject_type)).toEqual(
        expect.arrayContaining(['EMERGENCY_ACCESS', 'JOINT_CASE', 'CASE_NOTE']),
      );
      const list = await t.gql(
        `{ emergencyAccessReviewList { totalCount edges { node { id reason } } } }`,
        {},
        auditor.token,
      );
      expect(list.data.emergencyAccessReviewList.edges.map((e: any) => e.node.id)).toContain(id);
      const notAuditor = await t.gql(
        `{ emergencyAccessReviewList { totalCount } }`,
        {},
        coordinator.token,
      );
      expect(notAuditor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const mark = await t.gql(
        `mutation($id: ID!) { markEmergencyAccessReviewed(id: $id, input: { note: "Befogat" }) { reviewedAt } }`,
        { id },
        auditor.token,
      );
      expect(mark.errors).toBeUndefined();
      const after = await t.gql(
        `{ emergencyAccessReviewList { edges { node { id } } } }`,
        {},
        auditor.token,
      );
      expect(after.data.emergencyAccessReviewList.edges.map((e: any) => e.node.id)).not.toContain(
        id,
      );
      // Expiry ends it.
      await t.db.query(
        `UPDATE emergency_access SET opened_at = app_now() - interval '5 hours', expires_at = app_now() - interval '1 hour' WHERE id = $1`,
        [id],
      );
      const expired = await t.gql(
        `query($id: ID!) { case(id: $id) { id } }`,
        { id: caseId },
        social.token,
      );
      expect(expired.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });
});
