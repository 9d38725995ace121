import { testClock } from '../support/clock';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson } from '../cases/fixtures';

const RECORD = `mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) { id state categories givenBy recipients { id } } }`;

describe('consent records and the age policy', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    admin = await createUser(t, world.org.OTHER, [Role.MUNICIPALITY_ADMIN]);
  });
  afterAll(() => t.close());

  const input = (youngPersonId: string, givenBy: string[]) => ({
    youngPersonId,
    givenBy,
    method: 'WRITTEN',
    purpose: 'Samverkan kring studier',
    recipientOrganisationIds: [world.org[OrganisationKind.SOCIAL_SERVICES]],
    categories: ['IDENTITY', 'SOCIAL'],
    validUntil: new Date(testClock.now().getTime() + 90 * 86400_000).toISOString(),
  });

  it('the youth team records a 16-year-old’s own consent; it is in force and logged', async () => {
    const yp = await createYoungPerson(t, '1287', 16);
    const res = await t.gql(RECORD, { input: input(yp, ['YOUNG_PERSON']) }, coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordConsent).toMatchObject({ state: 'IN_FORCE', givenBy: ['YOUNG_PERSON'] });
    const log = await t.db.query(
      `SELECT legal_basis, consent_ids FROM access_log WHERE subject_type = 'CONSENT' AND action = 'CREATE' AND $1 = ANY(young_person_ids)`,
      [yp],
    );
    expect(log.rows).toEqual([
      { legal_basis: 'CONSENT', consent_ids: [res.data.recordConsent.id] },
    ]);
  });

  it('refuses an insufficient consent with CONSENT_REQUIRED saying what is missing', async () => {
    const young = await createYoungPerson(t, '1287', 13);
    const own = await t.gql(RECORD, { input: input(young, ['YOUNG_PERSON']) }, coordinator.token);
    expect(own.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(own.errors?.[0].message).toContain("a guardian's consent");
    const adult = await createYoungPerson(t, '1287', 19);
    const guardian = await t.gql(
      RECORD,
      { input: input(adult, ['ONE_GUARDIAN']) },
      coordinator.token,
    );
    expect(guardian.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(guardian.errors?.[0].message).toContain("the young person's own consent");
  });

  it('follows the municipality policy: both guardians required', async () => {
    const set = await t.gql(
      `mutation { setConsentPolicy(input: { ownConsentFromAge: 15, guardianAlsoRequired: true, bothGuardiansRequired: true }) { customised } }`,
      {},
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    const yp = await createYoungPerson(t, '1287', 16);
    const one = await t.gql(
      RECORD,
      { input: input(yp, ['YOUNG_PERSON', 'ONE_GUARDIAN']) },
      coordinator.token,
    );
    expect(one.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(one.errors?.[0].message).toContain("both guardians' consent");
    const both = await t.gql(
      RECORD,
      { input: input(yp, ['YOUNG_PERSON', 'BOTH_GUARDIANS']) },
      coordinator.token,
    );
    expect(both.errors).toBeUndefined();
    await t.db.query(`DELETE FROM consent_policy`);
  });

  it('only a municipality admin sets the policy', async () => {
    const res = await t.gql(
      `mutation { setConsentPolicy(input: { ownConsentFromAge: 16, guardianAlsoRequired: false, bothGuardiansRequired: false }) { customised } }`,
      {},
      coordinator.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an organisation without a statutory duty, case or consent cannot record consent for a person', async () => {
    const yp = await createYoungPerson(t, '1287', 16);
    const res = await t.gql(RECORD, { input: input(yp, ['YOUNG_PERSON']) }, social.token);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('withdrawal is recorded once, notifies the recipients and shows as WITHDRAWN', async () => {
    const yp = await createYoungPerson(t, '1287', 17);
    const rec = await t.gql(RECORD, { input: input(yp, ['YOUNG_PERSON']) }, coordinator.token);
    const id = rec.data.recordConsent.id;
    const seen = await t.gql(
      `query($id: ID!) { consent(id: $id) { id state } }`,
      { id },
      social.token,
    );
    expect(seen.data.consent.state).toBe('IN_FORCE');
    const w = await t.gql(
      `mutation($id: ID!) { withdrawConsent(id: $id, input: { withdrawnBy: YOUNG_PERSON, reason: "Vill inte längre" }) { state withdrawnBy } }`,
      { id },
      coordinator.token,
    );
    expect(w.errors).toBeUndefined();
    expect(w.data.withdrawConsent).toEqual({ state: 'WITHDRAWN', withdrawnBy: 'YOUNG_PERSON' });
    const again = await t.gql(
      `mutation($id: ID!) { withdrawConsent(id: $id, input: { withdrawnBy: YOUNG_PERSON }) { state } }`,
      { id },
      coordinator.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const n = await t.db.query(
      `SELECT kind, subject_id FROM notification WHERE recipient_user_id = $1 AND kind = 'CONSENT_WITHDRAWN'`,
      [social.id],
    );
    expect(n.rows).toEqual([{ kind: 'CONSENT_WITHDRAWN', subject_id: id }]);
  });

  it('a consent is invisible to an organisation it does not name', async () => {
    const yp = await createYoungPerson(t, '1287', 17);
    const rec = await t.gql(RECORD, { input: input(yp, ['YOUNG_PERSON']) }, coordinator.token);
    const other = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    const res = await t.gql(
      `query($id: ID!) { consent(id: $id) { id } }`,
      { id: rec.data.recordConsent.id },
      other.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
