import { AlertsJob } from '../../src/alerts/alerts.job';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent, insertNote } from '../cases/fixtures';

const SEND = `mutation($i: SendReferralInput!) { sendReferral(input: $i) { id state direction } }`;
const VIEW = `query($id: ID!) { referral(id: $id) { id state direction purpose activity declineReason outcomeCode
  receiverNote sections { category body } transitions { fromState toState code byOrganisationId }
  youngPerson { givenName familyName phone email } } }`;
const due = (days: number) => addDays(testClock.today(), days);

describe('referrals: the closed loop', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  let liaison: TestUser;
  let association: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    liaison = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    association = await createUser(t, world.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
  });
  afterAll(() => t.close());

  /** A case led by the youth team; the labour office consented for EMPLOYMENT and IDENTITY. */
  async function setup(
    receiverCategories = ['EMPLOYMENT', 'IDENTITY'],
    receiver = world.org.LABOUR_OFFICE,
  ) {
    const yp = await createYoungPerson(t, '1287', 19);
    const caseId = await insertCase(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      leadOrganisationId: world.org.YOUTH_TEAM,
      leadUserId: coordinator.id,
    });
    const consentId = await insertConsent(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: world.org.YOUTH_TEAM,
      recipients: [receiver],
      categories: receiverCategories,
    });
    return { yp, caseId, consentId };
  }

  async function send(caseId: string, extra: Record<string, unknown> = {}) {
    return t.gql(
      SEND,
      {
        i: {
          caseId,
          receiverOrganisationId: world.org.LABOUR_OFFICE,
          purpose: 'UTBILDNINGSKONTRAKT',
          sharedCategories: ['EMPLOYMENT'],
          sections: [{ category: 'EMPLOYMENT', body: 'Vill börja arbeta inom restaurang' }],
          responseDueDate: due(14),
          ...extra,
        },
      },
      coordinator.token,
    );
  }

  it('refuses a shared category the consent does not cover with CONSENT_REQUIRED', async () => {
    const { caseId } = await setup(['EMPLOYMENT']);
    const res = await send(caseId, { sharedCategories: ['EMPLOYMENT', 'HEALTH'] });
    expect(res.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(res.errors?.[0].message).toContain('HEALTH');
    expect(res.errors?.[0].message).not.toContain('EMPLOYMENT,');
    const none = await setup(['EMPLOYMENT'], world.org.SOCIAL_SERVICES);
    const noConsent = await send(none.caseId);
    expect(noConsent.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM referral WHERE case_id = ANY($1)`, [
          [caseId, none.caseId],
        ])
      ).rows[0].n,
    ).toBe(0);
  });

  it('refuses a receiver of the wrong kind for the purpose', async () => {
    const { caseId } = await setup();
    const res = await send(caseId, { purpose: 'SOCIAL_SUPPORT' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('SENT → ACCEPTED → COMPLETED: accepted joins the case, sender sees outcome but never the receiver’s notes', async () => {
    const { caseId, consentId } = await setup();
    const sent = await send(caseId);
    expect(sent.errors).toBeUndefined();
    const id = sent.data.sendReferral.id;
    const log = await t.db.query(
      `SELECT legal_basis, consent_ids FROM access_log WHERE subject_type = 'REFERRAL' AND action = 'CREATE' AND $1 = ANY(subject_ids)`,
      [id],
    );
    expect(log.rows).toEqual([{ legal_basis: 'CONSENT', consent_ids: [consentId] }]);
    expect(sent.data.sendReferral).toMatchObject({ state: 'SENT', direction: 'SENT' });
    const received = await t.gql(VIEW, { id }, liaison.token);
    expect(received.data.referral).toMatchObject({
      direction: 'RECEIVED',
      sections: [{ category: 'EMPLOYMENT', body: 'Vill börja arbeta inom restaurang' }],
    });
    expect(received.data.referral.youngPerson.givenName).toBe('Test');
    expect(received.data.referral.youngPerson.phone).toBeNull();
    // Illegal: the sender accepting, completing before accepting.
    const senderAccept = await t.gql(
      `mutation($id: ID!) { acceptReferral(id: $id) { state } }`,
      { id },
      coordinator.token,
    );
    expect(senderAccept.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const early = await t.gql(
      `mutation($id: ID!) { completeReferral(id: $id, input: { outcomeCode: STARTED_PROGRAMME }) { state } }`,
      { id },
      liaison.token,
    );
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0].message).toContain('state SENT cannot be completed');
    const accept = await t.gql(
      `mutation($id: ID!) { acceptReferral(id: $id, note: "Intern bedömning: passar bra") { state receiverNote } }`,
      { id },
      liaison.token,
    );
    expect(accept.data.acceptReferral).toEqual({
      state: 'ACCEPTED',
      receiverNote: 'Intern bedömning: passar bra',
    });
    const part = await t.db.query(
      `SELECT role FROM case_participant WHERE case_id = $1 AND organisation_id = $2`,
      [caseId, world.org.LABOUR_OFFICE],
    );
    expect(part.rows).toEqual([{ role: 'PARTICIPANT' }]);
    const twice = await t.gql(
      `mutation($id: ID!) { acceptReferral(id: $id) { state } }`,
      { id },
      liaison.token,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    const decl = await t.gql(
      `mutation($id: ID!) { declineReferral(id: $id, input: { reason: NO_CAPACITY }) { state } }`,
      { id },
      liaison.token,
    );
    expect(decl.errors?.[0].extensions?.code).toBe('CONFLICT');
    // The receiver now takes part in the case and writes its own note there.
    const caseView = await t.gql(
      `query($id: ID!) { case(id: $id) { id } }`,
      { id: caseId },
      liaison.token,
    );
    expect(caseView.errors).toBeUndefined();
    const done = await t.gql(
      `mutation($id: ID!) { completeReferral(id: $id, input: { outcomeCode: STARTED_PROGRAMME, note: "Hemlig anteckning" }) { state outcomeCode } }`,
      { id },
      liaison.token,
    );
    expect(done.data.completeReferral).toEqual({
      state: 'COMPLETED',
      outcomeCode: 'STARTED_PROGRAMME',
    });
    const senderView = await t.gql(VIEW, { id }, coordinator.token);
    expect(senderView.data.referral).toMatchObject({
      state: 'COMPLETED',
      outcomeCode: 'STARTED_PROGRAMME',
      receiverNote: null,
    });
    expect(JSON.stringify(senderView.body)).not.toContain('Hemlig');
    expect(JSON.stringify(senderView.body)).not.toContain('Intern bedömning');
    expect(
      senderView.data.referral.transitions.map((x: any) => [x.fromState, x.toState, x.code]),
    ).toEqual([
      [null, 'SENT', null],
      ['SENT', 'ACCEPTED', null],
      ['ACCEPTED', 'COMPLETED', 'STARTED_PROGRAMME'],
    ]);
    const cancelDone = await t.gql(
      `mutation($id: ID!) { cancelReferral(id: $id) { state } }`,
      { id },
      coordinator.token,
    );
    expect(cancelDone.errors?.[0].extensions?.code).toBe('CONFLICT');
    const kinds = await t.db.query(
      `SELECT kind FROM notification WHERE subject_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(kinds.rows.map((r: any) => r.kind)).toEqual(
      expect.arrayContaining(['REFERRAL_RECEIVED', 'REFERRAL_ACCEPTED', 'REFERRAL_COMPLETED']),
    );
  });

  it('SENT → DECLINED needs a reason; DECLINED is final', async () => {
    const { caseId } = await setup();
    const id = (await send(caseId)).data.sendReferral.id;
    const noReason = await t.gql(
      `mutation($id: ID!) { declineReferral(id: $id, input: {}) { state } }`,
      { id },
      liaison.token,
    );
    expect(noReason.errors?.[0].extensions?.code).toMatch(
      /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
    );
    const d = await t.gql(
      `mutation($id: ID!) { declineReferral(id: $id, input: { reason: NOT_ELIGIBLE }) { state declineReason } }`,
      { id },
      liaison.token,
    );
    expect(d.data.declineReferral).toEqual({ state: 'DECLINED', declineReason: 'NOT_ELIGIBLE' });
    for (const m of ['acceptReferral(id: $id) { state }', 'cancelReferral(id: $id) { state }']) {
      const who = m.startsWith('accept') ? liaison : coordinator;
      const r = await t.gql(`mutation($id: ID!) { ${m} }`, { id }, who.token);
      expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
    }
    const s = await t.gql(VIEW, { id }, coordinator.token);
    expect(s.data.referral.declineReason).toBe('NOT_ELIGIBLE');
  });

  it('SENT → CANCELLED by the sender only; ACCEPTED → CANCELLED by either', async () => {
    const { caseId } = await setup();
    const a = (await send(caseId)).data.sendReferral.id;
    const byReceiver = await t.gql(
      `mutation($id: ID!) { cancelReferral(id: $id) { state } }`,
      { id: a },
      liaison.token,
    );
    expect(byReceiver.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bySender = await t.gql(
      `mutation($id: ID!) { cancelReferral(id: $id) { state } }`,
      { id: a },
      coordinator.token,
    );
    expect(bySender.data.cancelReferral.state).toBe('CANCELLED');
    const b = (await send(caseId)).data.sendReferral.id;
    await t.gql(
      `mutation($id: ID!) { acceptReferral(id: $id) { state } }`,
      { id: b },
      liaison.token,
    );
    const rc = await t.gql(
      `mutation($id: ID!) { cancelReferral(id: $id) { state } }`,
      { id: b },
      liaison.token,
    );
    expect(rc.data.cancelReferral.state).toBe('CANCELLED');
    const after = await t.gql(
      `mutation($id: ID!) { completeReferral(id: $id, input: { outcomeCode: OTHER }) { state } }`,
      { id: b },
      liaison.token,
    );
    expect(after.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('the receiver loses the referral when its consent is withdrawn; others never see it', async () => {
    const { caseId, consentId } = await setup();
    const id = (await send(caseId)).data.sendReferral.id;
    expect((await t.gql(VIEW, { id }, social.token)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    await t.db.query(
      `UPDATE consent SET withdrawn_at = app_now(), withdrawn_by = 'YOUNG_PERSON', withdrawal_recorded_by_user_id = $2 WHERE id = $1`,
      [consentId, coordinator.id],
    );
    expect((await t.gql(VIEW, { id }, liaison.token)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.gql(VIEW, { id }, coordinator.token)).data.referral.state).toBe('SENT');
  });

  it('an association sees name, contact, the activity and what its consent names it for', async () => {
    const { caseId } = await setup(['IDENTITY', 'CONTACT', 'ACTIVITIES'], world.org.ASSOCIATION);
    const sent = await t.gql(
      SEND,
      {
        i: {
          caseId,
          receiverOrganisationId: world.org.ASSOCIATION,
          purpose: 'ASSOCIATION_ACTIVITY',
          activity: 'Fotboll, fredagar',
          sharedCategories: ['ACTIVITIES'],
          sections: [{ category: 'ACTIVITIES', body: 'Gillar lagidrott' }],
          responseDueDate: due(7),
        },
      },
      coordinator.token,
    );
    expect(sent.errors).toBeUndefined();
    const v = await t.gql(VIEW, { id: sent.data.sendReferral.id }, association.token);
    expect(v.errors).toBeUndefined();
    expect(v.data.referral).toMatchObject({
      activity: 'Fotboll, fredagar',
      sections: [{ category: 'ACTIVITIES', body: 'Gillar lagidrott' }],
    });
    expect(v.data.referral.youngPerson).toEqual({
      givenName: 'Test',
      familyName: 'Person',
      phone: '0700000000',
      email: null,
    });
  });

  it('lists overdue referrals for sender and receiver and notifies both once', async () => {
    const { caseId } = await setup();
    const id = (await send(caseId)).data.sendReferral.id;
    await t.db.query(`UPDATE referral SET response_due_date = app_today() - 1 WHERE id = $1`, [id]);
    // The alerts job tells, twice ticked, once; the list only reads.
    await t.app.get(AlertsJob).tick();
    await t.app.get(AlertsJob).tick();
    for (const u of [coordinator, liaison]) {
      const r = await t.gql(
        `{ referrals(overdue: true) { edges { node { id overdue } } } }`,
        {},
        u.token,
      );
      expect(r.data.referrals.edges.map((e: any) => e.node)).toContainEqual({ id, overdue: true });
    }
    const n = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE subject_id = $1 AND kind = 'REFERRAL_OVERDUE'`,
      [id],
    );
    expect(n.rows[0].n).toBe(2);
  });

  it('lists 10 or 100 cases with participants, latest notes and referrals in the same number of SQL statements', async () => {
    const lead = await createUser(t, world.org.YOUTH_CLINIC, [Role.YOUTH_COORDINATOR]);
    const addCases = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const yp = await createYoungPerson(t, '1287', 19);
        const caseId = await insertCase(t, {
          youngPersonId: yp,
          municipalityCode: '1287',
          leadOrganisationId: world.org.YOUTH_CLINIC,
          leadUserId: lead.id,
          participants: [world.org.SOCIAL_SERVICES],
        });
        await insertConsent(t, {
          youngPersonId: yp,
          municipalityCode: '1287',
          documentedByUserId: lead.id,
          documentedByOrganisationId: world.org.YOUTH_CLINIC,
          recipients: [world.org.YOUTH_CLINIC, world.org.LABOUR_OFFICE],
          categories: ['SOCIAL', 'EMPLOYMENT'],
        });
        await insertNote(t, {
          caseId,
          authorOrganisationId: world.org.YOUTH_CLINIC,
          authorUserId: lead.id,
          category: 'SOCIAL',
          body: 'a',
        });
        await insertNote(t, {
          caseId,
          authorOrganisationId: world.org.SOCIAL_SERVICES,
          authorUserId: social.id,
          category: 'HEALTH',
          body: 'b',
        });
        await t.db.query(
          `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id, receiver_organisation_id, purpose, shared_categories, response_due_date)
           VALUES ($1, $2, '1287', $3, $4, $5, 'GUIDANCE', '{EMPLOYMENT}', app_today() + 5)`,
          [caseId, yp, world.org.YOUTH_CLINIC, lead.id, world.org.LABOUR_OFFICE],
        );
      }
    };
    const Q = `query($n: Int!) { cases(first: $n) { totalCount edges { node { id participants { organisationId organisation { name } }
      latestNotes(limit: 2) { restricted body authorOrganisation { name } } referrals { state sections { category } receiverOrganisation { name } } } } } }`;
    await addCases(10);
    t.sql.reset();
    const ten = await t.gql(Q, { n: 100 }, lead.token);
    const tenCount = t.sql.count;
    expect(ten.errors).toBeUndefined();
    expect(ten.data.cases.edges).toHaveLength(10);
    await addCases(90);
    t.sql.reset();
    const hundred = await t.gql(Q, { n: 100 }, lead.token);
    const hundredCount = t.sql.count;
    expect(hundred.data.cases.edges).toHaveLength(100);
    expect(hundred.data.cases.edges[0].node.latestNotes).toHaveLength(2);
    expect(hundred.data.cases.edges[0].node.referrals).toHaveLength(1);
    expect(hundredCount).toBe(tenCount);
  });
});
