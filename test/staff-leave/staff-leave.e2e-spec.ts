import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createYoungPerson } from '../cases/fixtures';
import { seedEverything } from '../register-extract/seed-everything';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const REASSIGN = `mutation($from: ID!, $to: ID!) {
  reassignStaffWork(input: { fromUserId: $from, toUserId: $to }) {
    fromUserId toUserId cases tasks referrals riskFlags kaaPeriods
  }
}`;

const PREVIEW = `query($from: ID!, $to: ID) {
  staffWorkPreview(fromUserId: $from, toUserId: $to) {
    fromUserId toUserId cases tasks referrals riskFlags kaaPeriods
  }
}`;

describe('staff leave: reassign all open work', () => {
  let t: TestApp;
  let O: Record<OrganisationKind, string>;
  let leaver: TestUser;
  let colleague: TestUser;
  let inactive: TestUser;
  let managerInTeam: TestUser;
  let orgAdmin: TestUser;
  let schoolAdmin: TestUser;
  let muniAdmin: TestUser;
  let malmoAdmin: TestUser;
  let auditor: TestUser;
  let socialWorker: TestUser;
  let schoolLeaver: TestUser;
  let schoolColleague: TestUser;
  let schoolCoordinator: TestUser;
  const people: string[] = [];
  let closedCaseId: string;
  let doneTaskId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    O = w.org;
    const Y = O[OrganisationKind.YOUTH_TEAM];
    const S = O[OrganisationKind.SCHOOL];
    leaver = await createUser(t, Y, [Role.YOUTH_COORDINATOR]);
    colleague = await createUser(t, Y, [Role.YOUTH_COORDINATOR]);
    inactive = await createUser(t, Y, [Role.YOUTH_COORDINATOR]);
    await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [inactive.id]);
    managerInTeam = await createUser(t, Y, [Role.MANAGER]);
    orgAdmin = await createUser(t, Y, [Role.ORG_ADMIN]);
    schoolAdmin = await createUser(t, S, [Role.ORG_ADMIN]);
    muniAdmin = await createUser(t, O[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    malmoAdmin = await createUser(t, mmo.org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]);
    auditor = await createUser(t, O[OrganisationKind.OTHER], [Role.AUDITOR]);
    socialWorker = await createUser(t, O[OrganisationKind.SOCIAL_SERVICES], [Role.SOCIAL_WORKER]);
    schoolLeaver = await createUser(t, S, [Role.COUNSELLOR]);
    schoolColleague = await createUser(t, S, [Role.COUNSELLOR]);
    schoolCoordinator = await createUser(t, S, [Role.YOUTH_COORDINATOR]);
    for (let i = 0; i < 2; i++) {
      const id = await createYoungPerson(t, '1287', 17);
      people.push(id);
      // Per person: an open KAA period, an open case led, an open task, a SENT referral
      // (leaver) and an OPEN risk flag raised by the school leaver.
      await seedEverything(t, {
        youngPersonId: id,
        municipalityCode: '1287',
        youthOrgId: Y,
        youthUserId: leaver.id,
        schoolOrgId: S,
        schoolUserId: schoolLeaver.id,
        socialOrgId: O[OrganisationKind.SOCIAL_SERVICES],
        socialUserId: socialWorker.id,
      });
    }
    // Closed work stays where it is.
    closedCaseId = (
      await t.db.query(
        `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by,
            status, closure_outcome, closed_at, closed_by)
         VALUES ($1, '1287', $2, $3, 'Closed', $3, 'CLOSED', 'WORK', app_now(), $3) RETURNING id`,
        [people[0], Y, leaver.id],
      )
    ).rows[0].id;
    doneTaskId = (
      await t.db.query(
        `INSERT INTO case_task (case_id, title, owner_organisation_id, owner_user_id, due_date, status, completed_at, completed_by)
         VALUES ($1, 'Done', $2, $3, app_today(), 'DONE', app_now(), $3) RETURNING id`,
        [closedCaseId, Y, leaver.id],
      )
    ).rows[0].id;
    // A resolved flag and a flag someone else is responsible for stay too.
    await t.db.query(
      `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by, status)
       VALUES ($1, $2, '1287', ARRAY['OTHER'], 'LOW', $3, 'RESOLVED')`,
      [people[0], S, schoolLeaver.id],
    );
    await t.db.query(
      `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by, responsible_user_id)
       VALUES ($1, $2, '1287', ARRAY['OTHER'], 'LOW', $3, $4)`,
      [people[0], S, schoolLeaver.id, schoolColleague.id],
    );
  });

  afterAll(() => t.close());

  async function snapshot(userId = leaver.id) {
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM joint_case WHERE lead_user_id = $1)::int AS cases,
              (SELECT count(*) FROM case_task WHERE owner_user_id = $1)::int AS tasks,
              (SELECT count(*) FROM referral WHERE sender_user_id = $1)::int AS referrals,
              (SELECT count(*) FROM kaa_period WHERE responsible_user_id = $1)::int AS periods,
              (SELECT count(*) FROM access_log WHERE action = 'UPDATE' AND legal_basis = 'ADMINISTRATION')::int AS logs`,
      [userId],
    );
    return rows[0];
  }

  const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
    res.errors?.[0].extensions?.code;

  it('non-admins are FORBIDDEN', async () => {
    for (const user of [colleague, managerInTeam, auditor, socialWorker]) {
      const res = await t.gql(REASSIGN, { from: leaver.id, to: colleague.id }, user.token);
      expect(code(res)).toBe('FORBIDDEN');
    }
  });

  it('an admin of another organisation or municipality gets NOT_FOUND', async () => {
    const before = await snapshot();
    for (const admin of [schoolAdmin, malmoAdmin]) {
      const res = await t.gql(REASSIGN, { from: leaver.id, to: colleague.id }, admin.token);
      expect(code(res)).toBe('NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a receiver in another organisation is NOT_FOUND, even for the municipality admin', async () => {
    for (const admin of [orgAdmin, muniAdmin]) {
      const res = await t.gql(REASSIGN, { from: leaver.id, to: socialWorker.id }, admin.token);
      expect(code(res)).toBe('NOT_FOUND');
    }
  });

  it('refuses an inactive receiver, one without a case-working role, and the leaver itself', async () => {
    const before = await snapshot();
    for (const to of [inactive.id, managerInTeam.id, leaver.id]) {
      const res = await t.gql(REASSIGN, { from: leaver.id, to }, orgAdmin.token);
      expect(code(res)).toBe('BAD_USER_INPUT');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a receiver without the role the work needs (flags need a counsellor)', async () => {
    const res = await t.gql(
      REASSIGN,
      { from: schoolLeaver.id, to: schoolCoordinator.id },
      muniAdmin.token,
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
  });

  it('is all-or-nothing: a failure on the last kind leaves everything unchanged', async () => {
    const before = await snapshot();
    await t.db.query(`
      CREATE FUNCTION test_refuse_period_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await t.db.query(`
      CREATE TRIGGER test_refuse_period_update BEFORE UPDATE ON kaa_period
      FOR EACH ROW EXECUTE FUNCTION test_refuse_period_update()`);
    try {
      const res = await t.gql(REASSIGN, { from: leaver.id, to: colleague.id }, orgAdmin.token);
      expect(res.errors).toBeDefined();
    } finally {
      await t.db.query(`DROP TRIGGER test_refuse_period_update ON kaa_period`);
      await t.db.query(`DROP FUNCTION test_refuse_period_update()`);
    }
    expect(before).toMatchObject({ cases: 3, tasks: 3, referrals: 2, periods: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('the preview is refused as the move is: FORBIDDEN for non-admins, NOT_FOUND out of reach', async () => {
    for (const user of [colleague, managerInTeam, auditor, socialWorker]) {
      const res = await t.gql(PREVIEW, { from: leaver.id }, user.token);
      expect([user.email, code(res)]).toEqual([user.email, 'FORBIDDEN']);
      expect(res.data).toBeNull();
    }
    for (const admin of [schoolAdmin, malmoAdmin]) {
      const res = await t.gql(PREVIEW, { from: leaver.id, to: colleague.id }, admin.token);
      expect(code(res)).toBe('NOT_FOUND');
      const alone = await t.gql(PREVIEW, { from: leaver.id }, admin.token);
      expect(code(alone)).toBe('NOT_FOUND');
    }
    // A receiver in another organisation, the leaver itself, an inactive one, one without
    // a case-working role, one without the role the work needs: as reassignStaffWork says.
    expect(
      code(await t.gql(PREVIEW, { from: leaver.id, to: socialWorker.id }, muniAdmin.token)),
    ).toBe('NOT_FOUND');
    for (const to of [inactive.id, managerInTeam.id, leaver.id])
      expect(code(await t.gql(PREVIEW, { from: leaver.id, to }, orgAdmin.token))).toBe(
        'BAD_USER_INPUT',
      );
    expect(
      code(
        await t.gql(PREVIEW, { from: schoolLeaver.id, to: schoolCoordinator.id }, muniAdmin.token),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(PREVIEW, { from: 'not-a-uuid' }, orgAdmin.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  let previewed: unknown;
  it('previews exactly what moves, with or without a receiver, and changes nothing', async () => {
    const LEAVER_WORK = {
      fromUserId: leaver.id,
      toUserId: colleague.id,
      ...{ cases: 2, tasks: 2, referrals: 2, riskFlags: 0, kaaPeriods: 2 },
    };
    const before = await snapshot();
    const { rows: notes } = await t.db.query(`SELECT count(*)::int AS n FROM notification`);
    for (const admin of [orgAdmin, muniAdmin]) {
      const res = await t.gql(PREVIEW, { from: leaver.id, to: colleague.id }, admin.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.staffWorkPreview).toEqual(LEAVER_WORK);
      previewed = res.data.staffWorkPreview;
    }
    const alone = await t.gql(PREVIEW, { from: schoolLeaver.id }, muniAdmin.token);
    expect(alone.data.staffWorkPreview).toEqual({
      fromUserId: schoolLeaver.id,
      toUserId: null,
      cases: 0,
      tasks: 0,
      referrals: 0,
      riskFlags: 2,
      kaaPeriods: 0,
    });
    expect(await snapshot()).toEqual(before);
    const { rows: notesAfter } = await t.db.query(`SELECT count(*)::int AS n FROM notification`);
    expect(notesAfter[0].n).toBe(notes[0].n);
  });

  it('moves every open item to the colleague, logs it and returns the counts', async () => {
    const res = await t.gql(REASSIGN, { from: leaver.id, to: colleague.id }, orgAdmin.token);
    expect(res.errors).toBeUndefined();
    // What moved is what the preview (the test before) said would move.
    expect(res.data.reassignStaffWork).toEqual(previewed);
    const after = await snapshot();
    // Only the closed case and the done task stay with the leaver; the colleague holds the rest.
    expect(after).toMatchObject({ cases: 1, tasks: 1, referrals: 0, periods: 0 });
    expect(await snapshot(colleague.id)).toMatchObject({
      cases: 2,
      tasks: 2,
      referrals: 2,
      periods: 2,
    });
    const closed = await t.db.query(`SELECT lead_user_id FROM joint_case WHERE id = $1`, [
      closedCaseId,
    ]);
    expect(closed.rows[0].lead_user_id).toBe(leaver.id);
    const done = await t.db.query(`SELECT owner_user_id FROM case_task WHERE id = $1`, [
      doneTaskId,
    ]);
    expect(done.rows[0].owner_user_id).toBe(leaver.id);
    const logs = await t.db.query(
      `SELECT subject_type, young_person_ids, fields, actor_user_id FROM access_log
        WHERE action = 'UPDATE' AND legal_basis = 'ADMINISTRATION' ORDER BY subject_type`,
    );
    expect(logs.rows.map((r) => r.subject_type)).toEqual([
      'CASE_TASK',
      'JOINT_CASE',
      'KAA_PERIOD',
      'REFERRAL',
    ]);
    for (const row of logs.rows) {
      expect([...row.young_person_ids].sort()).toEqual([...people].sort());
      expect(row.actor_user_id).toBe(orgAdmin.id);
    }
    const note = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'WORK_REASSIGNED'`,
      [colleague.id],
    );
    expect(note.rows[0].n).toBe(1);
  });

  it('a second run moves nothing', async () => {
    const res = await t.gql(REASSIGN, { from: leaver.id, to: colleague.id }, orgAdmin.token);
    expect(res.data.reassignStaffWork).toMatchObject({
      cases: 0,
      tasks: 0,
      referrals: 0,
      riskFlags: 0,
      kaaPeriods: 0,
    });
  });

  it('the municipality admin moves a counsellor’s open flags, not resolved or others’ ones', async () => {
    const res = await t.gql(
      REASSIGN,
      { from: schoolLeaver.id, to: schoolColleague.id },
      muniAdmin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.reassignStaffWork.riskFlags).toBe(2);
    const { rows } = await t.db.query(
      `SELECT status, responsible_user_id FROM risk_flag WHERE raised_by = $1 ORDER BY status`,
      [schoolLeaver.id],
    );
    expect(rows.filter((r) => r.responsible_user_id === schoolColleague.id)).toHaveLength(3);
    expect(rows.find((r) => r.status === 'RESOLVED')?.responsible_user_id).toBeNull();
  });
});
