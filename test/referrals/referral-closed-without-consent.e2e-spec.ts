/**
 * A receiver that lost the consent naming it still closes the loop (issue 12): it declines
 * or completes the referral with an outcome code, and sees none of it. The sender sees the
 * outcome; row-level security keeps the referral hidden from the receiver throughout.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { Role } from '../../src/identity/role.enum';
import { createYoungPerson, insertCase, insertConsent } from '../cases/fixtures';
import { testClock } from '../support/clock';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, GqlResult, TestApp } from '../support/test-app';

const VIEW = `query($id: ID!) { referral(id: $id) { id state declineReason outcomeCode } }`;
const CLOSE = `mutation($id: ID!, $input: CloseReceivedReferralInput!) {
  closeReceivedReferral(id: $id, input: $input) { id state } }`;

describe('a referral closed by a receiver without consent, who sees no content', () => {
  let t: TestApp;
  let org: Record<string, string>;
  let coordinator: TestUser;
  let liaison: TestUser;
  let social: TestUser;
  let admin: TestUser;
  let toDecline: string;
  let toComplete: string;
  let consentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    liaison = await createUser(t, org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    admin = await createUser(t, org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    const yp = await createYoungPerson(t, '1287', 17);
    const caseId = await insertCase(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      leadOrganisationId: org.YOUTH_TEAM,
      leadUserId: coordinator.id,
    });
    consentId = await insertConsent(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: org.YOUTH_TEAM,
      recipients: [org.LABOUR_OFFICE, org.SOCIAL_SERVICES],
      categories: ['IDENTITY', 'EMPLOYMENT'],
    });
    const send = async () => {
      const res = await t.gql(
        `mutation($i: SendReferralInput!) { sendReferral(input: $i) { id } }`,
        {
          i: {
            caseId,
            receiverOrganisationId: org.LABOUR_OFFICE,
            purpose: 'EXTRATJANST',
            sharedCategories: ['EMPLOYMENT'],
            sections: [{ category: 'EMPLOYMENT', body: 'Vill arbeta med djur' }],
            responseDueDate: addDays(testClock.today(), 7),
          },
        },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data.sendReferral.id as string;
    };
    toDecline = await send();
    toComplete = await send();
    const accepted = await t.gql(
      `mutation($id: ID!) { acceptReferral(id: $id) { state } }`,
      { id: toComplete },
      liaison.token,
    );
    expect(accepted.data.acceptReferral.state).toBe('ACCEPTED');
    const withdrawn = await t.gql(
      `mutation($id: ID!) { withdrawConsent(id: $id, input: { withdrawnBy: YOUNG_PERSON }) { state } }`,
      { id: consentId },
      coordinator.token,
    );
    expect(withdrawn.data.withdrawConsent.state).toBe('WITHDRAWN');
  });
  afterAll(() => t.close());

  const code = (res: GqlResult) => res.errors?.[0].extensions?.code;
  const transitions = async () =>
    Number((await t.db.query(`SELECT count(*) FROM referral_transition`)).rows[0].count);
  const liaisonReads = async () =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) FROM access_log WHERE actor_user_id = $1 AND action = 'READ' AND subject_type = 'REFERRAL'`,
          [liaison.id],
        )
      ).rows[0].count,
    );

  it('the receiver without consent sees neither referral, and the normal transitions refuse it', async () => {
    for (const id of [toDecline, toComplete]) {
      expect(code(await t.gql(VIEW, { id }, liaison.token))).toBe('NOT_FOUND');
    }
    const declined = await t.gql(
      `mutation($id: ID!) { declineReferral(id: $id, input: { reason: NO_CAPACITY }) { state } }`,
      { id: toDecline },
      liaison.token,
    );
    expect(code(declined)).toBe('NOT_FOUND');
    const listed = await t.gql(
      `{ referrals(direction: RECEIVED) { edges { node { id } } } }`,
      {},
      liaison.token,
    );
    expect(listed.data.referrals.edges).toEqual([]);
  });

  it('refuses others, wrong states and unclear answers, writing nothing', async () => {
    const before = await transitions();
    const decline = { declineReason: 'NO_CAPACITY' };
    expect(code(await t.gql(CLOSE, { id: toDecline, input: decline }, social.token))).toBe(
      'NOT_FOUND',
    );
    // The sender is no receiver: it cancels, it does not close the receiver's loop.
    expect(code(await t.gql(CLOSE, { id: toDecline, input: decline }, coordinator.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await t.gql(CLOSE, { id: toDecline, input: decline }, admin.token))).toBe(
      'FORBIDDEN',
    );
    expect(code(await t.gql(CLOSE, { id: randomUUID(), input: decline }, liaison.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await t.gql(CLOSE, { id: toDecline, input: {} }, liaison.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      code(
        await t.gql(
          CLOSE,
          { id: toDecline, input: { declineReason: 'OTHER', outcomeCode: 'OTHER' } },
          liaison.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    // A SENT referral is declined, not completed; an ACCEPTED one completed, not declined.
    expect(
      code(await t.gql(CLOSE, { id: toDecline, input: { outcomeCode: 'OTHER' } }, liaison.token)),
    ).toBe('CONFLICT');
    expect(code(await t.gql(CLOSE, { id: toComplete, input: decline }, liaison.token))).toBe(
      'CONFLICT',
    );
    expect(await transitions()).toBe(before);
  });

  it('the receiver declines and completes without content; the sender sees the outcome', async () => {
    const reads = await liaisonReads();
    const declined = await t.gql(
      CLOSE,
      { id: toDecline, input: { declineReason: 'NO_CAPACITY' } },
      liaison.token,
    );
    expect(declined.errors).toBeUndefined();
    expect(declined.data.closeReceivedReferral).toEqual({ id: toDecline, state: 'DECLINED' });
    const completed = await t.gql(
      CLOSE,
      { id: toComplete, input: { outcomeCode: 'STARTED_PROGRAMME' } },
      liaison.token,
    );
    expect(completed.data.closeReceivedReferral).toEqual({ id: toComplete, state: 'COMPLETED' });

    // The answer type holds nothing but the id and the state.
    const type = await t.gql(
      `{ __type(name: "ReferralClosure") { fields { name } } }`,
      {},
      liaison.token,
    );
    expect(type.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'id',
      'state',
    ]);
    // Still hidden from the receiver, and nothing was read on its behalf.
    expect(code(await t.gql(VIEW, { id: toDecline }, liaison.token))).toBe('NOT_FOUND');
    expect(await liaisonReads()).toBe(reads);

    expect((await t.gql(VIEW, { id: toDecline }, coordinator.token)).data.referral).toEqual({
      id: toDecline,
      state: 'DECLINED',
      declineReason: 'NO_CAPACITY',
      outcomeCode: null,
    });
    expect((await t.gql(VIEW, { id: toComplete }, coordinator.token)).data.referral).toMatchObject({
      state: 'COMPLETED',
      outcomeCode: 'STARTED_PROGRAMME',
    });
    const { rows: told } = await t.db.query(
      `SELECT kind, subject_id FROM notification WHERE recipient_user_id = $1 AND kind IN ('REFERRAL_DECLINED','REFERRAL_COMPLETED') ORDER BY kind`,
      [coordinator.id],
    );
    expect(told).toEqual([
      { kind: 'REFERRAL_COMPLETED', subject_id: toComplete },
      { kind: 'REFERRAL_DECLINED', subject_id: toDecline },
    ]);
    const { rows: log } = await t.db.query(
      `SELECT subject_ids, fields, legal_basis FROM access_log
        WHERE actor_user_id = $1 AND action = 'UPDATE' AND subject_type = 'REFERRAL' ORDER BY id`,
      [liaison.id],
    );
    expect(log.slice(-2)).toEqual([
      {
        subject_ids: [toDecline],
        fields: ['state', 'declineReason'],
        legal_basis: 'OWN_ORGANISATION',
      },
      {
        subject_ids: [toComplete],
        fields: ['state', 'outcomeCode'],
        legal_basis: 'OWN_ORGANISATION',
      },
    ]);
    const { rows: steps } = await t.db.query(
      `SELECT from_state, to_state, code, by_user_id FROM referral_transition WHERE referral_id = $1 ORDER BY at`,
      [toDecline],
    );
    expect(steps.at(-1)).toEqual({
      from_state: 'SENT',
      to_state: 'DECLINED',
      code: 'NO_CAPACITY',
      by_user_id: liaison.id,
    });
    // Closed is closed.
    expect(
      code(await t.gql(CLOSE, { id: toDecline, input: { declineReason: 'OTHER' } }, liaison.token)),
    ).toBe('CONFLICT');
  });
});
