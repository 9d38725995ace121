import { AlertsJob } from '../../src/alerts/alerts.job';
import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson, insertCase, insertConsent, insertNote } from './fixtures';

const CASE = `query($id: ID!) { case(id: $id) { id status participants { organisationId role }
  latestNotes(limit: 5) { id category restricted body authorOrganisationId } } }`;

describe('joint cases: consent-driven access', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createWorld>>;
  let coordinator: TestUser;
  let social: TestUser;
  let liaison: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t, '1287');
    coordinator = await createUser(t, world.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, world.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    liaison = await createUser(t, world.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    manager = await createUser(t, world.org.YOUTH_TEAM, [Role.MANAGER]);
  });
  afterAll(() => t.close());

  async function caseWithConsent(
    categories: string[],
    opts: { givenBy?: string[]; years?: number; days?: number } = {},
  ) {
    const yp = await createYoungPerson(t, '1287', opts.years ?? 17, opts.days ?? 30);
    const caseId = await insertCase(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      leadOrganisationId: world.org.YOUTH_TEAM,
      leadUserId: coordinator.id,
      participants: [world.org.SOCIAL_SERVICES, world.org.LABOUR_OFFICE],
    });
    const consentId = await insertConsent(t, {
      youngPersonId: yp,
      municipalityCode: '1287',
      documentedByUserId: coordinator.id,
      documentedByOrganisationId: world.org.YOUTH_TEAM,
      recipients: [world.org.SOCIAL_SERVICES],
      categories,
      givenBy: opts.givenBy,
    });
    return { yp, caseId, consentId };
  }

  it('opens a case through the API and the lead sees it', async () => {
    const yp = await createYoungPerson(t, '1287', 17);
    const res = await t.gql(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { id status leadOrganisationId participants { organisationId role } } }`,
      {
        input: {
          youngPersonId: yp,
          title: 'Tillbaka till studier',
          participantOrganisationIds: [world.org.SOCIAL_SERVICES],
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.openCase.participants).toHaveLength(2);
    const n = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'CASE_PARTICIPANT_ADDED'`,
      [social.id],
    );
    expect(n.rows[0].n).toBe(1);
    // A participant without consent does not see it: not found, same as nonexistent.
    const hidden = await t.gql(CASE, { id: res.data.openCase.id }, social.token);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('withdrawal ends a social worker’s access on the very next request', async () => {
    const { caseId, consentId } = await caseWithConsent(['SOCIAL']);
    const before = await t.gql(CASE, { id: caseId }, social.token);
    expect(before.errors).toBeUndefined();
    expect(before.data.case.id).toBe(caseId);
    const w = await t.gql(
      `mutation($id: ID!) { withdrawConsent(id: $id, input: { withdrawnBy: YOUNG_PERSON }) { state } }`,
      { id: consentId },
      coordinator.token,
    );
    expect(w.errors).toBeUndefined();
    const after = await t.gql(CASE, { id: caseId }, social.token);
    expect(after.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await t.gql(`{ cases { totalCount edges { node { id } } } }`, {}, social.token);
    expect(list.data.cases.edges.map((e: any) => e.node.id)).not.toContain(caseId);
    // The lead keeps its case.
    const lead = await t.gql(CASE, { id: caseId }, coordinator.token);
    expect(lead.data.case.id).toBe(caseId);
  });

  it('an expired consent ends access', async () => {
    const { caseId, consentId } = await caseWithConsent(['SOCIAL']);
    await t.db.query(
      `UPDATE consent SET valid_from = app_now() - interval '20 days', valid_until = app_now() - interval '1 second' WHERE id = $1`,
      [consentId],
    );
    const res = await t.gql(CASE, { id: caseId }, social.token);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a note in a category the participant is not consented for is a placeholder without text', async () => {
    const { caseId } = await caseWithConsent(['SOCIAL']);
    const secret = 'Hemlig hälsoanteckning';
    await insertNote(t, {
      caseId,
      authorOrganisationId: world.org.YOUTH_TEAM,
      authorUserId: coordinator.id,
      category: 'HEALTH',
      body: secret,
    });
    await insertNote(t, {
      caseId,
      authorOrganisationId: world.org.YOUTH_TEAM,
      authorUserId: coordinator.id,
      category: 'SOCIAL',
      body: 'Social anteckning',
    });
    const res = await t.gql(CASE, { id: caseId }, social.token);
    expect(res.errors).toBeUndefined();
    const notes = res.data.case.latestNotes;
    expect(notes).toHaveLength(2);
    const health = notes.find((n: any) => n.category === 'HEALTH');
    expect(health).toMatchObject({
      restricted: true,
      body: null,
      authorOrganisationId: world.org.YOUTH_TEAM,
    });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(notes.find((n: any) => n.category === 'SOCIAL')).toMatchObject({
      restricted: false,
      body: 'Social anteckning',
    });
    // The author organisation reads its own note in full.
    const own = await t.gql(CASE, { id: caseId }, coordinator.token);
    expect(own.data.case.latestNotes.find((n: any) => n.category === 'HEALTH').body).toBe(secret);
    const log = await t.db.query(
      `SELECT legal_basis, consent_ids, fields FROM access_log WHERE subject_type = 'CASE_NOTE' AND actor_user_id = $1 AND $2 = ANY(young_person_ids)`,
      [
        social.id,
        (await t.db.query(`SELECT young_person_id FROM joint_case WHERE id = $1`, [caseId])).rows[0]
          .young_person_id,
      ],
    );
    expect(
      log.rows.some(
        (r: any) =>
          r.legal_basis === 'CONSENT' && r.consent_ids.length === 1 && r.fields.includes('body'),
      ),
    ).toBe(true);
  });

  it('a note kept to the author organisation is a placeholder even with consent for its category', async () => {
    const { caseId } = await caseWithConsent(['SOCIAL']);
    const add = await t.gql(
      `mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id visibility restricted body } }`,
      {
        input: {
          caseId,
          category: 'SOCIAL',
          visibility: 'AUTHOR_ORGANISATION',
          body: 'Intern bedömning',
        },
      },
      coordinator.token,
    );
    expect(add.data.addCaseNote).toMatchObject({
      visibility: 'AUTHOR_ORGANISATION',
      restricted: false,
    });
    const res = await t.gql(CASE, { id: caseId }, social.token);
    expect(res.data.case.latestNotes).toEqual([
      expect.objectContaining({ id: add.data.addCaseNote.id, restricted: true, body: null }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('Intern bedömning');
  });

  it('notes are append-only: a correction is a new version and the old one is kept', async () => {
    const { caseId } = await caseWithConsent(['SOCIAL']);
    const add = await t.gql(
      `mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id version body } }`,
      { input: { caseId, category: 'SOCIAL', body: 'Första versionen' } },
      social.token,
    );
    expect(add.errors).toBeUndefined();
    const fix = await t.gql(
      `mutation($input: CorrectCaseNoteInput!) { correctCaseNote(input: $input) { id version previousVersionId body } }`,
      { input: { noteId: add.data.addCaseNote.id, body: 'Rättad version' } },
      social.token,
    );
    expect(fix.errors).toBeUndefined();
    expect(fix.data.correctCaseNote).toMatchObject({
      version: 2,
      previousVersionId: add.data.addCaseNote.id,
    });
    const again = await t.gql(
      `mutation($input: CorrectCaseNoteInput!) { correctCaseNote(input: $input) { id } }`,
      { input: { noteId: add.data.addCaseNote.id, body: 'x' } },
      social.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const other = await t.gql(
      `mutation($input: CorrectCaseNoteInput!) { correctCaseNote(input: $input) { id } }`,
      { input: { noteId: fix.data.correctCaseNote.id, body: 'x' } },
      coordinator.token,
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const history = await t.gql(
      `query($id: ID!) { caseNoteHistory(noteId: $id) { version body superseded } }`,
      { id: fix.data.correctCaseNote.id },
      social.token,
    );
    expect(history.data.caseNoteHistory).toEqual([
      { version: 1, body: 'Första versionen', superseded: true },
      { version: 2, body: 'Rättad version', superseded: false },
    ]);
    await expect(
      t.db.query(`UPDATE case_note SET body = 'x' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    const list = await t.gql(
      `query($c: ID!) { caseNotes(caseId: $c) { totalCount edges { node { version } } } }`,
      { c: caseId },
      social.token,
    );
    expect(list.data.caseNotes.totalCount).toBe(1);
  });

  it('EOR plan: sub-goals are planned backwards; meetings and tasks', async () => {
    const { caseId } = await caseWithConsent(['SOCIAL']);
    const goal = await t.gql(
      `mutation($i: SetGoalInput!) { setCaseGoal(input: $i) { id } }`,
      {
        i: {
          caseId,
          description: 'Börja gymnasiet igen till hösten',
          targetDate: '2027-08-15',
          responsible: 'YOUNG_PERSON',
        },
      },
      coordinator.token,
    );
    expect(goal.errors).toBeUndefined();
    const late = await t.gql(
      `mutation($i: SetGoalInput!) { setCaseGoal(input: $i) { id } }`,
      {
        i: {
          caseId,
          parentGoalId: goal.data.setCaseGoal.id,
          description: 'Studiebesök',
          targetDate: '2027-09-01',
          responsible: 'YOUNG_PERSON',
        },
      },
      coordinator.token,
    );
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const sub = await t.gql(
      `mutation($i: SetGoalInput!) { setCaseGoal(input: $i) { id } }`,
      {
        i: {
          caseId,
          parentGoalId: goal.data.setCaseGoal.id,
          description: 'Ansökan klar',
          targetDate: '2027-04-15',
          responsible: 'ORGANISATION',
          ownerOrganisationId: world.org.SOCIAL_SERVICES,
        },
      },
      coordinator.token,
    );
    expect(sub.errors).toBeUndefined();
    const meeting = await t.gql(
      `mutation($i: ScheduleMeetingInput!) { scheduleCaseMeeting(input: $i) { id kind participantOrganisationIds } }`,
      {
        i: {
          caseId,
          kind: 'SIP',
          scheduledAt: new Date(testClock.now().getTime() + 86400_000).toISOString(),
          participantOrganisationIds: [world.org.SOCIAL_SERVICES],
        },
      },
      coordinator.token,
    );
    expect(meeting.errors).toBeUndefined();
    const minutes = await t.gql(
      `mutation($i: RecordMinutesInput!) { recordMeetingMinutes(input: $i) { minutes heldAt } }`,
      {
        i: {
          meetingId: meeting.data.scheduleCaseMeeting.id,
          heldAt: testClock.now().toISOString(),
          minutes: 'Plan överenskommen',
          youngPersonAttended: true,
        },
      },
      social.token,
    );
    expect(minutes.errors).toBeUndefined();
    const task = await t.gql(
      `mutation($i: AddTaskInput!) { addCaseTask(input: $i) { id status } }`,
      {
        i: {
          caseId,
          title: 'Boka studiebesök',
          ownerOrganisationId: world.org.SOCIAL_SERVICES,
          dueDate: '2027-03-01',
        },
      },
      coordinator.token,
    );
    expect(task.errors).toBeUndefined();
    const view = await t.gql(
      `query($id: ID!) { case(id: $id) { goals { description subGoals { description targetDate ownerOrganisationId } } meetings { kind minutes } tasks { title status } } }`,
      { id: caseId },
      social.token,
    );
    expect(view.errors).toBeUndefined();
    expect(view.data.case.goals[0].subGoals).toHaveLength(1);
    expect(view.data.case.meetings[0]).toEqual({ kind: 'SIP', minutes: 'Plan överenskommen' });
    // Liaison is a participant but has no consent: nothing.
    const hidden = await t.gql(
      `query($id: ID!) { case(id: $id) { id } }`,
      { id: caseId },
      liaison.token,
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Closing is for the lead only.
    const notLead = await t.gql(
      `mutation($id: ID!) { closeCase(id: $id, input: { outcome: STUDIES }) { status } }`,
      { id: caseId },
      social.token,
    );
    expect(notLead.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const close = await t.gql(
      `mutation($id: ID!) { closeCase(id: $id, input: { outcome: STUDIES }) { status closureOutcome } }`,
      { id: caseId },
      coordinator.token,
    );
    expect(close.data.closeCase).toEqual({ status: 'CLOSED', closureOutcome: 'STUDIES' });
    const afterClose = await t.gql(
      `mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, category: 'SOCIAL', body: 'x' } },
      social.token,
    );
    expect(afterClose.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('managers never see cases', async () => {
    const res = await t.gql(`{ cases { totalCount } }`, {}, manager.token);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('turning 18 cuts guardian-only access and creates one re-consent task for the lead', async () => {
    // Policy lets guardians consent for 15–17 alone, so the consent worked until today.
    await t.db.query(
      `INSERT INTO consent_policy (municipality_code, own_consent_from_age) VALUES ('1287', 18) ON CONFLICT (municipality_code) DO UPDATE SET own_consent_from_age = 18`,
    );
    const { caseId, consentId } = await caseWithConsent(['SOCIAL'], {
      givenBy: ['BOTH_GUARDIANS'],
      years: 17,
      days: 300,
    });
    expect((await t.gql(CASE, { id: caseId }, social.token)).errors).toBeUndefined();
    // The 18th birthday is today.
    await t.db.query(
      `UPDATE young_person SET birth_date = app_today() - interval '18 years' WHERE id = (SELECT young_person_id FROM joint_case WHERE id = $1)`,
      [caseId],
    );
    const cut = await t.gql(CASE, { id: caseId }, social.token);
    expect(cut.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const alerts = await t.gql(
      `{ caseConsentAlerts(withinDays: 30) { case { id } status guardianConsentOutdated } }`,
      {},
      coordinator.token,
    );
    expect(alerts.errors).toBeUndefined();
    expect(alerts.data.caseConsentAlerts.find((a: any) => a.case.id === caseId)).toMatchObject({
      status: 'RE_CONSENT_NEEDED',
      guardianConsentOutdated: true,
    });
    // The alerts job on the clock makes the task and tells; listing the alerts does not.
    await t.app.get(AlertsJob).tick();
    await t.app.get(AlertsJob).tick();
    const tasks = await t.db.query(
      `SELECT kind, owner_user_id, consent_id FROM case_task WHERE case_id = $1`,
      [caseId],
    );
    expect(tasks.rows).toEqual([
      { kind: 'RE_CONSENT', owner_user_id: coordinator.id, consent_id: consentId },
    ]);
    const lost = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'CONSENT_NO_LONGER_VALID' AND subject_id = $2`,
      [social.id, consentId],
    );
    expect(lost.rows[0].n).toBe(1);
    const n = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'RE_CONSENT_NEEDED'`,
      [coordinator.id],
    );
    expect(n.rows[0].n).toBe(1);
    const mine = await t.gql(
      `{ myCaseTasks { edges { node { caseId kind consentId status } } } }`,
      {},
      coordinator.token,
    );
    expect(mine.data.myCaseTasks.edges.map((e: any) => e.node)).toContainEqual({
      caseId,
      kind: 'RE_CONSENT',
      consentId,
      status: 'OPEN',
    });
    const others = await t.gql(`{ myCaseTasks { totalCount } }`, {}, social.token);
    expect(others.data.myCaseTasks.totalCount).toBe(0);
    await t.db.query(`DELETE FROM consent_policy`);
  });

  it('lists cases whose consent ends soon', async () => {
    const { caseId, consentId } = await caseWithConsent(['SOCIAL']);
    await t.db.query(
      `UPDATE consent SET valid_until = app_now() + interval '5 days' WHERE id = $1`,
      [consentId],
    );
    const res = await t.gql(
      `{ caseConsentAlerts(withinDays: 10) { case { id } status consentEndsAt } }`,
      {},
      coordinator.token,
    );
    expect(res.data.caseConsentAlerts.find((a: any) => a.case.id === caseId)).toMatchObject({
      status: 'ENDING_SOON',
    });
    const expired = await caseWithConsent(['SOCIAL']);
    await t.db.query(
      `UPDATE consent SET valid_from = app_now() - interval '20 days', valid_until = app_now() - interval '1 minute' WHERE id = $1`,
      [expired.consentId],
    );
    await t.app.get(AlertsJob).tick();
    await t.app.get(AlertsJob).tick();
    const told = await t.db.query(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND kind = 'CONSENT_EXPIRED' AND subject_id = $2`,
      [social.id, expired.consentId],
    );
    expect(told.rows[0].n).toBe(1);
    const narrow = await t.gql(
      `{ caseConsentAlerts(withinDays: 2) { case { id } } }`,
      {},
      coordinator.token,
    );
    expect(narrow.data.caseConsentAlerts.map((a: any) => a.case.id)).not.toContain(caseId);
  });
});
