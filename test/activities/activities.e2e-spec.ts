import { testClock } from '../support/clock';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id hostOrganisationId municipalityCode } }`;
const ATTENDANCE = `mutation($id: ID!, $input: AttendanceInput!) {
  reportAttendance(activityId: $id, input: $input) { total age15to17 firstTimers } }`;
const LIST = `{ activities(first: 50) { totalCount edges { node { id title attendance { total firstTimers } } } } }`;

const pastEvening = () => {
  const start = new Date(testClock.now().getTime() - 7 * 86_400_000);
  return {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
  };
};

describe('activities, attendance and summer jobs', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let association: TestUser;
  let otherAssociation: TestUser;
  let manager: TestUser;
  let malmoCoordinator: TestUser;
  let tbg: Awaited<ReturnType<typeof createWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    association = await createUser(t, tbg.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    const secondClub = await t.db.query(
      `INSERT INTO organisation (municipality_code, name, kind) VALUES ('1287', 'Second club', 'ASSOCIATION') RETURNING id`,
    );
    otherAssociation = await createUser(t, secondClub.rows[0].id, [Role.ASSOCIATION_LEADER]);
    manager = await createUser(t, tbg.org.YOUTH_TEAM, [Role.MANAGER]);
    malmoCoordinator = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
  });
  afterAll(() => t.close());

  it('an association leader hosts its own activity whatever host it names', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: {
          kind: 'OPEN_HALL',
          title: 'Öppen Hall: fotboll',
          ...pastEvening(),
          hostOrganisationId: tbg.org.SCHOOL,
        },
      },
      association.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createActivity).toMatchObject({
      hostOrganisationId: tbg.org.ASSOCIATION,
      municipalityCode: '1287',
    });
  });

  it('records attendance as counts and refuses bands larger than the total', async () => {
    const { data } = await t.gql(
      CREATE,
      { input: { kind: 'OPEN_HALL', title: 'Öppen Hall', ...pastEvening() } },
      association.token,
    );
    const id = data.createActivity.id;
    const bad = await t.gql(
      ATTENDANCE,
      { id, input: { total: 10, age15to17: 8, age18to20: 5, age21to25: 0, firstTimers: 2 } },
      association.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await t.gql(
      ATTENDANCE,
      { id, input: { total: 14, age15to17: 8, age18to20: 5, age21to25: 1, firstTimers: 3 } },
      association.token,
    );
    expect(ok.data.reportAttendance).toEqual({ total: 14, age15to17: 8, firstTimers: 3 });
    const listed = await t.gql(LIST, {}, manager.token);
    const node = listed.data.activities.edges.map((e: any) => e.node).find((n: any) => n.id === id);
    expect(node.attendance).toEqual({ total: 14, firstTimers: 3 });
  });

  it("another association cannot report on or cancel a club's activity (NOT_FOUND)", async () => {
    const { data } = await t.gql(
      CREATE,
      { input: { kind: 'THEME_EVENING', title: 'Temakväll', ...pastEvening() } },
      association.token,
    );
    const id = data.createActivity.id;
    const report = await t.gql(
      ATTENDANCE,
      { id, input: { total: 1, age15to17: 0, age18to20: 0, age21to25: 0, firstTimers: 0 } },
      otherAssociation.token,
    );
    expect(report.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const cancel = await t.gql(
      `mutation($id: ID!) { cancelActivity(id: $id) { cancelled } }`,
      { id },
      otherAssociation.token,
    );
    expect(cancel.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const byCoordinator = await t.gql(
      `mutation($id: ID!) { cancelActivity(id: $id) { cancelled } }`,
      { id },
      coordinator.token,
    );
    expect(byCoordinator.data.cancelActivity.cancelled).toBe(true);
  });

  it("another municipality sees none of Trelleborg's activities and cannot touch them", async () => {
    const { data } = await t.gql(
      CREATE,
      { input: { kind: 'JOB_FAIR', title: 'Rekryteringsmässa', ...pastEvening() } },
      coordinator.token,
    );
    const listed = await t.gql(LIST, {}, malmoCoordinator.token);
    expect(listed.data.activities.totalCount).toBe(0);
    const cancel = await t.gql(
      `mutation($id: ID!) { cancelActivity(id: $id) { cancelled } }`,
      { id: data.createActivity.id },
      malmoCoordinator.token,
    );
    expect(cancel.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a manager reads but cannot create activities', async () => {
    const res = await t.gql(
      CREATE,
      { input: { kind: 'OPEN_HALL', title: 'x', ...pastEvening() } },
      manager.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('the summer-job challenge compares business with municipality positions', async () => {
    const save = `mutation($input: SummerJobOfferInput!) { saveSummerJobOffer(input: $input) { id positions } }`;
    const offers = [
      {
        sector: 'MUNICIPALITY',
        employerName: 'Trelleborgs kommun',
        positions: 305,
        placements: 290,
      },
      { sector: 'BUSINESS', employerName: 'TFF-nätverket', positions: 180, placements: 150 },
      { sector: 'BUSINESS', employerName: 'Hamnen AB', positions: 60, placements: 40 },
      { sector: 'ASSOCIATION', employerName: 'Trelleborgs FF', positions: 12, placements: 12 },
    ];
    for (const o of offers) {
      const res = await t.gql(save, { input: { year: 2026, ...o } }, coordinator.token);
      expect(res.errors).toBeUndefined();
    }
    // Correcting an offer replaces it instead of adding a second row.
    await t.gql(
      save,
      {
        input: {
          year: 2026,
          sector: 'BUSINESS',
          employerName: 'Hamnen AB',
          positions: 70,
          placements: 40,
        },
      },
      coordinator.token,
    );
    const q = `{ summerJobChallenge(year: 2026) { municipalityPositions businessPositions associationPositions placements challengeMet businessToMunicipalityRatio } }`;
    const res = await t.gql(q, {}, manager.token);
    expect(res.data.summerJobChallenge).toEqual({
      municipalityPositions: 305,
      businessPositions: 250,
      associationPositions: 12,
      placements: 492,
      challengeMet: false,
      businessToMunicipalityRatio: 0.82,
    });
    const malmo = await t.gql(q, {}, malmoCoordinator.token);
    expect(malmo.data.summerJobChallenge.municipalityPositions).toBe(0);
    const byAssociation = await t.gql(
      save,
      { input: { year: 2026, ...offers[0] } },
      association.token,
    );
    expect(byAssociation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an association reports membership growth, seen by the youth team but not by other clubs', async () => {
    const report = `mutation { reportMembership(input: { periodStart: "2026-01-01", periodEnd: "2026-06-30", membersBefore: 120, membersAfter: 134 }) { growth } }`;
    const res = await t.gql(report, {}, association.token);
    expect(res.data.reportMembership.growth).toBe(14);
    const again = await t.gql(report, {}, association.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const seen = await t.gql(
      `{ membershipReports { organisationId growth } }`,
      {},
      coordinator.token,
    );
    expect(seen.data.membershipReports).toEqual([
      { organisationId: tbg.org[OrganisationKind.ASSOCIATION], growth: 14 },
    ]);
    const other = await t.gql(`{ membershipReports { growth } }`, {}, otherAssociation.token);
    expect(other.data.membershipReports).toEqual([]);
  });
});
