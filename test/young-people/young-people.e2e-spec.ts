import { testClock } from '../support/clock';
import { OrganisationKind, Permission, Role } from '../../src/identity/role.enum';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  day,
  insertContact,
  insertOccupation,
  insertPeriod,
  insertPerson,
  insertSchooling,
  lastLogId,
  logRowsSince,
  personalNumberFor,
} from './fixtures';

const PERSON_FIELDS = `id personalNumber birthDate age givenName familyName homeMunicipalityCode
  streetAddress postalCode city phone email protectedIdentity contactHidden inKaa known
  currentOccupation { category validFrom } lastContactAt
  guardians { name phone email streetAddress declinedContact } schooling { schoolName programmeType status }`;

const GET = `query($id: ID!) { youngPerson(id: $id) { ${PERSON_FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $search: String, $inKaa: Boolean, $known: Boolean,
  $minAge: Int, $maxAge: Int, $school: String, $before: DateTime, $after2: DateTime, $never: Boolean, $sort: YoungPeopleSort) {
  youngPeople(first: $first, after: $after, search: $search, inKaa: $inKaa, known: $known, minAge: $minAge,
    maxAge: $maxAge, school: $school, lastContactBefore: $before, lastContactAfter: $after2,
    neverContacted: $never, sort: $sort) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${PERSON_FIELDS} } }
  }
}`;
const CREATE = `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { ${PERSON_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateYoungPersonInput!) { updateYoungPerson(id: $id, input: $input) { id givenName homeMunicipalityCode } }`;

describe('young people', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let privileged: TestUser;
  let malmo: TestUser;
  const others: Record<string, TestUser> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    privileged = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    await t.db.query(`UPDATE app_user SET permissions = $2 WHERE id = $1`, [
      privileged.id,
      [Permission.PROTECTED_IDENTITY],
    ]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    others.manager = await createUser(t, tbg.org.YOUTH_TEAM, [Role.MANAGER]);
    others.orgAdmin = await createUser(t, tbg.org.YOUTH_TEAM, [Role.ORG_ADMIN]);
    others.admin = await createUser(t, tbg.org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    others.auditor = await createUser(t, tbg.org.OTHER, [Role.AUDITOR]);
    others.counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    others.social = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    others.labour = await createUser(t, tbg.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    others.association = await createUser(t, tbg.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    // A coordinator role in an organisation that is not a youth team has no statutory duty.
    others.schoolCoordinator = await createUser(t, tbg.org[OrganisationKind.SCHOOL], [
      Role.YOUTH_COORDINATOR,
    ]);

    ids.anna = await insertPerson(t, { givenName: 'Anna', familyName: 'Svensson', age: 17 });
    ids.secret = await insertPerson(t, {
      givenName: 'Sara',
      familyName: 'Skyddad',
      age: 18,
      protectedIdentity: true,
    });
    ids.malmo = await insertPerson(t, {
      givenName: 'Malte',
      familyName: 'Malm',
      municipality: '1280',
    });
    await t.db.query(
      `INSERT INTO guardian (young_person_id, name, phone, email, street_address, declined_contact)
       VALUES ($1, 'Förälder Skyddad', '0709999999', 'parent@example.se', 'Hemligvägen 7', false)`,
      [ids.secret],
    );
    await insertPeriod(t, ids.anna);
    await insertOccupation(t, ids.anna, 'WORK', day(-5));
    await insertContact(
      t,
      ids.anna,
      new Date(testClock.now().getTime() - 3 * 86_400_000).toISOString(),
    );
  });

  afterAll(() => t.close());

  describe('personnummer', () => {
    const forms = () => {
      const birth = birthDateForAge(17);
      const n = personalNumberFor(birth, 311);
      return [
        n.dashed,
        n.dashed.replace('-', ''),
        n.twelve,
        `${n.twelve.slice(0, 8)}-${n.twelve.slice(8)}`,
      ].map((input) => ({ input, twelve: n.twelve }));
    };

    it.each([0, 1, 2, 3])('accepts form %i and stores 12 digits', async (i) => {
      const { input, twelve } = forms()[i];
      await t.db.query(`DELETE FROM young_person WHERE personal_number = $1`, [twelve]);
      const res = await t.gql(
        CREATE,
        { input: { personalNumber: input, givenName: 'Form', familyName: `F${i}` } },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.createYoungPerson.personalNumber).toBe(twelve);
      const { rows } = await t.db.query(
        `SELECT personal_number, to_char(birth_date, 'YYYY-MM-DD') AS b FROM young_person WHERE id = $1`,
        [res.data.createYoungPerson.id],
      );
      expect(rows[0].personal_number).toBe(twelve);
      expect(rows[0].b).toBe(res.data.createYoungPerson.birthDate);
    });

    it('accepts a samordningsnummer (day + 60)', async () => {
      const birth = birthDateForAge(16);
      const yymmdd = birth.replace(/-/g, '').slice(2);
      const coord = `${yymmdd.slice(0, 4)}${Number(yymmdd.slice(4)) + 60}`;
      const input = `${coord}-222${luhnCheckDigit(`${coord}222`)}`;
      const res = await t.gql(
        CREATE,
        { input: { personalNumber: input, givenName: 'Samordning', familyName: 'Nummer' } },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.createYoungPerson.birthDate).toBe(birth);
      expect(res.data.createYoungPerson.personalNumber.slice(6, 8)).toBe(coord.slice(4));
    });

    it.each([
      ['0512319999', /check digit/],
      ['051332-1234', /valid date/],
      ['12-34', /10 or 12 digits/],
    ])('refuses %s naming the problem', async (input, problem) => {
      const res = await t.gql(
        CREATE,
        { input: { personalNumber: input, givenName: 'Bad', familyName: 'Number' } },
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(problem);
      expect(res.errors?.[0].message).not.toContain(input);
    });

    // A number held in another municipality is no conflict for the caller: see
    // no-existence-oracle.e2e-spec.ts (the record becomes a possible duplicate).
    it('refuses a duplicate of the own register with CONFLICT without saying whose', async () => {
      const { rows } = await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [
        ids.anna,
      ]);
      const res = await t.gql(
        CREATE,
        {
          input: {
            personalNumber: rows[0].personal_number,
            givenName: 'Dup',
            familyName: 'Licate',
          },
        },
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(JSON.stringify(res.errors)).not.toMatch(/Anna|Svensson|1287/);
    });

    it('refuses registering a person of another municipality', async () => {
      const n = personalNumberFor(birthDateForAge(17), 312);
      const res = await t.gql(
        CREATE,
        {
          input: {
            personalNumber: n.twelve,
            givenName: 'Other',
            familyName: 'Town',
            homeMunicipalityCode: '1280',
          },
        },
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('access', () => {
    it('the home youth team reads the person with derived register facts', async () => {
      const res = await t.gql(GET, { id: ids.anna }, coordinator.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.youngPerson).toMatchObject({
        givenName: 'Anna',
        inKaa: true,
        known: true,
        currentOccupation: { category: 'WORK' },
        age: 17,
        streetAddress: 'Hemligvägen 7',
      });
      expect(res.data.youngPerson.lastContactAt).not.toBeNull();
    });

    it('a Malmö coordinator gets NOT_FOUND for a Trelleborg person, on get and update', async () => {
      const get = await t.gql(GET, { id: ids.anna }, malmo.token);
      expect(get.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const upd = await t.gql(UPDATE, { id: ids.anna, input: { givenName: 'X' } }, malmo.token);
      expect(upd.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const { rows } = await t.db.query(`SELECT given_name FROM young_person WHERE id = $1`, [
        ids.anna,
      ]);
      expect(rows[0].given_name).toBe('Anna');
    });

    it('a Malmö coordinator’s list excludes Trelleborg and includes Malmö', async () => {
      const res = await t.gql(LIST, { first: 100 }, malmo.token);
      const got = res.data.youngPeople.edges.map((e: any) => e.node.id);
      expect(got).toContain(ids.malmo);
      expect(got).not.toContain(ids.anna);
      expect(got).not.toContain(ids.secret);
      const search = await t.gql(LIST, { search: 'Anna' }, malmo.token);
      expect(search.data.youngPeople.totalCount).toBe(0);
    });

    it.each([
      'manager',
      'orgAdmin',
      'admin',
      'auditor',
      'counsellor',
      'social',
      'labour',
      'association',
      'schoolCoordinator',
    ])('%s sees nothing: empty list, NOT_FOUND, no changes', async (who) => {
      const u = others[who];
      const list = await t.gql(LIST, { first: 100 }, u.token);
      expect(list.errors).toBeUndefined();
      expect(list.data.youngPeople).toMatchObject({ totalCount: 0, edges: [] });
      const get = await t.gql(GET, { id: ids.anna }, u.token);
      expect(get.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const upd = await t.gql(UPDATE, { id: ids.anna, input: { givenName: 'X' } }, u.token);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(upd.errors?.[0].extensions?.code);
    });
  });

  describe('protected identity', () => {
    const contactOf = (p: any) => ({
      streetAddress: p.streetAddress,
      postalCode: p.postalCode,
      city: p.city,
      phone: p.phone,
      email: p.email,
    });
    const hidden = { streetAddress: null, postalCode: null, city: null, phone: null, email: null };

    it('hides address and contact (and the guardians’) on get', async () => {
      const res = await t.gql(GET, { id: ids.secret }, coordinator.token);
      expect(res.errors).toBeUndefined();
      const p = res.data.youngPerson;
      expect(p.givenName).toBe('Sara');
      expect(contactOf(p)).toEqual(hidden);
      expect(p.contactHidden).toBe(true);
      expect(p.guardians).toEqual([
        {
          name: 'Förälder Skyddad',
          phone: null,
          email: null,
          streetAddress: null,
          declinedContact: false,
        },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/Hemligvägen|0709999999|0701234567|example\.se/);
    });

    it('hides them in lists', async () => {
      const res = await t.gql(LIST, { first: 100 }, coordinator.token);
      const node = res.data.youngPeople.edges.find((e: any) => e.node.id === ids.secret).node;
      expect(contactOf(node)).toEqual(hidden);
      const anna = res.data.youngPeople.edges.find((e: any) => e.node.id === ids.anna).node;
      expect(anna.streetAddress).toBe('Hemligvägen 7');
    });

    it('search never matches hidden fields', async () => {
      for (const term of ['Hemligvägen', '0701234567', 'hidden@example.se', '231 42']) {
        const res = await t.gql(LIST, { search: term }, coordinator.token);
        const got = res.data.youngPeople.edges.map((e: any) => e.node.id);
        expect(got).not.toContain(ids.secret);
      }
      const byName = await t.gql(LIST, { search: 'skyddad' }, coordinator.token);
      const node = byName.data.youngPeople.edges[0].node;
      expect(node.id).toBe(ids.secret);
      expect(contactOf(node)).toEqual(hidden);
      expect(JSON.stringify(byName.body)).not.toMatch(/Hemligvägen|0709999999|0701234567/);
    });

    it('a user with the PROTECTED_IDENTITY permission sees them', async () => {
      const res = await t.gql(GET, { id: ids.secret }, privileged.token);
      expect(res.data.youngPerson.streetAddress).toBe('Hemligvägen 7');
      expect(res.data.youngPerson.guardians[0].phone).toBe('0709999999');
      expect(res.data.youngPerson.contactHidden).toBe(false);
    });

    it('the update answer hides them too', async () => {
      const res = await t.gql(
        `mutation($id: ID!) { updateYoungPerson(id: $id, input: { preferredLanguage: "sv" }) { phone email streetAddress } }`,
        { id: ids.secret },
        coordinator.token,
      );
      expect(res.data.updateYoungPerson).toEqual({ phone: null, email: null, streetAddress: null });
    });
  });

  describe('filters and sort', () => {
    let f: Record<string, string>;
    beforeAll(async () => {
      f = {
        young: await insertPerson(t, { familyName: 'Filter-young', age: 16 }),
        old: await insertPerson(t, { familyName: 'Filter-old', age: 19 }),
        unknown: await insertPerson(t, { familyName: 'Filter-unknown', age: 18 }),
        school: await insertPerson(t, { familyName: 'Filter-school', age: 17 }),
      };
      await insertPeriod(t, f.unknown);
      await insertOccupation(t, f.unknown, 'UNKNOWN');
      await insertContact(
        t,
        f.unknown,
        new Date(testClock.now().getTime() - 40 * 86_400_000).toISOString(),
      );
      await insertSchooling(t, f.school, {
        type: 'NATIONAL',
        status: 'ACTIVE',
        school: 'Malmö Borgarskola',
      });
    });
    const names = async (vars: Record<string, unknown>) => {
      const res = await t.gql(LIST, { first: 100, search: 'Filter', ...vars }, coordinator.token);
      expect(res.errors).toBeUndefined();
      return res.data.youngPeople.edges.map((e: any) => e.node.familyName);
    };

    it('filters by age, register status, occupation, school and last contact', async () => {
      expect(await names({ minAge: 18 })).toEqual(['Filter-old', 'Filter-unknown']);
      expect(await names({ maxAge: 16 })).toEqual(['Filter-young']);
      expect(await names({ inKaa: true })).toEqual(['Filter-unknown']);
      expect(await names({ inKaa: false })).toEqual([
        'Filter-old',
        'Filter-school',
        'Filter-young',
      ]);
      expect(await names({ known: false, inKaa: true })).toEqual(['Filter-unknown']);
      expect(await names({ school: 'borgar' })).toEqual(['Filter-school']);
      expect(
        await names({
          before: new Date(testClock.now().getTime() - 10 * 86_400_000).toISOString(),
        }),
      ).toEqual(['Filter-unknown']);
      expect(
        await names({
          after2: new Date(testClock.now().getTime() - 10 * 86_400_000).toISOString(),
        }),
      ).toEqual([]);
      expect(await names({ never: true })).toEqual(['Filter-old', 'Filter-school', 'Filter-young']);
    });

    it('sorts and paginates with cursors', async () => {
      expect(await names({ sort: 'AGE_ASC' })).toEqual([
        'Filter-young',
        'Filter-school',
        'Filter-unknown',
        'Filter-old',
      ]);
      expect(await names({ sort: 'AGE_DESC' })).toEqual([
        'Filter-old',
        'Filter-unknown',
        'Filter-school',
        'Filter-young',
      ]);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: any = await t.gql(
          LIST,
          { first: 1, search: 'Filter', after, sort: 'LAST_CONTACT' },
          coordinator.token,
        );
        expect(res.data.youngPeople.totalCount).toBe(4);
        seen.push(...res.data.youngPeople.edges.map((e: any) => e.node.familyName));
        if (!res.data.youngPeople.pageInfo.hasNextPage) break;
        after = res.data.youngPeople.pageInfo.endCursor;
      }
      expect(seen.length).toBe(4);
      expect(seen[3]).toBe('Filter-unknown');
    });

    it('finds by personnummer in any form', async () => {
      const { rows } = await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [
        f.old,
      ]);
      const n: string = rows[0].personal_number;
      for (const term of [n, `${n.slice(2, 8)}-${n.slice(8)}`, n.slice(0, 8)]) {
        const res = await t.gql(LIST, { search: term }, coordinator.token);
        expect(res.data.youngPeople.edges.map((e: any) => e.node.id)).toContain(f.old);
      }
    });
  });

  describe('access log', () => {
    it('writes exactly one entry for a list page, with every young person id', async () => {
      const since = await lastLogId(t);
      const res = await t.gql(LIST, { first: 3 }, coordinator.token);
      const shown = res.data.youngPeople.edges.map((e: any) => e.node.id).sort();
      const rows = await logRowsSince(t, since);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'READ',
        subject_type: 'YOUNG_PERSON',
        legal_basis: 'STATUTORY_DUTY',
        actor_user_id: coordinator.id,
      });
      expect([...rows[0].young_person_ids].sort()).toEqual(shown);
    });

    it('logs a search as SEARCH', async () => {
      const since = await lastLogId(t);
      await t.gql(LIST, { search: 'Anna' }, coordinator.token);
      const rows = await logRowsSince(t, since);
      expect(rows.map((r) => r.action)).toEqual(['SEARCH']);
      expect(rows[0].young_person_ids).toEqual([ids.anna]);
    });

    it('writes exactly one entry for a get', async () => {
      const since = await lastLogId(t);
      await t.gql(GET, { id: ids.anna }, coordinator.token);
      const rows = await logRowsSince(t, since);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'READ', young_person_ids: [ids.anna] });
    });

    it('writes one entry for a change (and a read of what its answer shows beyond it), none for a refused one', async () => {
      let since = await lastLogId(t);
      await t.gql(UPDATE, { id: ids.anna, input: { preferredLanguage: 'sv' } }, coordinator.token);
      let rows = await logRowsSince(t, since);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        action: 'UPDATE',
        subject_type: 'YOUNG_PERSON',
        legal_basis: 'STATUTORY_DUTY',
        young_person_ids: [ids.anna],
      });
      // The answer shows givenName and homeMunicipalityCode, which the change did not write.
      expect(rows[1]).toMatchObject({
        action: 'READ',
        subject_type: 'YOUNG_PERSON',
        legal_basis: 'STATUTORY_DUTY',
        young_person_ids: [ids.anna],
      });
      since = await lastLogId(t);
      await t.gql(UPDATE, { id: ids.anna, input: { preferredLanguage: 'sv' } }, malmo.token);
      rows = await logRowsSince(t, since);
      expect(rows).toHaveLength(0);
    });

    it('an empty list writes nothing', async () => {
      const since = await lastLogId(t);
      await t.gql(LIST, {}, others.manager.token);
      expect(await logRowsSince(t, since)).toHaveLength(0);
    });
  });

  describe('guardians and schooling', () => {
    it('adds and updates a guardian who declines contact', async () => {
      const add = await t.gql(
        `mutation($id: ID!) { addGuardian(youngPersonId: $id, input: { name: "Vårdnadshavare Ett", phone: "0701111111" }) { id declinedContact } }`,
        { id: ids.anna },
        coordinator.token,
      );
      expect(add.errors).toBeUndefined();
      const upd = await t.gql(
        `mutation($id: ID!) { updateGuardian(id: $id, input: { declinedContact: true }) { declinedContact declinedContactAt phone } }`,
        { id: add.data.addGuardian.id },
        coordinator.token,
      );
      expect(upd.data.updateGuardian).toMatchObject({ declinedContact: true, phone: '0701111111' });
      expect(upd.data.updateGuardian.declinedContactAt).not.toBeNull();
      const other = await t.gql(
        `mutation($id: ID!) { updateGuardian(id: $id, input: { declinedContact: false }) { declinedContact } }`,
        { id: add.data.addGuardian.id },
        malmo.token,
      );
      expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('adds and ends a schooling', async () => {
      const add = await t.gql(
        `mutation($id: ID!) { addSchooling(input: { youngPersonId: $id, schoolName: "Söderslättsgymnasiet", programmeCode: "IMV", programmeType: INTRODUCTION, startDate: "2025-08-18" }) { id status } }`,
        { id: ids.anna },
        coordinator.token,
      );
      expect(add.data.addSchooling.status).toBe('ACTIVE');
      const end = await t.gql(
        `mutation($id: ID!) { endSchooling(id: $id, input: { endDate: "2025-12-01", status: INTERRUPTED }) { status endDate } }`,
        { id: add.data.addSchooling.id },
        coordinator.token,
      );
      expect(end.data.endSchooling).toEqual({ status: 'INTERRUPTED', endDate: '2025-12-01' });
      const malmoTry = await t.gql(
        `mutation($id: ID!) { addSchooling(input: { youngPersonId: $id, schoolName: "X", programmeCode: "EK", programmeType: NATIONAL, startDate: "2025-08-18" }) { id } }`,
        { id: ids.anna },
        malmo.token,
      );
      expect(malmoTry.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });
});
