import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent } from './fixtures';

const CASE = `query ($id: ID!) { case(id: $id) { id status participants { organisationId role } } }`;
const REMOVE = `mutation ($caseId: ID!, $organisationId: ID!) {
  removeCaseParticipant(caseId: $caseId, organisationId: $organisationId) { id participants { organisationId } }
}`;
const CLOSE = `mutation ($id: ID!) { closeCase(id: $id, input: { outcome: STUDIES }) { status closureOutcome } }`;
const REOPEN = `mutation ($id: ID!) { reopenCase(id: $id) { status closureOutcome } }`;

describe('cases change hands: participant removal, close and reopen', () => {
  let t: TestApp;
  let org: Record<string, string>;
  let coordinator: TestUser;
  let social: TestUser;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
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
      recipients: [org.SOCIAL_SERVICES],
      categories: ['SOCIAL'],
    });
  });
  afterAll(() => t.close());

  const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0].extensions?.code;

  it('only the lead removes, and never the lead organisation itself', async () => {
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.SOCIAL_SERVICES }, social.token)),
    ).toBe('FORBIDDEN');
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.YOUTH_TEAM }, coordinator.token)),
    ).toBe('NOT_FOUND');
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.SCHOOL }, coordinator.token)),
    ).toBe('NOT_FOUND');
    expect((await t.gql(CASE, { id: caseId }, social.token)).data.case.id).toBe(caseId);
  });

  it('a removed participant loses the case on its next request and is told', async () => {
    const res = await t.gql(
      REMOVE,
      { caseId, organisationId: org.SOCIAL_SERVICES },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.removeCaseParticipant.participants.map((p: any) => p.organisationId)).toEqual([
      org.YOUTH_TEAM,
    ]);
    // The same token, the next request: the case answers like one that does not exist.
    expect(code(await t.gql(CASE, { id: caseId }, social.token))).toBe('NOT_FOUND');
    const listed = await t.gql(`{ cases { edges { node { id } } } }`, {}, social.token);
    expect(listed.data.cases.edges.map((e: any) => e.node.id)).not.toContain(caseId);
    const { rows } = await t.db.query(
      `SELECT recipient_user_id FROM notification WHERE kind = 'CASE_PARTICIPANT_REMOVED' AND subject_id = $1`,
      [caseId],
    );
    expect(rows).toEqual([{ recipient_user_id: social.id }]);
    const log = await t.db.query(
      `SELECT fields FROM access_log WHERE actor_user_id = $1 AND action = 'UPDATE' AND $2 = ANY (subject_ids)`,
      [coordinator.id, caseId],
    );
    expect(log.rows).toEqual([{ fields: ['participants'] }]);
    // Removing again: no such participant.
    expect(
      code(await t.gql(REMOVE, { caseId, organisationId: org.SOCIAL_SERVICES }, coordinator.token)),
    ).toBe('NOT_FOUND');
  });

  it('the lead closes with an outcome and reopens; an open case cannot be reopened', async () => {
    expect(code(await t.gql(REOPEN, { id: caseId }, coordinator.token))).toBe('CONFLICT');
    expect((await t.gql(CLOSE, { id: caseId }, coordinator.token)).data.closeCase).toEqual({
      status: 'CLOSED',
      closureOutcome: 'STUDIES',
    });
    // The removed organisation no longer sees the case at all.
    expect(code(await t.gql(REOPEN, { id: caseId }, social.token))).toBe('NOT_FOUND');
    const reopened = await t.gql(REOPEN, { id: caseId }, coordinator.token);
    expect(reopened.data.reopenCase).toEqual({ status: 'OPEN', closureOutcome: null });
    expect((await t.gql(CASE, { id: caseId }, coordinator.token)).data.case.status).toBe('OPEN');
  });
});
