/**
 * Who sees a referral, which of its sections, and on which legal basis the read is logged
 * (DESIGN.md §6, §6a): the sender sees state, dates and outcome code, never the receiver's
 * own note; the receiver sees it while a consent names it, sections limited to the
 * categories its consents name (an association too); emergency access reads but never
 * moves it. Concern reports: sender and receiving social services, statutory duty.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { Role } from '../../src/identity/role.enum';
import { createYoungPerson, insertCase, insertConsent } from '../cases/fixtures';
import { testClock } from '../support/clock';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, GqlResult, TestApp } from '../support/test-app';

const VIEW = `query($id: ID!) { referral(id: $id) { id state direction outcomeCode receiverNote
  sections { category body } youngPerson { givenName } } }`;

describe('referrals: entitlement and legal basis', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let association: TestUser;
  let liaison: TestUser;
  let social: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    association = await createUser(t, world.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    liaison = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    auditor = await createUser(t, world.org.OTHER, [Role.AUDITOR]);
  });
  afterAll(() => t.close());

  const view = (id: string, who: TestUser) => t.gql(VIEW, { id }, who.token);
  const code = (res: GqlResult) => res.errors?.[0].extensions?.code;
  const transition = (mutation: string, id: string, who: TestUser) =>
    t.gql(`mutation($id: ID!) { ${mutation} }`, { id }, who.token);

  /** The legal bases (and consent ids) of `who`'s reads of `subjectId` as `subjectType`. */
  async function readBases(who: TestUser, subjectType: string, subjectId: string) {
    const { rows } = await t.db.query(
      `SELECT legal_basis, consent_ids FROM access_log
        WHERE actor_user_id = $1 AND subject_type = $2 AND action = 'READ' AND $3 = ANY(subject_ids)
        ORDER BY id`,
      [who.id, subjectType, subjectId],
    );
    return rows as { legal_basis: string; consent_ids: string[] }[];
  }

  /**
   * A youth-team case and a referral to the association sharing ACTIVITIES and SOCIAL,
   * each under its own consent naming the association.
   */
  async function referralToAssociation() {
    const yp = await createYoungPerson(t, '1287', 17);
    const caseId = await insertCase(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      leadOrganisationId: world.org.YOUTH_TEAM,
      leadUserId: coordinator.id,
    });
    const consent = (categories: string[]) =>
      insertConsent(t, {
        youngPersonId: yp,
        municipalityCode: '1287',
        documentedByUserId: coordinator.id,
        documentedByOrganisationId: world.org.YOUTH_TEAM,
        recipients: [world.org.ASSOCIATION],
        categories,
      });
    const activities = await consent(['IDENTITY', 'ACTIVITIES']);
    const socialConsent = await consent(['SOCIAL']);
    const sent = await t.gql(
      `mutation($i: SendReferralInput!) { sendReferral(input: $i) { id } }`,
      {
        i: {
          caseId,
          receiverOrganisationId: world.org.ASSOCIATION,
          purpose: 'ASSOCIATION_ACTIVITY',
          activity: 'Fotboll, fredagar',
          sharedCategories: ['ACTIVITIES', 'SOCIAL'],
          sections: [
            { category: 'ACTIVITIES', body: 'Gillar lagidrott' },
            { category: 'SOCIAL', body: 'Bor hos mormor' },
          ],
          responseDueDate: addDays(testClock.today(), 7),
        },
      },
      coordinator.token,
    );
    expect(sent.errors).toBeUndefined();
    return { yp, caseId, id: sent.data.sendReferral.id as string, activities, socialConsent };
  }

  const withdraw = (consentId: string) =>
    t.db.query(
      `UPDATE consent SET withdrawn_at = app_now(), withdrawn_by = 'YOUNG_PERSON',
              withdrawal_recorded_by_user_id = $2 WHERE id = $1`,
      [consentId, coordinator.id],
    );

  it('an association receiver sees the sections its consents name, and no other', async () => {
    const { id, socialConsent } = await referralToAssociation();
    const both = await view(id, association);
    expect(both.errors).toBeUndefined();
    expect(both.data.referral.sections.map((s: { category: string }) => s.category)).toEqual([
      'ACTIVITIES',
      'SOCIAL',
    ]);

    await withdraw(socialConsent);
    const onlyActivities = await view(id, association);
    expect(onlyActivities.data.referral).toMatchObject({
      direction: 'RECEIVED',
      sections: [{ category: 'ACTIVITIES', body: 'Gillar lagidrott' }],
      youngPerson: { givenName: 'Test' },
    });
    expect(JSON.stringify(onlyActivities.body)).not.toContain('mormor');
    // The sender still sees everything it shared.
    const sender = await view(id, coordinator);
    expect(sender.data.referral.sections).toHaveLength(2);
  });

  it('the receiver loses the referral on the next request after the withdrawal, reading and moving it alike', async () => {
    const { id, activities, socialConsent } = await referralToAssociation();
    expect(code(await view(id, association))).toBeUndefined();
    await withdraw(activities);
    await withdraw(socialConsent);
    const gone = await view(id, association);
    const random = await view(randomUUID(), association);
    expect(code(gone)).toBe('NOT_FOUND');
    expect(gone.body).toEqual(random.body);
    const accept = await transition('acceptReferral(id: $id) { state }', id, association);
    expect(code(accept)).toBe('NOT_FOUND');
    const { rows } = await t.db.query(`SELECT state FROM referral WHERE id = $1`, [id]);
    expect(rows).toEqual([{ state: 'SENT' }]);
  });

  it('the sender sees the outcome code but never the receiver’s note', async () => {
    const { id } = await referralToAssociation();
    const accepted = await transition(
      'acceptReferral(id: $id, note: "Passar i laget") { state receiverNote }',
      id,
      association,
    );
    expect(accepted.data.acceptReferral).toEqual({
      state: 'ACCEPTED',
      receiverNote: 'Passar i laget',
    });
    const done = await transition(
      'completeReferral(id: $id, input: { outcomeCode: JOINED_ACTIVITY, note: "Kommer sällan i tid" }) { state }',
      id,
      association,
    );
    expect(done.errors).toBeUndefined();
    const sender = await view(id, coordinator);
    expect(sender.data.referral).toMatchObject({
      state: 'COMPLETED',
      direction: 'SENT',
      outcomeCode: 'JOINED_ACTIVITY',
      receiverNote: null,
    });
    expect(JSON.stringify(sender.body)).not.toMatch(/sällan|Passar/);
    const receiver = await view(id, association);
    expect(receiver.data.referral.receiverNote).toBe('Kommer sällan i tid');
  });

  it('logs the sender’s read as its own organisation’s, the receiver’s on its consents', async () => {
    const { id, activities, socialConsent } = await referralToAssociation();
    await view(id, coordinator);
    await view(id, association);
    expect(await readBases(coordinator, 'REFERRAL', id)).toEqual([
      { legal_basis: 'OWN_ORGANISATION', consent_ids: [] },
    ]);
    const receiver = await readBases(association, 'REFERRAL', id);
    expect(receiver).toHaveLength(1);
    expect(receiver[0].legal_basis).toBe('CONSENT');
    expect([...receiver[0].consent_ids].sort()).toEqual([activities, socialConsent].sort());
  });

  it('an emergency opening of the case reads the referral (logged EMERGENCY_ACCESS) but cannot move it; one of the person alone does not', async () => {
    const { id, caseId, yp } = await referralToAssociation();
    const opener = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    await t.db.query(`UPDATE app_user SET permissions = '{EMERGENCY_ACCESS}' WHERE id = $1`, [
      opener.id,
    ]);
    expect(code(await view(id, opener))).toBe('NOT_FOUND');
    const openPerson = await t.gql(
      `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`,
      { i: { youngPersonId: yp, reason: 'Polisen larmar: den unge är försvunnen sedan i natt' } },
      opener.token,
    );
    expect(openPerson.errors).toBeUndefined();
    expect(code(await view(id, opener))).toBe('NOT_FOUND');
    const open = await t.gql(
      `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`,
      { i: { caseId, reason: 'Polisen larmar: den unge är försvunnen sedan i natt' } },
      opener.token,
    );
    expect(open.errors).toBeUndefined();
    const during = await view(id, opener);
    expect(during.errors).toBeUndefined();
    expect(during.data.referral.receiverNote).toBeNull();
    expect(await readBases(opener, 'REFERRAL', id)).toEqual([
      { legal_basis: 'EMERGENCY_ACCESS', consent_ids: [] },
    ]);
    for (const m of [
      'acceptReferral(id: $id) { state }',
      'cancelReferral(id: $id) { state }',
      'declineReferral(id: $id, input: { reason: NO_CAPACITY }) { state }',
    ])
      expect(code(await transition(m, id, opener))).toBe('NOT_FOUND');

    // The review list is read on the auditor's own basis.
    const openingId = open.data.openEmergencyAccess.id;
    const list = await t.gql(
      `{ emergencyAccessReviewList(first: 100) { edges { node { id } } } }`,
      {},
      auditor.token,
    );
    expect(list.data.emergencyAccessReviewList.edges.map((e: any) => e.node.id)).toContain(
      openingId,
    );
    expect(await readBases(auditor, 'EMERGENCY_ACCESS', openingId)).toEqual([
      { legal_basis: 'AUDIT', consent_ids: [] },
    ]);
    await t.gql(`{ myEmergencyAccesses { edges { node { id } } } }`, {}, opener.token);
    expect(await readBases(opener, 'EMERGENCY_ACCESS', openingId)).toEqual([
      { legal_basis: 'EMERGENCY_ACCESS', consent_ids: [] },
    ]);
  });

  it('only the sender and the receiving social services read a concern report, under the statutory duty', async () => {
    const yp = await createYoungPerson(t, '1287', 14);
    const { rows } = await t.db.query(
      `INSERT INTO concern_report (young_person_id, municipality_code, sender_organisation_id,
          sender_user_id, receiver_organisation_ids, description)
       VALUES ($1, '1287', $2, $3, $4, 'Oro för hemsituationen') RETURNING id`,
      [yp, world.org.ASSOCIATION, association.id, [world.org.SOCIAL_SERVICES]],
    );
    const id = rows[0].id;
    const read = (who: TestUser) =>
      t.gql(`query($id: ID!) { concernReport(id: $id) { id description } }`, { id }, who.token);
    expect((await read(social)).data.concernReport.description).toBe('Oro för hemsituationen');
    expect((await read(association)).data.concernReport.id).toBe(id);
    const other = await read(liaison);
    expect(code(other)).toBe('NOT_FOUND');
    const list = await t.gql(`{ concernReports { edges { node { id } } } }`, {}, social.token);
    expect(list.data.concernReports.edges.map((e: any) => e.node.id)).toContain(id);
    expect(await readBases(social, 'CONCERN_REPORT', id)).toEqual([
      { legal_basis: 'STATUTORY_DUTY', consent_ids: [] },
      { legal_basis: 'STATUTORY_DUTY', consent_ids: [] },
    ]);
    expect(await readBases(association, 'CONCERN_REPORT', id)).toEqual([
      { legal_basis: 'STATUTORY_DUTY', consent_ids: [] },
    ]);
    expect(await readBases(liaison, 'CONCERN_REPORT', id)).toEqual([]);
  });

  it('lists 10 or 40 received referrals with sections and the young person in the same number of SQL statements', async () => {
    const receiver = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const yp = await createYoungPerson(t, '1287', 19);
        const caseId = await insertCase(t, {
          youngPersonId: yp,
          municipalityCode: '1287',
          leadOrganisationId: world.org.YOUTH_TEAM,
          leadUserId: coordinator.id,
        });
        await insertConsent(t, {
          youngPersonId: yp,
          municipalityCode: '1287',
          documentedByUserId: coordinator.id,
          documentedByOrganisationId: world.org.YOUTH_TEAM,
          recipients: [world.org.LABOUR_OFFICE],
          categories: ['IDENTITY', 'EMPLOYMENT'],
        });
        const { rows } = await t.db.query(
          `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id,
              sender_user_id, receiver_organisation_id, purpose, shared_categories, response_due_date)
           VALUES ($1, $2, '1287', $3, $4, $5, 'GUIDANCE', '{EMPLOYMENT,SOCIAL}', app_today() + 5)
           RETURNING id`,
          [caseId, yp, world.org.YOUTH_TEAM, coordinator.id, world.org.LABOUR_OFFICE],
        );
        await t.db.query(
          `INSERT INTO referral_section (referral_id, young_person_id, sender_organisation_id,
              receiver_organisation_id, category, body)
           SELECT $1, $2, $3, $4, c, 'text' FROM unnest('{EMPLOYMENT,SOCIAL}'::text[]) c`,
          [rows[0].id, yp, world.org.YOUTH_TEAM, world.org.LABOUR_OFFICE],
        );
      }
    };
    const Q = `{ referrals(direction: RECEIVED, first: 100) { totalCount edges { node { id
      sections { category } youngPerson { givenName } transitions { toState } senderOrganisation { name } } } } }`;
    await add(10);
    t.sql.reset();
    const ten = await t.gql(Q, {}, receiver.token);
    const tenCount = t.sql.count;
    expect(ten.errors).toBeUndefined();
    expect(ten.data.referrals.totalCount).toBe(10);
    expect(ten.data.referrals.edges[0].node.sections).toEqual([{ category: 'EMPLOYMENT' }]);
    await add(30);
    t.sql.reset();
    const forty = await t.gql(Q, {}, receiver.token);
    expect(forty.data.referrals.totalCount).toBe(40);
    expect(t.sql.count).toBe(tenCount);
  });
});
