import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { birthDateForAge, insertPerson, personalNumberFor } from './fixtures';

// DESIGN §6: every operation that takes a personnummer answers for "exists elsewhere"
// exactly as for "does not exist", and reveals no name or municipality of the other record.

const REGISTER = `mutation($input: NewStudentInput!) {
  registerStudent(input: $input) { id personalNumber givenName familyName birthDate homeMunicipalityCode }
}`;
const REPORT = `mutation($i: SendConcernReportInput!) {
  sendConcernReport(input: $i) { id youngPersonId municipalityCode senderOrganisationId receiverOrganisationIds
    delivered description immediateDanger legalBasis createdAt }
}`;
const PERSON = `id personalNumber birthDate age givenName familyName homeMunicipalityCode streetAddress
  postalCode city phone email protectedIdentity contactHidden inKaa createdAt`;
const CREATE = `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { ${PERSON} } }`;
const SEARCH = `query($search: String) {
  youngPeople(first: 50, search: $search) { totalCount edges { node { ${PERSON} } } }
}`;
const IMPORT = `mutation($i: ImportYoungPeopleInput!) {
  importYoungPeople(input: $i) {
    dryRun imported rowsRead youngPeopleCreated youngPeopleAlreadyRegistered wouldCreate schoolingCreated
    schoolingSkipped errorCount warningCount errors { row column code message } warnings { row column code message }
  }
}`;
const NOTICE = `mutation($input: SendSchoolNoticeInput!) {
  sendSchoolNotice(input: $input) { id status kind homeMunicipalityCode student { id personalNumber givenName familyName homeMunicipalityCode } }
}`;
const INBOX = `{ schoolNotices(first: 50) { edges { node { id student { id givenName } } } } }`;
const DUPLICATES = `query($m: Boolean) { possibleDuplicates(first: 50, includeMerged: $m) {
  totalCount edges { node { id state existingYoungPersonId createdByOrganisationId mergedAt undoneAt
    duplicate { youngPersonId givenName familyName birthDate homeMunicipalityCode } } } } }`;
const MERGE = `mutation($id: ID!) { mergePossibleDuplicate(id: $id) { id state mergedAt } }`;
const UNDO = `mutation($id: ID!) { undoDuplicateMerge(id: $id) { id state mergedAt undoneAt } }`;

const HEADER =
  'personnummer;given_name;family_name;home_municipality;address;postal_code;city;phone;email;school;programme_code;programme_type;start_date;end_date;status';

describe('no existence oracle for personnummer', () => {
  let t: TestApp;
  let tbg: Awaited<ReturnType<typeof createWorld>>;
  let mmo: Awaited<ReturnType<typeof createWorld>>;
  let tbgCoordinator: TestUser;
  let tbgSocial: TestUser;
  let mmoCoordinator: TestUser;
  let mmoCounsellor: TestUser;
  /** Ids and codes a response may only show as labels; anything of "elsewhere" is a leak. */
  let labels: Map<string, string>;
  let serial = 600;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await createWorld(t, '1287');
    mmo = await createWorld(t, '1280');
    tbgCoordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    tbgSocial = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    mmoCoordinator = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    mmoCounsellor = await createUser(t, mmo.org.SCHOOL, [Role.COUNSELLOR]);
    labels = new Map<string, string>();
    for (const [w, name] of [
      [tbg, 'TBG'],
      [mmo, 'MMO'],
    ] as const)
      for (const [kind, id] of Object.entries(w.org)) labels.set(id, `<${name}_${kind}>`);
  });
  afterAll(() => t.close());

  /** A Trelleborg resident Malmö may not see, and a number of the same birth date nobody holds. */
  async function elsewhereAndFresh(o: { age?: number; protectedIdentity?: boolean } = {}) {
    const birthDate = birthDateForAge(o.age ?? 16);
    const elsewhere = await insertPerson(t, {
      municipality: '1287',
      birthDate,
      givenName: 'Registerella',
      familyName: 'Trelleborgsdotter',
      protectedIdentity: o.protectedIdentity,
    });
    const { rows } = await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [
      elsewhere,
    ]);
    return {
      elsewhere,
      elsewhereNumber: rows[0].personal_number as string,
      freshNumber: personalNumberFor(birthDate, serial++).twelve,
    };
  }

  /** The answer with the personnummer, known ids, other ids and instants replaced. */
  function normalise(body: unknown, personalNumber: string): unknown {
    const seen = new Map<string, string>();
    const text = JSON.stringify(body)
      .split(personalNumber)
      .join('<PNR>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
        if (labels.has(id)) return labels.get(id)!;
        if (!seen.has(id)) seen.set(id, `<ID${seen.size}>`);
        return seen.get(id)!;
      })
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<INSTANT>');
    return JSON.parse(text);
  }

  function expectNothingOf(body: unknown, elsewhere: string, personalNumber?: string) {
    const text = JSON.stringify(body);
    expect(text).not.toContain(elsewhere);
    expect(text).not.toMatch(/Registerella|Trelleborgsdotter|Hemligvägen|hidden@example/);
    for (const [id, label] of labels) if (label.startsWith('<TBG')) expect(text).not.toContain(id);
    // The municipality code, outside ids and the number the caller gave itself.
    const rest = (personalNumber ? text.split(personalNumber).join('') : text).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      '',
    );
    expect(rest).not.toContain('1287');
  }

  async function sameAnswer(
    call: (personalNumber: string) => Promise<unknown>,
    o: { protectedIdentity?: boolean; age?: number } = {},
  ) {
    const { elsewhere, elsewhereNumber, freshNumber } = await elsewhereAndFresh(o);
    t.sql.reset();
    const forElsewhere = await call(elsewhereNumber);
    const statementsElsewhere = t.sql.count;
    t.sql.reset();
    const forFresh = await call(freshNumber);
    expect(normalise(forElsewhere, elsewhereNumber)).toEqual(normalise(forFresh, freshNumber));
    // The same work either way: no timing difference from a skipped or extra statement.
    expect(statementsElsewhere).toBe(t.sql.count);
    expectNothingOf(forElsewhere, elsewhere, elsewhereNumber);
    return { elsewhere, elsewhereNumber, forElsewhere, forFresh };
  }

  const student = (personalNumber: string) => ({
    personalNumber,
    givenName: 'Kalle',
    familyName: 'Skolsson',
    homeMunicipalityCode: '1280',
    programmeCode: 'NA',
    startDate: '2025-08-18',
  });

  describe.each([
    ['a resident of another municipality', false],
    ['a resident with protected identity', true],
  ])('for %s', (_, protectedIdentity) => {
    it('registerStudent answers with the names and municipality the school gave', async () => {
      const { forElsewhere } = await sameAnswer(
        async (pn) => (await t.gql(REGISTER, { input: student(pn) }, mmoCounsellor.token)).body,
        { protectedIdentity },
      );
      expect((forElsewhere as any).data.registerStudent).toMatchObject({
        givenName: 'Kalle',
        familyName: 'Skolsson',
        homeMunicipalityCode: '1280',
      });
    });

    it('sendConcernReport answers with the municipality and receivers the sender named', async () => {
      const { forElsewhere } = await sameAnswer(
        async (pn) =>
          (
            await t.gql(
              REPORT,
              {
                i: {
                  personalNumber: pn,
                  givenName: 'Kim',
                  familyName: 'Oro',
                  homeMunicipalityCode: '1280',
                  description: 'Rädd att gå hem',
                  immediateDanger: false,
                },
              },
              mmoCounsellor.token,
            )
          ).body,
        { protectedIdentity, age: 15 },
      );
      expect((forElsewhere as any).data.sendConcernReport).toMatchObject({
        municipalityCode: '1280',
        receiverOrganisationIds: [mmo.org.SOCIAL_SERVICES],
      });
    });

    it('createYoungPerson creates the record the caller described instead of CONFLICT', async () => {
      const { forElsewhere } = await sameAnswer(
        async (pn) =>
          (
            await t.gql(
              CREATE,
              {
                input: {
                  personalNumber: pn,
                  givenName: 'Nova',
                  familyName: 'Ny',
                  phone: '0709-123456',
                },
              },
              mmoCoordinator.token,
            )
          ).body,
        { protectedIdentity },
      );
      expect((forElsewhere as any).errors).toBeUndefined();
      expect((forElsewhere as any).data.createYoungPerson).toMatchObject({
        givenName: 'Nova',
        homeMunicipalityCode: '1280',
        phone: '0709-123456',
      });
    });

    it('the import creates the row like a new person instead of REGISTERED_ELSEWHERE', async () => {
      const { forElsewhere } = await sameAnswer(
        async (pn) => {
          const csv = [
            HEADER,
            `${pn};Ida;Import;1280;Storgatan 1;21142;Malmö;040-123 45;ida@example.se;Malmö gymnasium;NA;NATIONAL;2025-08-18;;ACTIVE`,
          ].join('\n');
          return (await t.gql(IMPORT, { i: { csv, dryRun: false } }, mmoCoordinator.token)).body;
        },
        { protectedIdentity },
      );
      expect((forElsewhere as any).data.importYoungPeople).toMatchObject({
        imported: true,
        youngPeopleCreated: 1,
        errorCount: 0,
      });
    });

    it('updateYoungPerson corrects a number to one held elsewhere like to a free one', async () => {
      const own = await insertPerson(t, {
        municipality: '1280',
        birthDate: birthDateForAge(16),
        givenName: 'Rättad',
        familyName: 'Nummer',
        contact: false,
      });
      const { forElsewhere } = await sameAnswer(
        async (pn) => {
          const res = (
            await t.gql(
              `mutation($id: ID!, $input: UpdateYoungPersonInput!) {
               updateYoungPerson(id: $id, input: $input) { ${PERSON} } }`,
              { id: own, input: { personalNumber: pn } },
              mmoCoordinator.token,
            )
          ).body;
          // Back to a number of its own, so the second call starts from the same record.
          await t.db.query(
            `UPDATE young_person SET personal_number = '19000101' || lpad(($2)::text, 4, '0') WHERE id = $1`,
            [own, serial++],
          );
          return res;
        },
        { protectedIdentity },
      );
      expect((forElsewhere as any).errors).toBeUndefined();
      expect((forElsewhere as any).data.updateYoungPerson).toMatchObject({
        givenName: 'Rättad',
        homeMunicipalityCode: '1280',
      });
    });

    it('a search by personnummer finds what the caller created, and nothing of the other record', async () => {
      const { forElsewhere } = await sameAnswer(
        async (pn) => {
          const before = (await t.gql(SEARCH, { search: pn }, mmoCoordinator.token)).body;
          await t.gql(
            CREATE,
            { input: { personalNumber: pn, givenName: 'Sixten', familyName: 'Sök' } },
            mmoCoordinator.token,
          );
          const after = (await t.gql(SEARCH, { search: pn }, mmoCoordinator.token)).body;
          return { before, after };
        },
        { protectedIdentity },
      );
      const r = forElsewhere as any;
      expect(r.before.data.youngPeople.totalCount).toBe(0);
      expect(r.after.data.youngPeople.edges.map((e: any) => e.node.givenName)).toEqual(['Sixten']);
    });
  });

  it('keeps CONFLICT for the home youth team, which already sees the person', async () => {
    const { elsewhereNumber } = await elsewhereAndFresh();
    const res = await t.gql(
      CREATE,
      { input: { personalNumber: elsewhereNumber, givenName: 'Dup', familyName: 'Licate' } },
      tbgCoordinator.token,
    );
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  describe('the home youth team and its possible duplicates', () => {
    async function duplicatesOf(user: TestUser, includeMerged = false) {
      const res = await t.gql(DUPLICATES, { m: includeMerged }, user.token);
      expect(res.errors).toBeUndefined();
      return res.data.possibleDuplicates.edges.map((e: any) => e.node);
    }

    it('sees the duplicate, merges it (rows moved, logged) and undoes the merge', async () => {
      const { elsewhere, elsewhereNumber } = await elsewhereAndFresh();
      const reg = await t.gql(REGISTER, { input: student(elsewhereNumber) }, mmoCounsellor.token);
      const duplicate = reg.data.registerStudent.id;

      const mine = (await duplicatesOf(tbgCoordinator)).find(
        (d: any) => d.duplicate.youngPersonId === duplicate,
      );
      expect(mine).toMatchObject({
        state: 'OPEN',
        existingYoungPersonId: elsewhere,
        createdByOrganisationId: mmo.org.SCHOOL,
        duplicate: { givenName: 'Kalle', familyName: 'Skolsson', homeMunicipalityCode: '1280' },
      });
      // Nobody else sees it or may merge it: the same NOT_FOUND as for a random id.
      expect(
        (await duplicatesOf(mmoCoordinator)).map((d: any) => d.duplicate.youngPersonId),
      ).not.toContain(duplicate);
      const foreign = await t.gql(MERGE, { id: mine.id }, mmoCoordinator.token);
      const random = await t.gql(
        MERGE,
        { id: '00000000-0000-4000-8000-000000000000' },
        mmoCoordinator.token,
      );
      expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(random.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(foreign.errors?.[0].message).toBe(random.errors?.[0].message);

      const schooling = async () =>
        (
          await t.db.query(
            `SELECT young_person_id FROM schooling WHERE school_organisation_id = $1 AND young_person_id = ANY($2::uuid[])`,
            [mmo.org.SCHOOL, [elsewhere, duplicate]],
          )
        ).rows.map((r) => r.young_person_id);
      const logged = async () =>
        (
          await t.db.query(
            `SELECT fields, young_person_ids FROM access_log
              WHERE subject_type = 'POSSIBLE_DUPLICATE' AND action = 'UPDATE' AND $1 = ANY(subject_ids)
                AND actor_user_id = $2 AND subject_municipality_code = '1287' ORDER BY id`,
            [mine.id, tbgCoordinator.id],
          )
        ).rows;
      expect(await schooling()).toEqual([duplicate]);

      const merged = await t.gql(MERGE, { id: mine.id }, tbgCoordinator.token);
      expect(merged.errors).toBeUndefined();
      expect(merged.data.mergePossibleDuplicate.state).toBe('MERGED');
      expect(await schooling()).toEqual([elsewhere]);
      expect(
        (await t.db.query(`SELECT 1 FROM young_person WHERE id = $1`, [duplicate])).rowCount,
      ).toBe(0);
      expect(await logged()).toContainEqual(
        expect.objectContaining({
          fields: ['mergedAt'],
          young_person_ids: [elsewhere],
        }),
      );
      // The school now sees the person it enrols under the register's record.
      const students = await t.gql(
        `{ schoolStudents(first: 100) { edges { node { id } } } }`,
        {},
        mmoCounsellor.token,
      );
      expect(students.data.schoolStudents.edges.map((e: any) => e.node.id)).toContain(elsewhere);
      expect((await duplicatesOf(tbgCoordinator)).map((d: any) => d.id)).not.toContain(mine.id);
      expect((await duplicatesOf(tbgCoordinator, true)).map((d: any) => d.id)).toContain(mine.id);

      const undone = await t.gql(UNDO, { id: mine.id }, tbgCoordinator.token);
      expect(undone.errors).toBeUndefined();
      expect(undone.data.undoDuplicateMerge).toMatchObject({ state: 'OPEN', mergedAt: null });
      expect(await schooling()).toEqual([duplicate]);
      const back = await t.db.query(
        `SELECT given_name, home_municipality_code, is_possible_duplicate FROM young_person WHERE id = $1`,
        [duplicate],
      );
      expect(back.rows[0]).toEqual({
        given_name: 'Kalle',
        home_municipality_code: '1280',
        is_possible_duplicate: true,
      });
      expect((await logged()).map((r) => r.fields)).toEqual([['mergedAt'], ['undoneAt']]);
      const twice = await t.gql(UNDO, { id: mine.id }, tbgCoordinator.token);
      expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });

  describe('legal duties still reach their receiver', () => {
    it('a notice about such a student reaches the home youth team under the person it knows', async () => {
      const { elsewhere } = await sameAnswer(async (pn) => {
        const res = await t.gql(
          NOTICE,
          {
            input: {
              newStudent: student(pn),
              kind: 'DROPPED_OUT',
              lastAttendanceDate: '2025-09-01',
              reasonCategory: 'WRONG_PROGRAMME',
              leftWithPlan: false,
            },
          },
          mmoCounsellor.token,
        );
        return res.body;
      });
      const inbox = await t.gql(INBOX, {}, tbgCoordinator.token);
      expect(inbox.errors).toBeUndefined();
      expect(inbox.data.schoolNotices.edges.map((e: any) => e.node.student)).toContainEqual({
        id: elsewhere,
        givenName: 'Registerella',
      });
      // Malmö's youth team, named by the school, gets nothing about the Trelleborg resident.
      const malmo = await t.gql(INBOX, {}, mmoCoordinator.token);
      expect(JSON.stringify(malmo.body)).not.toContain(elsewhere);
    });

    it('a concern report about such a child reaches the home social services under the child it is about', async () => {
      const { elsewhere, elsewhereNumber } = await elsewhereAndFresh({ age: 14 });
      const sent = await t.gql(
        REPORT,
        {
          i: {
            personalNumber: elsewhereNumber,
            givenName: 'Kim',
            familyName: 'Oro',
            homeMunicipalityCode: '1280',
            description: 'Blåmärken',
            immediateDanger: true,
          },
        },
        mmoCounsellor.token,
      );
      expect(sent.errors).toBeUndefined();
      const received = await t.gql(
        `{ concernReports(first: 50) { edges { node { id youngPersonId municipalityCode } } } }`,
        {},
        tbgSocial.token,
      );
      expect(received.data.concernReports.edges.map((e: any) => e.node)).toContainEqual({
        id: sent.data.sendConcernReport.id,
        youngPersonId: elsewhere,
        municipalityCode: '1287',
      });
      const person = await t.gql(
        `query($id: ID!) { youngPerson(id: $id) { givenName } }`,
        { id: elsewhere },
        tbgSocial.token,
      );
      expect(person.data.youngPerson.givenName).toBe('Registerella');
      // The sender, listing its reports later, still sees only what it named.
      const mine = await t.gql(
        `{ concernReports(first: 50) { edges { node { id youngPersonId municipalityCode receiverOrganisationIds } } } }`,
        {},
        mmoCounsellor.token,
      );
      expectNothingOf(mine.body, elsewhere);
    });
  });
});
