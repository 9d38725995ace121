import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent, insertNote } from './fixtures';

const CASE = `query($id: ID!) { case(id: $id) { id latestNotes(limit: 5) { id category restricted body } } }`;

/**
 * Joint cases under row-level security (DESIGN.md §6a): which cases a caller sees and the
 * legal basis its reads are logged with both come from authz.case_access, note text from
 * authz.note_access, decided in the statement that reads the rows.
 */
describe('joint cases: entitlement decided by PostgreSQL', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1283');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    officer = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
  });
  afterAll(() => t.close());

  /** A case led by the youth team, social services consented for `categories`. */
  async function consentedCase(categories: string[]) {
    const yp = await createYoungPerson(t, '1283');
    const caseId = await insertCase(t, {
      youngPersonId: yp,
      municipalityCode: '1283',
      leadOrganisationId: world.org.YOUTH_TEAM,
      leadUserId: coordinator.id,
      participants: [world.org.SOCIAL_SERVICES, world.org.LABOUR_OFFICE],
    });
    const consentId = await insertConsent(t, {
      youngPersonId: yp,
      municipalityCode: '1283',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: world.org.YOUTH_TEAM,
      recipients: [world.org.SOCIAL_SERVICES],
      categories,
    });
    return { yp, caseId, consentId };
  }

  async function caseReads(user: TestUser, caseId: string) {
    const { rows } = await t.db.query(
      `SELECT legal_basis, consent_ids FROM access_log
        WHERE actor_user_id = $1 AND subject_type = 'JOINT_CASE' AND action = 'READ' AND $2 = ANY(subject_ids)`,
      [user.id, caseId],
    );
    return rows;
  }

  it('logs the lead’s read as its own organisation’s and a participant’s under its consent', async () => {
    const { caseId, consentId } = await consentedCase(['SOCIAL']);
    for (const user of [coordinator, social]) {
      const res = await t.gql(CASE, { id: caseId }, user.token);
      expect(res.errors).toBeUndefined();
    }
    expect(await caseReads(coordinator, caseId)).toEqual([
      { legal_basis: 'OWN_ORGANISATION', consent_ids: [] },
    ]);
    expect(await caseReads(social, caseId)).toEqual([
      { legal_basis: 'CONSENT', consent_ids: [consentId] },
    ]);
    // The list logs the same decision.
    const list = await t.gql(`{ cases(first: 100) { edges { node { id } } } }`, {}, social.token);
    expect(list.data.cases.edges.map((e: any) => e.node.id)).toContain(caseId);
    expect(await caseReads(social, caseId)).toEqual([
      { legal_basis: 'CONSENT', consent_ids: [consentId] },
      { legal_basis: 'CONSENT', consent_ids: [consentId] },
    ]);
  });

  it('an emergency opening reads the case under EMERGENCY_ACCESS', async () => {
    const { yp, caseId } = await consentedCase(['SOCIAL']);
    // The labour office takes part without a consent: it sees nothing.
    const before = await t.gql(CASE, { id: caseId }, officer.token);
    expect(before.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Opening one is the emergency-access module's (tested there); here it is a fixture.
    const openFor = (kase: string | null) =>
      t.db.query(
        `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, case_id, municipality_code,
            opener_municipality_code, reason, opened_at, expires_at)
         VALUES ($1, $2, $3, $4, '1283', '1283', 'Polisen larmar: den unge är försvunnen sedan i natt',
            app_now(), app_now() + interval '4 hours')`,
        [officer.id, world.org.LABOUR_OFFICE, yp, kase],
      );
    // An opening of the person opens the person, not the cases about them (§6a).
    await openFor(null);
    const personOnly = await t.gql(CASE, { id: caseId }, officer.token);
    expect(personOnly.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await openFor(caseId);
    const during = await t.gql(CASE, { id: caseId }, officer.token);
    expect(during.errors).toBeUndefined();
    expect(await caseReads(officer, caseId)).toEqual([
      { legal_basis: 'EMERGENCY_ACCESS', consent_ids: [] },
    ]);
    // Emergency access reads; it does not make the opener a party that writes.
    const note = await t.gql(
      `mutation($i: AddCaseNoteInput!) { addCaseNote(input: $i) { id } }`,
      { i: { caseId, category: 'SOCIAL', visibility: 'CASE', body: 'x' } },
      officer.token,
    );
    expect(note.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a withdrawn consent hides the case from the participant on the next request', async () => {
    const { caseId, consentId } = await consentedCase(['SOCIAL']);
    const noteId = await insertNote(t, {
      caseId,
      authorOrganisationId: world.org.YOUTH_TEAM,
      authorUserId: coordinator.id,
      category: 'SOCIAL',
      body: 'Social anteckning',
    });
    expect((await t.gql(CASE, { id: caseId }, social.token)).errors).toBeUndefined();
    await t.db.query(
      `UPDATE consent SET withdrawn_at = app_now(), withdrawn_by = 'YOUNG_PERSON', withdrawal_recorded_by_user_id = $2
        WHERE id = $1`,
      [consentId, coordinator.id],
    );
    const after = await t.gql(CASE, { id: caseId }, social.token);
    expect(after.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const random = await t.gql(CASE, { id: '00000000-0000-4000-8000-000000000000' }, social.token);
    expect(after.errors?.[0]).toMatchObject({
      message: random.errors?.[0].message,
      extensions: { code: random.errors?.[0].extensions?.code },
    });
    const notes = await t.gql(
      `query($id: ID!) { caseNotes(caseId: $id) { totalCount } }`,
      { id: caseId },
      social.token,
    );
    expect(notes.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const history = await t.gql(
      `query($id: ID!) { caseNoteHistory(noteId: $id) { id } }`,
      { id: noteId },
      social.token,
    );
    expect(history.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await t.gql(`{ cases(first: 100) { edges { node { id } } } }`, {}, social.token);
    expect(list.data.cases.edges.map((e: any) => e.node.id)).not.toContain(caseId);
  });

  it('a participant consented for another category gets the note’s placeholder', async () => {
    const { caseId, consentId } = await consentedCase(['SOCIAL']);
    const secret = 'Hälsa: hemlig text';
    const noteId = await insertNote(t, {
      caseId,
      authorOrganisationId: world.org.YOUTH_TEAM,
      authorUserId: coordinator.id,
      category: 'HEALTH',
      body: secret,
    });
    const res = await t.gql(CASE, { id: caseId }, social.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.case.latestNotes).toEqual([
      { id: noteId, category: 'HEALTH', restricted: true, body: null },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    const { rows } = await t.db.query(
      `SELECT legal_basis, consent_ids, fields FROM access_log
        WHERE actor_user_id = $1 AND subject_type = 'CASE_NOTE' AND $2 = ANY(subject_ids)`,
      [social.id, noteId],
    );
    expect(rows).toEqual([
      { legal_basis: 'CONSENT', consent_ids: [consentId], fields: ['category'] },
    ]);
    // The author organisation reads it in full, as its own record.
    const own = await t.gql(CASE, { id: caseId }, coordinator.token);
    expect(own.data.case.latestNotes[0]).toMatchObject({ restricted: false, body: secret });
  });

  it('lists cases in the same number of statements for 5 and for 50 cases', async () => {
    const LIST = `{ cases(first: 100) { totalCount edges { node { id participants { organisationId }
      latestNotes { body } goals { id } meetings { id } tasks { id } } } } }`;
    async function statementsFor(code: string, count: number): Promise<number> {
      const w = await createWorld(t, code);
      const lead = await createUser(t, w.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
      const participant = await createUser(t, w.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
      for (let i = 0; i < count; i++) {
        const yp = await createYoungPerson(t, code);
        const caseId = await insertCase(t, {
          youngPersonId: yp,
          municipalityCode: code,
          leadOrganisationId: w.org.YOUTH_TEAM,
          leadUserId: lead.id,
          participants: [w.org.SOCIAL_SERVICES],
        });
        await insertConsent(t, {
          youngPersonId: yp,
          municipalityCode: code,
          documentedByUserId: lead.id,
          documentedByOrganisationId: w.org.YOUTH_TEAM,
          recipients: [w.org.SOCIAL_SERVICES],
          categories: ['SOCIAL'],
        });
        await insertNote(t, {
          caseId,
          authorOrganisationId: w.org.YOUTH_TEAM,
          authorUserId: lead.id,
          category: i % 2 ? 'SOCIAL' : 'HEALTH',
          body: 'Anteckning',
        });
      }
      t.sql.reset();
      const res = await t.gql(LIST, {}, participant.token);
      const statements = t.sql.count;
      expect(res.errors).toBeUndefined();
      expect(res.data.cases.totalCount).toBe(count);
      expect(res.data.cases.edges).toHaveLength(count);
      return statements;
    }
    const small = await statementsFor('1284', 5);
    const large = await statementsFor('1285', 50);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
