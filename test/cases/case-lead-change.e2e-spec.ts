import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent } from './fixtures';

const CASE = `query ($id: ID!) { case(id: $id) {
  id leadOrganisationId leadUserId leadProposal { organisationId userId }
  participants { organisationId role } } }`;
const PROPOSE = `mutation ($caseId: ID!, $organisationId: ID!, $userId: ID!) {
  proposeCaseLead(caseId: $caseId, organisationId: $organisationId, userId: $userId) {
    leadOrganisationId leadProposal { organisationId userId } } }`;
const ACCEPT = `mutation ($caseId: ID!) { acceptCaseLead(caseId: $caseId) {
  leadOrganisationId leadUserId leadProposal { userId } participants { organisationId role } } }`;
const DECLINE = `mutation ($caseId: ID!) { declineCaseLead(caseId: $caseId) { leadUserId leadProposal { userId } } }`;
const REMOVE = `mutation ($caseId: ID!, $organisationId: ID!) {
  removeCaseParticipant(caseId: $caseId, organisationId: $organisationId) { id } }`;

describe('cases change hands: a lead change the new lead accepts', () => {
  let t: TestApp;
  let org: Record<string, string>;
  let coordinator: TestUser;
  let social: TestUser;
  let social2: TestUser;
  let school: TestUser;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    social2 = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    school = await createUser(t, org.SCHOOL, [Role.COUNSELLOR]);
    const youngPersonId = await createYoungPerson(t, '1287', 17);
    caseId = await insertCase(t, {
      youngPersonId,
      municipalityCode: '1287',
      leadOrganisationId: org.YOUTH_TEAM,
      leadUserId: coordinator.id,
      participants: [org.SOCIAL_SERVICES],
    });
    await insertConsent(t, {
      youngPersonId,
      municipalityCode: '1287',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: org.YOUTH_TEAM,
      recipients: [org.SOCIAL_SERVICES, org.YOUTH_TEAM],
      categories: ['SOCIAL'],
    });
  });
  afterAll(() => t.close());

  const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0].extensions?.code;
  const leadOf = async () =>
    (
      await t.db.query(
        `SELECT lead_organisation_id, lead_user_id, proposed_lead_user_id FROM joint_case WHERE id = $1`,
        [caseId],
      )
    ).rows[0];
  const notified = async (kind: string) =>
    (
      await t.db.query(
        `SELECT recipient_user_id FROM notification WHERE kind = $1 AND subject_id = $2`,
        [kind, caseId],
      )
    ).rows.map((r) => r.recipient_user_id);

  it('only the lead proposes, and only a case-working user of a participating organisation', async () => {
    const before = await leadOf();
    const args = { caseId, organisationId: org.SOCIAL_SERVICES, userId: social.id };
    expect(code(await t.gql(PROPOSE, args, social.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(PROPOSE, args, school.token))).toBe('NOT_FOUND');
    // The school does not take part in the case.
    expect(
      code(
        await t.gql(
          PROPOSE,
          { caseId, organisationId: org.SCHOOL, userId: school.id },
          coordinator.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    // A user of another organisation than the one named.
    expect(
      code(
        await t.gql(
          PROPOSE,
          { caseId, organisationId: org.SOCIAL_SERVICES, userId: school.id },
          coordinator.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await leadOf()).toEqual(before);
    expect(await notified('CASE_LEAD_PROPOSED')).toEqual([]);
  });

  it('a proposal changes nothing until the proposed user answers; a decline keeps the lead', async () => {
    const proposed = await t.gql(
      PROPOSE,
      { caseId, organisationId: org.SOCIAL_SERVICES, userId: social.id },
      coordinator.token,
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data.proposeCaseLead).toEqual({
      leadOrganisationId: org.YOUTH_TEAM,
      leadProposal: { organisationId: org.SOCIAL_SERVICES, userId: social.id },
    });
    expect(await notified('CASE_LEAD_PROPOSED')).toEqual([social.id]);
    // Another user of the same organisation cannot answer for the proposed one.
    expect(code(await t.gql(ACCEPT, { caseId }, social2.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(ACCEPT, { caseId }, coordinator.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(ACCEPT, { caseId }, school.token))).toBe('NOT_FOUND');
    expect((await leadOf()).lead_organisation_id).toBe(org.YOUTH_TEAM);

    const declined = await t.gql(DECLINE, { caseId }, social.token);
    expect(declined.data.declineCaseLead).toEqual({
      leadUserId: coordinator.id,
      leadProposal: null,
    });
    expect(await notified('CASE_LEAD_DECLINED')).toEqual([coordinator.id]);
    expect(code(await t.gql(ACCEPT, { caseId }, social.token))).toBe('CONFLICT');
  });

  it('on acceptance the participant leads, the former lead takes part, is told, and the change is logged', async () => {
    await t.gql(
      PROPOSE,
      { caseId, organisationId: org.SOCIAL_SERVICES, userId: social.id },
      coordinator.token,
    );
    const accepted = await t.gql(ACCEPT, { caseId }, social.token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptCaseLead.leadOrganisationId).toBe(org.SOCIAL_SERVICES);
    expect(accepted.data.acceptCaseLead.leadUserId).toBe(social.id);
    expect(accepted.data.acceptCaseLead.leadProposal).toBeNull();
    const roles = Object.fromEntries(
      accepted.data.acceptCaseLead.participants.map((p: any) => [p.organisationId, p.role]),
    );
    expect(roles).toEqual({ [org.SOCIAL_SERVICES]: 'LEAD', [org.YOUTH_TEAM]: 'PARTICIPANT' });
    expect(await notified('CASE_LEAD_ACCEPTED')).toEqual([coordinator.id]);
    const log = await t.db.query(
      `SELECT fields FROM access_log WHERE actor_user_id = $1 AND action = 'UPDATE' AND $2 = ANY (subject_ids)`,
      [social.id, caseId],
    );
    expect(log.rows.map((r) => r.fields)).toContainEqual([
      'leadOrganisationId',
      'leadUserId',
      'leadProposal',
    ]);
    // The next request: the lead's operations belong to the new lead, not the old one.
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.SOCIAL_SERVICES }, coordinator.token)),
    ).toBe('FORBIDDEN');
    const viewed = await t.gql(CASE, { id: caseId }, coordinator.token);
    expect(viewed.data.case.leadOrganisationId).toBe(org.SOCIAL_SERVICES);
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.SOCIAL_SERVICES }, social.token)),
    ).toBe('NOT_FOUND');
  });
});
