import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson } from '../cases/fixtures';

const RECORD = `mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) { id version guardiansToBeTold } }`;
const AMEND = `mutation($id: ID!, $input: AmendConsentInput!) {
  amendConsent(id: $id, input: $input) {
    id version previousVersionId state categories validUntil guardiansToBeTold recipients { id } } }`;
const CONSENT = `query($id: ID!) { consent(id: $id) { state supersededById withdrawnAt } }`;
const PERSON = `query($id: ID!) { youngPerson(id: $id) { givenName } }`;

const days = (n: number) => new Date(testClock.now().getTime() + n * 86400_000).toISOString();

describe('consent amendments: a new version, and only those who lose access are told', () => {
  let t: TestApp;
  let org: Record<string, string>;
  let coordinator: TestUser;
  let social: TestUser;
  let liaison: TestUser;
  let association: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  let person: string;
  let v1: string;
  let v2: string;
  let v3: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org;
    const malmo = (await createWorld(t, '1280')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    liaison = await createUser(t, org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    association = await createUser(t, org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    admin = await createUser(t, org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    outsider = await createUser(t, malmo.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    person = await createYoungPerson(t, '1287', 16);
  });
  afterAll(() => t.close());

  const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0].extensions?.code;
  const told = async () =>
    (
      await t.db.query(
        `SELECT n.kind, u.organisation_id, n.subject_id FROM notification n JOIN app_user u ON u.id = n.recipient_user_id
          WHERE n.kind IN ('CONSENT_WITHDRAWN', 'CONSENT_NARROWED') ORDER BY n.kind, u.organisation_id`,
      )
    ).rows;
  const versions = async () =>
    Number(
      (await t.db.query(`SELECT count(*) FROM consent WHERE young_person_id = $1`, [person]))
        .rows[0].count,
    );

  it('records a self-consent with the young person’s wish about the guardians', async () => {
    const res = await t.gql(
      RECORD,
      {
        input: {
          youngPersonId: person,
          givenBy: ['YOUNG_PERSON'],
          method: 'WRITTEN',
          purpose: 'Samverkan kring arbete',
          recipientOrganisationIds: [org.SOCIAL_SERVICES, org.LABOUR_OFFICE],
          categories: ['IDENTITY', 'SOCIAL', 'ACTIVITIES'],
          validUntil: days(60),
          guardiansToBeTold: false,
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordConsent).toMatchObject({ version: 1, guardiansToBeTold: false });
    v1 = res.data.recordConsent.id;
    // Asked only of a young person under 18 consenting alone.
    const adult = await createYoungPerson(t, '1287', 19);
    const refused = await t.gql(
      RECORD,
      {
        input: {
          youngPersonId: adult,
          givenBy: ['YOUNG_PERSON'],
          method: 'WRITTEN',
          purpose: 'Samverkan',
          recipientOrganisationIds: [org.SOCIAL_SERVICES],
          categories: ['IDENTITY'],
          validUntil: days(60),
          guardiansToBeTold: true,
        },
      },
      coordinator.token,
    );
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(
      (await t.db.query(`SELECT count(*) FROM consent WHERE young_person_id = $1`, [adult])).rows[0]
        .count,
    ).toBe('0');
  });

  it('extending and adding a recipient tells nobody: everyone keeps what they had', async () => {
    const res = await t.gql(
      AMEND,
      {
        id: v1,
        input: {
          requestedBy: 'YOUNG_PERSON',
          validUntil: days(200),
          recipientOrganisationIds: [org.SOCIAL_SERVICES, org.LABOUR_OFFICE, org.ASSOCIATION],
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const next = res.data.amendConsent;
    expect(next).toMatchObject({
      version: 2,
      previousVersionId: v1,
      state: 'IN_FORCE',
      guardiansToBeTold: false,
    });
    expect(next.recipients.map((r: any) => r.id).sort()).toEqual(
      [org.SOCIAL_SERVICES, org.LABOUR_OFFICE, org.ASSOCIATION].sort(),
    );
    v2 = next.id;
    expect((await t.gql(CONSENT, { id: v1 }, coordinator.token)).data.consent).toMatchObject({
      state: 'SUPERSEDED',
      supersededById: v2,
    });
    expect(await told()).toEqual([]);
    // Access continues on the next request, now through the new version.
    for (const u of [social, liaison, association])
      expect((await t.gql(PERSON, { id: person }, u.token)).data?.youngPerson.givenName).toBe(
        'Test',
      );
    const log = await t.db.query(
      `SELECT action, fields FROM access_log WHERE subject_type = 'CONSENT' AND action IN ('CREATE','UPDATE')
          AND actor_user_id = $1
          AND ((action = 'UPDATE' AND $2 = ANY(subject_ids)) OR (action = 'CREATE' AND $3 = ANY(subject_ids))) ORDER BY action`,
      [coordinator.id, v1, v2],
    );
    expect(log.rows).toEqual([
      { action: 'CREATE', fields: [] },
      { action: 'UPDATE', fields: ['withdrawnAt', 'withdrawnBy', 'supersededById'] },
    ]);
  });

  it('removing a recipient tells only that recipient, whose access ends on its next request', async () => {
    const res = await t.gql(
      AMEND,
      {
        id: v2,
        input: {
          requestedBy: 'YOUNG_PERSON',
          recipientOrganisationIds: [org.SOCIAL_SERVICES, org.ASSOCIATION],
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    v3 = res.data.amendConsent.id;
    expect(res.data.amendConsent.version).toBe(3);
    expect(await told()).toEqual([
      { kind: 'CONSENT_WITHDRAWN', organisation_id: org.LABOUR_OFFICE, subject_id: v2 },
    ]);
    expect(code(await t.gql(PERSON, { id: person }, liaison.token))).toBe('NOT_FOUND');
    expect((await t.gql(PERSON, { id: person }, social.token)).data.youngPerson.givenName).toBe(
      'Test',
    );
  });

  it('dropping a category tells the recipients that keep the consent with less', async () => {
    const res = await t.gql(
      AMEND,
      { id: v3, input: { requestedBy: 'GUARDIAN', categories: ['IDENTITY', 'SOCIAL'] } },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const v4 = res.data.amendConsent.id;
    const narrowed = (await told()).filter((n) => n.kind === 'CONSENT_NARROWED');
    expect(narrowed).toEqual(
      [org.ASSOCIATION, org.SOCIAL_SERVICES]
        .sort()
        .map((o) => ({ kind: 'CONSENT_NARROWED', organisation_id: o, subject_id: v4 })),
    );
    expect((await told()).length).toBe(3);
  });

  it('refuses an amendment of a replaced version, an empty one, an insufficient one, strangers and admins, writing nothing', async () => {
    const before = await versions();
    const notes = (await told()).length;
    const extend = { requestedBy: 'YOUNG_PERSON', validUntil: days(300) };
    expect(code(await t.gql(AMEND, { id: v2, input: extend }, coordinator.token))).toBe('CONFLICT');
    expect(
      code(
        await t.gql(AMEND, { id: v1, input: { requestedBy: 'YOUNG_PERSON' } }, coordinator.token),
      ),
    ).toBe('BAD_USER_INPUT');
    const [{ id: current }] = (
      await t.db.query(
        `SELECT id FROM consent WHERE young_person_id = $1 AND superseded_by_id IS NULL`,
        [person],
      )
    ).rows;
    // Under the default policy a 16-year-old's own consent is needed.
    expect(
      code(
        await t.gql(
          AMEND,
          { id: current, input: { requestedBy: 'GUARDIAN', givenBy: ['ONE_GUARDIAN'] } },
          coordinator.token,
        ),
      ),
    ).toBe('CONSENT_REQUIRED');
    expect(code(await t.gql(AMEND, { id: current, input: extend }, outsider.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await t.gql(AMEND, { id: current, input: extend }, admin.token))).toBe('FORBIDDEN');
    expect(code(await t.gql(AMEND, { id: 'not-a-uuid', input: extend }, coordinator.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await versions()).toBe(before);
    expect((await told()).length).toBe(notes);
    expect(
      (await t.gql(CONSENT, { id: current }, coordinator.token)).data.consent.withdrawnAt,
    ).toBeNull();
  });
});
