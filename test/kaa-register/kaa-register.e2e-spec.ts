import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  day,
  insertPeriod,
  insertPerson,
  insertSchooling,
  lastLogId,
  logRowsSince,
} from '../young-people/fixtures';

const REGISTER = `query($id: ID!) { youngPerson(id: $id) {
  inKaa known currentOccupation { category }
  kaaPeriods { id open entryReason exitReason exitDate responsibleUserId nextFollowUpDate }
  occupations { category validFrom source recordedBy }
  measures { id type status planId startDate endDate endReason }
  kaaPlans { id current { version goal } versions { version goal revisionReason nextFollowUpDate
    responsibilities { party actorName task followUpDate } } }
  kaaClosures { kind occupationTitle programme measureId closedOn }
} }`;

const gqlOf =
  (t: TestApp) => async (query: string, variables: Record<string, unknown>, u: TestUser) => {
    const res = await t.gql(query, variables, u.token);
    return res;
  };

describe('KAA register', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let person: string;
  let gql: ReturnType<typeof gqlOf>;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    gql = gqlOf(t);
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    manager = await createUser(t, tbg.org.YOUTH_TEAM, [Role.MANAGER]);
    person = await insertPerson(t, { givenName: 'Kim', familyName: 'Register', age: 18 });
  });

  afterAll(() => t.close());

  it('opens a period, records occupations, measures, a plan and its revision, and a closure', async () => {
    const open = await gql(
      `mutation($id: ID!, $d: String!) { openKaaPeriod(input: { youngPersonId: $id, entryDate: $d, entryReason: INTERRUPTED_STUDIES, nextFollowUpDate: $d }) { id open responsibleUserId } }`,
      { id: person, d: day(-20) },
      coordinator,
    );
    expect(open.errors).toBeUndefined();
    expect(open.data.openKaaPeriod).toMatchObject({
      open: true,
      responsibleUserId: coordinator.id,
    });
    made.period = open.data.openKaaPeriod.id;

    const again = await gql(
      `mutation($id: ID!, $d: String!) { openKaaPeriod(input: { youngPersonId: $id, entryDate: $d, entryReason: MOVED_IN }) { id } }`,
      { id: person, d: day(-1) },
      coordinator,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const occ = await gql(
      `mutation($id: ID!, $d: String!) { recordOccupation(input: { youngPersonId: $id, category: UNKNOWN, validFrom: $d, source: POPULATION_REGISTER }) { category recordedBy } }`,
      { id: person, d: day(-20) },
      coordinator,
    );
    expect(occ.data.recordOccupation).toEqual({ category: 'UNKNOWN', recordedBy: coordinator.id });

    const measure = await gql(
      `mutation($id: ID!, $d: String!) { addMeasure(input: { youngPersonId: $id, type: INTERNSHIP, provider: "Restaurang Hamnen", offeredOn: $d }) { id status planId } }`,
      { id: person, d: day(-15) },
      coordinator,
    );
    expect(measure.data.addMeasure).toMatchObject({ status: 'OFFERED', planId: null });
    made.measure = measure.data.addMeasure.id;

    const plan = await gql(
      `mutation($id: ID!, $f: String!) { createKaaPlan(input: { youngPersonId: $id, goal: "Ett jobb inom restaurang före sommaren", nextFollowUpDate: $f,
         responsibilities: [ { party: YOUNG_PERSON, task: "Gå på praktiken varje dag" },
                             { party: MUNICIPALITY, task: "Ordna praktikplats", followUpDate: $f },
                             { party: OTHER_ACTOR, actorName: "Arbetsförmedlingen", task: "Utreda lönestöd" } ] }) {
         id current { version } } }`,
      { id: person, f: day(14) },
      coordinator,
    );
    expect(plan.errors).toBeUndefined();
    made.plan = plan.data.createKaaPlan.id;

    const started = await gql(
      `mutation($id: ID!, $d: String!) { updateMeasure(id: $id, input: { status: ONGOING, startDate: $d }) { status planId } }`,
      { id: made.measure, d: day(-10) },
      coordinator,
    );
    expect(started.data.updateMeasure).toEqual({ status: 'ONGOING', planId: made.plan });

    const badJump = await gql(
      `mutation($id: ID!) { updateMeasure(id: $id, input: { status: OFFERED }) { status } }`,
      { id: made.measure },
      coordinator,
    );
    expect(badJump.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const noReason = await gql(
      `mutation($id: ID!, $d: String!) { updateMeasure(id: $id, input: { status: COMPLETED, endDate: $d }) { status } }`,
      { id: made.measure, d: day(-2) },
      coordinator,
    );
    expect(noReason.errors?.[0].message).toMatch(/endReason/);

    const done = await gql(
      `mutation($id: ID!, $d: String!) { updateMeasure(id: $id, input: { status: COMPLETED, endDate: $d, endReason: STARTED_WORK }) { status endReason } }`,
      { id: made.measure, d: day(-2) },
      coordinator,
    );
    expect(done.data.updateMeasure).toEqual({ status: 'COMPLETED', endReason: 'STARTED_WORK' });

    const revised = await gql(
      `mutation($id: ID!, $f: String!) { reviseKaaPlan(id: $id, input: { goal: "Behålla anställningen", revisionReason: "Praktiken ledde till anställning", nextFollowUpDate: $f,
         responsibilities: [ { party: YOUNG_PERSON, task: "Hålla kontakten" } ] }) { current { version goal } versions { version } } }`,
      { id: made.plan, f: day(30) },
      coordinator,
    );
    expect(revised.data.reviseKaaPlan.current).toEqual({
      version: 2,
      goal: 'Behålla anställningen',
    });
    expect(revised.data.reviseKaaPlan.versions.map((v: any) => v.version)).toEqual([1, 2]);

    const closure = await gql(
      `mutation($id: ID!, $m: ID!, $d: String!) { recordKaaClosure(input: { youngPersonId: $id, kind: WORK, occupationTitle: "restaurangbiträde", closedOn: $d, measureId: $m }) { kind occupationTitle measureId } }`,
      { id: person, m: made.measure, d: day(-1) },
      coordinator,
    );
    expect(closure.data.recordKaaClosure).toEqual({
      kind: 'WORK',
      occupationTitle: 'restaurangbiträde',
      measureId: made.measure,
    });
    const noTitle = await gql(
      `mutation($id: ID!, $d: String!) { recordKaaClosure(input: { youngPersonId: $id, kind: WORK, closedOn: $d }) { kind } }`,
      { id: person, d: day(-1) },
      coordinator,
    );
    expect(noTitle.errors?.[0].message).toMatch(/occupationTitle/);

    await gql(
      `mutation($id: ID!, $d: String!) { recordOccupation(input: { youngPersonId: $id, category: WORK, validFrom: $d, source: YOUNG_PERSON }) { category } }`,
      { id: person, d: day(-1) },
      coordinator,
    );

    const view = await gql(REGISTER, { id: person }, coordinator);
    expect(view.errors).toBeUndefined();
    const p = view.data.youngPerson;
    expect(p).toMatchObject({ inKaa: true, known: true, currentOccupation: { category: 'WORK' } });
    expect(p.occupations.map((o: any) => o.category)).toEqual(['WORK', 'UNKNOWN']);
    expect(p.kaaPlans[0].versions[0]).toMatchObject({
      version: 1,
      revisionReason: null,
      responsibilities: [
        { party: 'YOUNG_PERSON', actorName: null },
        { party: 'MUNICIPALITY', followUpDate: day(14) },
        { party: 'OTHER_ACTOR', actorName: 'Arbetsförmedlingen' },
      ],
    });
    expect(p.kaaPlans[0].versions[1].revisionReason).toBe('Praktiken ledde till anställning');
    // The plan's follow-up date is the period's next follow-up (the work list's date).
    expect(p.kaaPeriods[0].nextFollowUpDate).toBe(day(30));
    expect(p.kaaClosures).toHaveLength(1);

    const closed = await gql(
      `mutation($id: ID!, $d: String!) { closeKaaPeriod(id: $id, input: { exitDate: $d, exitReason: OTHER }) { open exitReason } }`,
      { id: made.period, d: day(0) },
      coordinator,
    );
    expect(closed.data.closeKaaPeriod).toEqual({ open: false, exitReason: 'OTHER' });
  });

  it('keeps plan versions immutable in the database', async () => {
    await expect(
      t.db.query(`UPDATE kaa_plan_version SET goal = 'x' WHERE plan_id = $1`, [made.plan]),
    ).rejects.toThrow(/immutable/);
  });

  describe('a Malmö coordinator gets NOT_FOUND on every KAA mutation and sees nothing', () => {
    const cases: [string, string, () => Record<string, unknown>][] = [
      [
        'openKaaPeriod',
        `mutation($id: ID!) { openKaaPeriod(input: { youngPersonId: $id, entryDate: "2025-01-01", entryReason: NEVER_STARTED }) { id } }`,
        () => ({ id: person }),
      ],
      [
        'closeKaaPeriod',
        `mutation($id: ID!) { closeKaaPeriod(id: $id, input: { exitDate: "2030-01-01", exitReason: OTHER }) { id } }`,
        () => ({ id: made.period }),
      ],
      [
        'recordOccupation',
        `mutation($id: ID!) { recordOccupation(input: { youngPersonId: $id, category: WORK, validFrom: "2025-01-01", source: OTHER }) { id } }`,
        () => ({ id: person }),
      ],
      [
        'addMeasure',
        `mutation($id: ID!) { addMeasure(input: { youngPersonId: $id, type: COACHING, provider: "X", offeredOn: "2025-01-01" }) { id } }`,
        () => ({ id: person }),
      ],
      [
        'updateMeasure',
        `mutation($id: ID!) { updateMeasure(id: $id, input: { provider: "Y" }) { id } }`,
        () => ({ id: made.measure }),
      ],
      [
        'createKaaPlan',
        `mutation($id: ID!) { createKaaPlan(input: { youngPersonId: $id, goal: "G", responsibilities: [{ party: YOUNG_PERSON, task: "T" }] }) { id } }`,
        () => ({ id: person }),
      ],
      [
        'reviseKaaPlan',
        `mutation($id: ID!) { reviseKaaPlan(id: $id, input: { goal: "G", revisionReason: "R", responsibilities: [{ party: YOUNG_PERSON, task: "T" }] }) { id } }`,
        () => ({ id: made.plan }),
      ],
      [
        'recordKaaClosure',
        `mutation($id: ID!) { recordKaaClosure(input: { youngPersonId: $id, kind: OTHER, closedOn: "2025-01-01" }) { id } }`,
        () => ({ id: person }),
      ],
    ];

    it.each(cases)('%s', async (_name, query, vars) => {
      const before = await t.db.query(
        `SELECT (SELECT count(*) FROM kaa_period) + (SELECT count(*) FROM occupation) + (SELECT count(*) FROM kaa_measure)
           + (SELECT count(*) FROM kaa_plan_version) + (SELECT count(*) FROM kaa_closure) AS n,
           (SELECT provider FROM kaa_measure WHERE id = $1) AS provider`,
        [made.measure],
      );
      const since = await lastLogId(t);
      const res = await gql(query, vars(), malmo);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const after = await t.db.query(
        `SELECT (SELECT count(*) FROM kaa_period) + (SELECT count(*) FROM occupation) + (SELECT count(*) FROM kaa_measure)
           + (SELECT count(*) FROM kaa_plan_version) + (SELECT count(*) FROM kaa_closure) AS n,
           (SELECT provider FROM kaa_measure WHERE id = $1) AS provider`,
        [made.measure],
      );
      expect(after.rows[0]).toEqual(before.rows[0]);
      expect(await logRowsSince(t, since)).toHaveLength(0);
      // Other organisation kinds cannot even ask.
      const school = await gql(query, vars(), counsellor);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(school.errors?.[0].extensions?.code);
    });

    it('register rule queries are empty for others', async () => {
      for (const u of [malmo, counsellor, manager]) {
        const res = await gql(
          `{ kaaRegisterCandidates { totalCount } kaaRegisterLeavers { totalCount } }`,
          {},
          u,
        );
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({
          kaaRegisterCandidates: { totalCount: 0 },
          kaaRegisterLeavers: { totalCount: 0 },
        });
      }
    });
  });

  it('a move to another municipality ends the view but keeps the period to close as MOVED_AWAY', async () => {
    const mover = await insertPerson(t, { familyName: 'Mover', age: 17 });
    const period = await insertPeriod(t, mover);
    const moved = await gql(
      `mutation($id: ID!) { updateYoungPerson(id: $id, input: { homeMunicipalityCode: "1280" }) { id homeMunicipalityCode familyName } }`,
      { id: mover },
      coordinator,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateYoungPerson).toEqual({
      id: mover,
      homeMunicipalityCode: '1280',
      familyName: 'Mover',
    });
    const get = await gql(
      `query($id: ID!) { youngPerson(id: $id) { id } }`,
      { id: mover },
      coordinator,
    );
    expect(get.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const leavers = await gql(
      `{ kaaRegisterLeavers { edges { node { kaaPeriodId suggestedExitReason } } } }`,
      {},
      coordinator,
    );
    expect(leavers.data.kaaRegisterLeavers.edges.map((e: any) => e.node)).toContainEqual({
      kaaPeriodId: period,
      suggestedExitReason: 'MOVED_AWAY',
    });
    const closed = await gql(
      `mutation($id: ID!, $d: String!) { closeKaaPeriod(id: $id, input: { exitDate: $d, exitReason: MOVED_AWAY }) { open } }`,
      { id: period, d: day(0) },
      coordinator,
    );
    expect(closed.data.closeKaaPeriod).toEqual({ open: false });
    // The new home municipality's team now sees the person, but not Trelleborg's register.
    const malmoView = await gql(
      `query($id: ID!) { youngPerson(id: $id) { familyName inKaa kaaPeriods { id } } }`,
      { id: mover },
      malmo,
    );
    expect(malmoView.data.youngPerson).toEqual({
      familyName: 'Mover',
      inKaa: false,
      kaaPeriods: [],
    });
  });

  it('logs exactly one entry per change with the young person id and STATUTORY_DUTY', async () => {
    const since = await lastLogId(t);
    await gql(
      `mutation($id: ID!, $d: String!) { recordOccupation(input: { youngPersonId: $id, category: STUDIES, validFrom: $d, source: SCHOOL }) { id } }`,
      { id: person, d: day(0) },
      coordinator,
    );
    const rows = await logRowsSince(t, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'CREATE',
      subject_type: 'OCCUPATION',
      legal_basis: 'STATUTORY_DUTY',
      young_person_ids: [person],
    });
  });
});

describe('KAA register rules', () => {
  let t: TestApp;
  let coordinator: TestUser;
  const p: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    const mk = async (key: string, age: number, municipality = '1287') => {
      p[key] = await insertPerson(t, { familyName: key, age, municipality });
    };
    // Should be in the register (not yet):
    await mk('inNeverStarted', 17);
    await insertSchooling(t, p.inNeverStarted, { type: 'COMPULSORY', status: 'COMPLETED' });
    await mk('inInterrupted', 18);
    await insertSchooling(t, p.inInterrupted, { type: 'NATIONAL', status: 'INTERRUPTED' });
    await mk('inIntroduction', 16);
    await insertSchooling(t, p.inIntroduction, { type: 'INTRODUCTION', status: 'ACTIVE' });
    // Should not:
    await mk('outNational', 17);
    await insertSchooling(t, p.outNational, { type: 'NATIONAL', status: 'ACTIVE' });
    await mk('outCompleted', 19);
    await insertSchooling(t, p.outCompleted, { type: 'NATIONAL', status: 'COMPLETED' });
    await mk('outTwenty', 20);
    await insertSchooling(t, p.outTwenty, { type: 'COMPULSORY', status: 'COMPLETED' });
    await mk('outStillCompulsory', 15);
    await insertSchooling(t, p.outStillCompulsory, { type: 'COMPULSORY', status: 'ACTIVE' });
    await mk('outNoSchooling', 17);
    await mk('outAlreadyIn', 17);
    await insertSchooling(t, p.outAlreadyIn, { type: 'COMPULSORY', status: 'COMPLETED' });
    await insertPeriod(t, p.outAlreadyIn);
    await mk('outMalmo', 17, '1280');
    await insertSchooling(t, p.outMalmo, { type: 'COMPULSORY', status: 'COMPLETED' });
    // Open periods that should end:
    await mk('leaveTwenty', 20);
    await insertPeriod(t, p.leaveTwenty);
    p.leaveMoved = await insertPerson(t, {
      familyName: 'leaveMoved',
      age: 18,
      municipality: '1280',
    });
    await insertPeriod(t, p.leaveMoved, { municipality: '1287' });
    await mk('leaveStudies', 17);
    await insertSchooling(t, p.leaveStudies, { type: 'NATIONAL', status: 'ACTIVE' });
    await insertPeriod(t, p.leaveStudies);
    await mk('stayIntroduction', 17);
    await insertSchooling(t, p.stayIntroduction, { type: 'INTRODUCTION', status: 'ACTIVE' });
    await insertPeriod(t, p.stayIntroduction);
    // Turns 20 tomorrow: still belongs today.
    p.stayAlmost = await insertPerson(t, {
      familyName: 'stayAlmost',
      birthDate: birthDateForAge(20, -1),
    });
    await insertPeriod(t, p.stayAlmost);
    // A closed period that is long over does not count.
    await mk('closedTwenty', 21);
    await insertPeriod(t, p.closedTwenty, {
      entryDate: day(-700),
      exitDate: day(-300),
      exitReason: 'TURNED_20',
    });
  });

  afterAll(() => t.close());

  it('lists who should be in the register but is not', async () => {
    const res = await t.gql(
      `{ kaaRegisterCandidates(first: 100) { totalCount edges { node { familyName suggestedEntryReason age } } } }`,
      {},
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const got = res.data.kaaRegisterCandidates.edges.map((e: any) => [
      e.node.familyName,
      e.node.suggestedEntryReason,
    ]);
    expect(got).toEqual([
      ['inInterrupted', 'INTERRUPTED_STUDIES'],
      ['inIntroduction', 'NEVER_STARTED'],
      ['inNeverStarted', 'NEVER_STARTED'],
    ]);
    expect(res.data.kaaRegisterCandidates.totalCount).toBe(3);
  });

  it('lists who should leave, with the reason', async () => {
    const res = await t.gql(
      `{ kaaRegisterLeavers(first: 100) { totalCount edges { node { familyName suggestedExitReason homeMunicipalityCode } } } }`,
      {},
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const got = res.data.kaaRegisterLeavers.edges.map((e: any) => [
      e.node.familyName,
      e.node.suggestedExitReason,
    ]);
    expect(got).toEqual([
      ['leaveMoved', 'MOVED_AWAY'],
      ['leaveStudies', 'STARTED_STUDIES'],
      ['leaveTwenty', 'TURNED_20'],
    ]);
  });

  it('paginates the rule lists and logs one entry per page', async () => {
    const since = await lastLogId(t);
    const first = await t.gql(
      `{ kaaRegisterCandidates(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { youngPersonId familyName } } } }`,
      {},
      coordinator.token,
    );
    const page = first.data.kaaRegisterCandidates;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rows = await logRowsSince(t, since);
    expect(rows).toHaveLength(1);
    expect(rows[0].young_person_ids.sort()).toEqual(
      page.edges.map((e: any) => e.node.youngPersonId).sort(),
    );
    const second = await t.gql(
      `query($after: String) { kaaRegisterCandidates(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { familyName } } } }`,
      { after: page.pageInfo.endCursor },
      coordinator.token,
    );
    expect(second.data.kaaRegisterCandidates.edges.map((e: any) => e.node.familyName)).toEqual([
      'inNeverStarted',
    ]);
    expect(second.data.kaaRegisterCandidates.pageInfo.hasNextPage).toBe(false);
  });
});
