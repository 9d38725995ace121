import { addDays } from '../../src/core/clock/stockholm-calendar';
import { Role } from '../../src/identity/role.enum';
import { insertConsent } from '../cases/fixtures';
import { createPeriod, createYoungPerson } from '../outreach/outreach-fixtures';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Swedish midnight, end to end: the portal's day is the day in Sweden, also in the hour
 * (two in summer) when UTC still shows yesterday. Each block pins its own clock
 * (APP_NOW) and builds its own world, so nothing depends on the date the suite runs.
 */

// --- Typed request helpers, one per operation used here -------------------------------

interface Cell {
  value: number | null;
  suppressed: boolean;
  display: string;
}

interface WorkListRow {
  youngPersonId: string;
  reasons: string[];
  contactCount: number;
  lastContactAt: string | null;
}

async function workList(t: TestApp, token: string): Promise<WorkListRow[]> {
  const res = await t.gql(
    `query { workList(first: 100) { edges { node { youngPersonId reasons contactCount lastContactAt } } } }`,
    {},
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.workList.edges.map((e: { node: WorkListRow }) => e.node);
}

async function recordContactAttempt(
  t: TestApp,
  token: string,
  youngPersonId: string,
  occurredAt: string,
): Promise<string> {
  const res = await t.gql(
    `mutation($i: RecordContactAttemptInput!) { recordContactAttempt(input: $i) { occurredAt } }`,
    { i: { youngPersonId, occurredAt, channel: 'PHONE', outcome: 'REACHED' } },
    token,
  );
  if (!res.data?.recordContactAttempt)
    throw new Error(`recordContactAttempt failed: ${JSON.stringify(res.errors)}`);
  return res.data.recordContactAttempt.occurredAt;
}

async function monthlyReport(t: TestApp, token: string, from: string, to: string) {
  const res = await t.gql<{
    monthlyReport: {
      smallCountsSuppressed: boolean;
      months: { month: string; contactsMade: Cell }[];
    };
  }>(
    `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
      smallCountsSuppressed months { month contactsMade { value suppressed display } } } }`,
    { from, to },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.monthlyReport;
}

/** The SCB extract's rows as objects keyed by column name. */
async function scbExtractRows(t: TestApp, token: string, year: number, half: number) {
  const res = await t.gql(
    `query($y: Int!, $h: Int!) { scbExtract(year: $y, half: $h) { csv } }`,
    { y: year, h: half },
    token,
  );
  expect(res.errors).toBeUndefined();
  const [header, ...lines] = (res.data.scbExtract.csv as string).trimEnd().split('\r\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const RECORD_CONSENT = `mutation($input: RecordConsentInput!) {
  recordConsent(input: $input) { id state givenBy } }`;
const CONSENT_STATE = `query($id: ID!) { consent(id: $id) { id state } }`;
const YOUNG_PEOPLE = `query($search: String, $minAge: Int) {
  youngPeople(search: $search, minAge: $minAge) { edges { node { id age } } } }`;
const YOUNG_PERSON = `query($id: ID!) { youngPerson(id: $id) { id age givenName } }`;
const SEND_CONCERN = `mutation($i: SendConcernReportInput!) {
  sendConcernReport(input: $i) { id delivered receiverOrganisationIds } }`;

// --- 1. Register entry date vs. a contact just after Swedish midnight ------------------

/**
 * D is the first day of a month and of an SCB half-year, so the 00:10 contact is on the
 * other side of every boundary in UTC: the day (work list), the month (monthly report)
 * and the half-year (SCB). Winter is UTC+1, summer UTC+2.
 */
const SEASONS = [
  {
    season: 'winter, UTC+1',
    entryDate: '2027-01-01',
    now: '2027-01-05T09:00:00Z',
    justAfterMidnight: '2027-01-01T00:10:00+01:00',
    justAfterMidnightUtc: '2026-12-31T23:10:00.000Z',
    eveningBefore: '2026-12-31T23:50:00+01:00',
    eveningBeforeUtc: '2026-12-31T22:50:00.000Z',
    monthBefore: '2026-12',
    month: '2027-01',
    scb: { year: 2027, half: 1 },
  },
  {
    season: 'summer, UTC+2',
    entryDate: '2027-07-01',
    now: '2027-07-05T09:00:00Z',
    justAfterMidnight: '2027-07-01T00:10:00+02:00',
    justAfterMidnightUtc: '2027-06-30T22:10:00.000Z',
    eveningBefore: '2027-06-30T23:50:00+02:00',
    eveningBeforeUtc: '2027-06-30T21:50:00.000Z',
    monthBefore: '2027-06',
    month: '2027-07',
    scb: { year: 2027, half: 2 },
  },
];

describe('a contact at 00:10 Stockholm time on the register entry date', () => {
  describe.each(SEASONS)('$season (entry $entryDate, today $now)', (s) => {
    let t: TestApp;
    let coordinator: TestUser;
    let afterMidnight: string;
    let evening: string;
    const recorded: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestApp({ APP_NOW: s.now });
      const world = await createWorld(t, '1287');
      coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
      // Both have an open period from D, no occupation, a responsible and a follow-up date,
      // so the only reason the work list can give besides KEEP_IN_TOUCH is NEVER_CONTACTED.
      const planned = {
        entryDate: s.entryDate,
        responsibleUserId: coordinator.id,
        nextFollowUpDate: addDays(s.entryDate, 30),
      };
      afterMidnight = await createYoungPerson(t, {
        birthDate: '2010-02-01',
        familyName: 'Midnatt',
      });
      await createPeriod(t, afterMidnight, planned);
      evening = await createYoungPerson(t, { birthDate: '2010-02-02', familyName: 'Kvall' });
      await createPeriod(t, evening, planned);
      recorded.afterMidnight = await recordContactAttempt(
        t,
        coordinator.token,
        afterMidnight,
        s.justAfterMidnight,
      );
      recorded.evening = await recordContactAttempt(t, coordinator.token, evening, s.eveningBefore);
    });
    afterAll(() => t.close());

    it('the contacts are stored as the UTC instants of the day before', () => {
      expect(recorded).toEqual({
        afterMidnight: s.justAfterMidnightUtc,
        evening: s.eveningBeforeUtc,
      });
    });

    it('the work list counts the 00:10 contact in the period: contacted once, not NEVER_CONTACTED', async () => {
      const row = (await workList(t, coordinator.token)).find(
        (r) => r.youngPersonId === afterMidnight,
      );
      expect(row).toEqual({
        youngPersonId: afterMidnight,
        reasons: ['KEEP_IN_TOUCH'],
        contactCount: 1,
        lastContactAt: s.justAfterMidnightUtc,
      });
    });

    it('the work list does not count a contact at 23:50 the evening before the entry date', async () => {
      const row = (await workList(t, coordinator.token)).find((r) => r.youngPersonId === evening);
      expect(row).toEqual({
        youngPersonId: evening,
        reasons: ['NEVER_CONTACTED'],
        contactCount: 0,
        lastContactAt: null,
      });
    });

    it("the monthly report counts the 00:10 contact in D's month, the evening one in the month before", async () => {
      const report = await monthlyReport(t, coordinator.token, s.monthBefore, s.month);
      expect(report.smallCountsSuppressed).toBe(false);
      const one = { value: 1, suppressed: false, display: '1' };
      expect(report.months).toEqual([
        { month: s.monthBefore, contactsMade: one },
        { month: s.month, contactsMade: one },
      ]);
      // Asked for D's month alone, the range itself must begin at Swedish midnight.
      const alone = await monthlyReport(t, coordinator.token, s.month, s.month);
      expect(alone.months).toEqual([{ month: s.month, contactsMade: one }]);
    });

    it("the SCB extract for D's half-year has the 00:10 contact as a CONTACT on D", async () => {
      const rows = await scbExtractRows(t, coordinator.token, s.scb.year, s.scb.half);
      const contacts = rows.filter((r) => r.record_type === 'CONTACT');
      const pn = await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [
        afterMidnight,
      ]);
      expect(contacts).toEqual([
        expect.objectContaining({
          personnummer: pn.rows[0].personal_number,
          kaa_entry_date: s.entryDate,
          event_date: s.entryDate,
          contact_channel: 'PHONE',
          contact_outcome: 'REACHED',
        }),
      ]);
    });
  });
});

// --- 2. An 18th birthday that has begun in Sweden but not yet in UTC -------------------

describe('an 18th birthday today in Sweden, checked at 23:30 UTC the day before', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  /** Born 2009-05-15: 18 today (Stockholm 2027-05-15 01:30). */
  let adult: string;
  /** Born 2009-05-16: 18 tomorrow, 17 today. */
  let child: string;
  const earlierGuardianConsent: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ APP_NOW: '2027-05-14T23:30:00Z' });
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    const admin = await createUser(t, world.org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    // Under 18 a guardian's consent alone suffices here; from 18 only the person's own does.
    const policy = await t.gql(
      `mutation { setConsentPolicy(input: { ownConsentFromAge: 18, guardianAlsoRequired: false, bothGuardiansRequired: false }) { customised } }`,
      {},
      admin.token,
    );
    if (policy.errors) throw new Error(JSON.stringify(policy.errors));
    adult = await createYoungPerson(t, { birthDate: '2009-05-15', familyName: 'Artonidag' });
    child = await createYoungPerson(t, { birthDate: '2009-05-16', familyName: 'Artonimorgon' });
    // A guardian consented a month ago, naming social services, for both of them.
    for (const [key, id] of Object.entries({ adult, child })) {
      earlierGuardianConsent[key] = await insertConsent(t, {
        youngPersonId: id,
        municipalityCode: '1287',
        documentedByUserId: coordinator.id,
        documentedByOrganisationId: world.org.YOUTH_TEAM,
        recipients: [world.org.SOCIAL_SERVICES],
        categories: ['IDENTITY'],
        givenBy: ['ONE_GUARDIAN'],
        fromDays: -30,
        untilDays: 180,
      });
    }
  });
  afterAll(() => t.close());

  /** A consent recorded now; it names the labour office, so social services' access stays as it was. */
  const consentInput = (youngPersonId: string, givenBy: string[]) => ({
    youngPersonId,
    givenBy,
    method: 'WRITTEN',
    purpose: 'Samverkan kring arbete',
    recipientOrganisationIds: [world.org.LABOUR_OFFICE],
    categories: ['IDENTITY'],
    validUntil: '2027-12-31T12:00:00Z',
  });
  const consentCount = async (youngPersonId: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM consent WHERE young_person_id = $1`, [
        youngPersonId,
      ])
    ).rows[0].n;

  it('it is already 15 May in Sweden, for the app and the database alike', async () => {
    expect(t.config.clock.now().toISOString().slice(0, 10)).toBe('2027-05-14');
    expect(t.config.clock.today()).toBe('2027-05-15');
    const { rows } = await t.db.query(`SELECT app_today()::text AS today`);
    expect(rows[0].today).toBe('2027-05-15');
  });

  describe('age in the young-people register', () => {
    it('the list shows her as 18 and the control as 17, and minAge 18 finds only her', async () => {
      const all = await t.gql(YOUNG_PEOPLE, { search: 'Artoni' }, coordinator.token);
      expect(all.errors).toBeUndefined();
      const ages = Object.fromEntries(
        all.data.youngPeople.edges.map((e: { node: { id: string; age: number } }) => [
          e.node.id,
          e.node.age,
        ]),
      );
      expect(ages).toEqual({ [adult]: 18, [child]: 17 });
      const adults = await t.gql(YOUNG_PEOPLE, { search: 'Artoni', minAge: 18 }, coordinator.token);
      expect(adults.data.youngPeople.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
        [adult],
      );
    });

    it('youngPerson shows the same ages', async () => {
      const her = await t.gql(YOUNG_PERSON, { id: adult }, coordinator.token);
      const control = await t.gql(YOUNG_PERSON, { id: child }, coordinator.token);
      expect(her.data.youngPerson.age).toBe(18);
      expect(control.data.youngPerson.age).toBe(17);
    });
  });

  describe('consent', () => {
    it("a guardian's consent alone is refused for her with CONSENT_REQUIRED, and nothing is saved", async () => {
      const before = await consentCount(adult);
      const res = await t.gql(
        RECORD_CONSENT,
        { input: consentInput(adult, ['ONE_GUARDIAN']) },
        coordinator.token,
      );
      expect(res.data?.recordConsent ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
      expect(res.errors?.[0].message).toContain("the young person's own consent (18 or over)");
      expect(await consentCount(adult)).toBe(before);
    });

    it('her own consent is accepted and in force', async () => {
      const res = await t.gql(
        RECORD_CONSENT,
        { input: consentInput(adult, ['YOUNG_PERSON']) },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.recordConsent).toMatchObject({
        state: 'IN_FORCE',
        givenBy: ['YOUNG_PERSON'],
      });
    });

    it("control, 17: a guardian's consent alone is accepted, her own alone is not", async () => {
      const guardian = await t.gql(
        RECORD_CONSENT,
        { input: consentInput(child, ['ONE_GUARDIAN']) },
        coordinator.token,
      );
      expect(guardian.errors).toBeUndefined();
      expect(guardian.data.recordConsent).toMatchObject({
        state: 'IN_FORCE',
        givenBy: ['ONE_GUARDIAN'],
      });
      const own = await t.gql(
        RECORD_CONSENT,
        { input: consentInput(child, ['YOUNG_PERSON']) },
        coordinator.token,
      );
      expect(own.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
      expect(own.errors?.[0].message).toContain("a guardian's consent");
    });

    it("the guardian's consent recorded a month ago is INSUFFICIENT for her, still IN_FORCE for the control", async () => {
      const her = await t.gql(
        CONSENT_STATE,
        { id: earlierGuardianConsent.adult },
        coordinator.token,
      );
      const control = await t.gql(
        CONSENT_STATE,
        { id: earlierGuardianConsent.child },
        coordinator.token,
      );
      expect(her.data.consent.state).toBe('INSUFFICIENT');
      expect(control.data.consent.state).toBe('IN_FORCE');
    });

    it('social services, named in that consent, can no longer read her, and still read the control', async () => {
      const her = await t.gql(YOUNG_PERSON, { id: adult }, social.token);
      expect(her.data?.youngPerson ?? null).toBeNull();
      expect(her.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const control = await t.gql(YOUNG_PERSON, { id: child }, social.token);
      expect(control.errors).toBeUndefined();
      expect(control.data.youngPerson).toMatchObject({ id: child, givenName: 'Test', age: 17 });
    });
  });

  describe('concern report (orosanmälan)', () => {
    const reportsAbout = async (youngPersonId: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM concern_report WHERE young_person_id = $1`,
          [youngPersonId],
        )
      ).rows[0].n;

    it('is refused for her with BAD_USER_INPUT, and nothing is saved', async () => {
      const res = await t.gql(
        SEND_CONCERN,
        { i: { youngPersonId: adult, description: 'Oro för hemsituationen' } },
        coordinator.token,
      );
      expect(res.data?.sendConcernReport ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('under 18');
      expect(await reportsAbout(adult)).toBe(0);
    });

    it('control, 17: is delivered to social services', async () => {
      const res = await t.gql(
        SEND_CONCERN,
        { i: { youngPersonId: child, description: 'Oro för hemsituationen' } },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.sendConcernReport).toMatchObject({
        delivered: true,
        receiverOrganisationIds: [world.org.SOCIAL_SERVICES],
      });
      expect(await reportsAbout(child)).toBe(1);
    });
  });
});
