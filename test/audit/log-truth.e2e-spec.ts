import { randomUUID } from 'node:crypto';
import { AccessLogSubjectIds1764600100000 } from '../../migrations/1764600100000-access-log-subject-ids';
import { AccessLogChainService } from '../../src/audit/access-log-chain.service';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { testClock } from '../support/clock';
import { createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createSchoolWorld, createStudent, SchoolWorld } from '../schools/school-world';

const ACCESS_LOG = `query($subjectId: ID, $youngPersonId: ID, $first: Int) {
  accessLog(subjectId: $subjectId, youngPersonId: $youngPersonId, first: $first) {
    totalCount
    edges { node { id action subjectType subjectIds youngPersonIds actorUserId subjectMunicipalityCode } }
  }
}`;

interface LogNode {
  id: string;
  action: string;
  subjectType: string;
  subjectIds: string[];
  youngPersonIds: string[];
  actorUserId: string;
  subjectMunicipalityCode: string | null;
}

/** Issue 10 §4: every access-log row names its real subjects and counts for their home. */
describe('the access log tells the truth', () => {
  let t: TestApp;
  let tbg: SchoolWorld;
  let mmo: SchoolWorld;
  let tbgAuditor: TestUser;
  let mmoAuditor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createSchoolWorld(t, '1287');
    mmo = await createSchoolWorld(t, '1280');
    tbgAuditor = await createUser(t, await createOrganisation(t, '1287', OrganisationKind.OTHER), [
      Role.AUDITOR,
    ]);
    mmoAuditor = await createUser(t, await createOrganisation(t, '1280', OrganisationKind.OTHER), [
      Role.AUDITOR,
    ]);
  });
  afterAll(() => t.close());

  async function accessLog(auditor: TestUser, vars: Record<string, unknown>): Promise<LogNode[]> {
    const res = await t.gql<{ accessLog: { edges: { node: LogNode }[] } }>(
      ACCESS_LOG,
      { first: 100, ...vars },
      auditor.token,
    );
    expect(res.errors).toBeUndefined();
    return res.data.accessLog.edges.map((e) => e.node);
  }

  it('acknowledging a drop-out notice logs the interrupted schooling by its real id', async () => {
    const student = await createStudent(t, '1287', mmo.school);
    const {
      rows: [schooling],
    } = await t.db.query(`SELECT id FROM schooling WHERE young_person_id = $1`, [student.id]);
    const sent = await t.gql(
      `mutation($input: SendSchoolNoticeInput!) { sendSchoolNotice(input: $input) { id } }`,
      {
        input: {
          youngPersonId: student.id,
          kind: 'DROPPED_OUT',
          lastAttendanceDate: testClock.today(),
          reasonCategory: 'OTHER',
          leftWithPlan: true,
        },
      },
      mmo.counsellor.token,
    );
    const noticeId = sent.data.sendSchoolNotice.id;
    const ack = await t.gql(
      `mutation($id: ID!) { acknowledgeSchoolNotice(id: $id) { id status } }`,
      { id: noticeId },
      tbg.coordinator.token,
    );
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeSchoolNotice.status).toBe('ACKNOWLEDGED');

    // The auditor's page that includes these rows answers (a {NULL} id broke it), and
    // finds the schooling by its id.
    const page = await accessLog(tbgAuditor, { youngPersonId: student.id });
    expect(page.map((n) => n.subjectType)).toEqual(
      expect.arrayContaining(['SCHOOL_NOTICE', 'KAA_PERIOD', 'SCHOOLING']),
    );
    const bySchooling = await accessLog(tbgAuditor, { subjectId: schooling.id });
    expect(bySchooling).toEqual([
      expect.objectContaining({ action: 'UPDATE', subjectIds: [schooling.id] }),
    ]);

    const { rows } = await t.db.query(
      `SELECT subject_type, subject_ids, young_person_ids, subject_municipality_code
         FROM access_log WHERE actor_user_id = $1 AND young_person_ids @> ARRAY[$2::uuid] ORDER BY id`,
      [tbg.coordinator.id, student.id],
    );
    const { rows: periods } = await t.db.query(
      `SELECT id FROM kaa_period WHERE young_person_id = $1`,
      [student.id],
    );
    const base = { young_person_ids: [student.id], subject_municipality_code: '1287' };
    expect(rows).toEqual([
      { ...base, subject_type: 'SCHOOL_NOTICE', subject_ids: [noticeId] },
      { ...base, subject_type: 'KAA_PERIOD', subject_ids: [periods[0].id] },
      { ...base, subject_type: 'SCHOOLING', subject_ids: [schooling.id] },
    ]);
  });

  describe('the database refuses a row without a real subject', () => {
    const insert = (subjectIds: string) =>
      t.db.query(
        `INSERT INTO access_log (action, subject_type, subject_ids, young_person_ids, legal_basis,
           subject_municipality_code)
         VALUES ('READ', 'SCHOOLING', $1::uuid[], ARRAY[$2::uuid], 'STATUTORY_DUTY', '1287')`,
        [subjectIds, randomUUID()],
      );
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM access_log`)).rows[0].n as number;

    it.each([['{NULL}'], ['{}'], [`{${randomUUID()},NULL}`]])(
      'subject_ids %s is a check violation',
      async (subjectIds) => {
        const before = await count();
        await expect(insert(subjectIds)).rejects.toMatchObject({
          code: '23514',
          constraint: 'access_log_subject_ids_check',
        });
        expect(await count()).toBe(before);
      },
    );

    it('a row with real subject ids is accepted', async () => {
      await expect(insert(`{${randomUUID()}}`)).resolves.toBeDefined();
    });

    it('rows written before the migration stay, and the sealer still seals them', async () => {
      const migration = new AccessLogSubjectIds1764600100000();
      const runner = t.ds.createQueryRunner();
      try {
        await migration.down(runner);
        const {
          rows: [old],
        } = await t.db.query(
          `INSERT INTO access_log (action, subject_type, subject_ids, legal_basis)
           VALUES ('UPDATE', 'SCHOOLING', '{NULL}', 'STATUTORY_DUTY') RETURNING id`,
        );
        await migration.up(runner);
        await t.app.get(AccessLogChainService).seal();
        const { rows } = await t.db.query(`SELECT hash FROM access_log WHERE id = $1`, [old.id]);
        expect(rows[0].hash).toEqual(expect.any(String));
        await expect(insert('{NULL}')).rejects.toMatchObject({ code: '23514' });
        expect((await t.app.get(AccessLogChainService).verify()).valid).toBe(true);
      } finally {
        await runner.release();
      }
    });
  });

  describe("a school's read of a student who lives elsewhere", () => {
    let fromTrelleborg: { id: string };
    let fromMalmo: { id: string };
    let requestRows: LogNode[];

    beforeAll(async () => {
      fromTrelleborg = await createStudent(t, '1287', mmo.school);
      fromMalmo = await createStudent(t, '1280', mmo.school);
      const res = await t.gql<{ schoolStudents: { edges: { node: { id: string } }[] } }>(
        `{ schoolStudents(first: 100) { edges { node { id } } } }`,
        {},
        mmo.counsellor.token,
      );
      expect(res.errors).toBeUndefined();
      const listed = res.data.schoolStudents.edges.map((e) => e.node.id);
      expect(listed).toEqual(expect.arrayContaining([fromTrelleborg.id, fromMalmo.id]));
      requestRows = (await accessLog(mmoAuditor, { first: 100 })).filter(
        (n) => n.actorUserId === mmo.counsellor.id && n.action === 'SEARCH',
      );
    });

    it("counts for the student's home municipality: the Trelleborg auditor sees it", async () => {
      const seen = await accessLog(tbgAuditor, { youngPersonId: fromTrelleborg.id });
      const search = seen.filter((n) => n.actorUserId === mmo.counsellor.id);
      expect(search).toEqual([
        expect.objectContaining({
          action: 'SEARCH',
          subjectType: 'YOUNG_PERSON',
          subjectMunicipalityCode: '1287',
          youngPersonIds: [fromTrelleborg.id],
        }),
      ]);
      // Only Trelleborg's resident: the Malmö student's id is not in Trelleborg's row.
      expect(search[0].subjectIds).not.toContain(fromMalmo.id);
    });

    it('the Malmö auditor sees both rows of its own user, one per home municipality', async () => {
      const byHome = Object.fromEntries(
        requestRows.map((n) => [n.subjectMunicipalityCode, n.youngPersonIds]),
      );
      expect(byHome['1287']).toEqual(expect.arrayContaining([fromTrelleborg.id]));
      expect(byHome['1287']).not.toContain(fromMalmo.id);
      expect(byHome['1280']).toEqual(expect.arrayContaining([fromMalmo.id]));
      expect(byHome['1280']).not.toContain(fromTrelleborg.id);
    });
  });
});
