import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  createYoungPerson,
  personalNumberFor,
} from '../outreach/outreach-fixtures';

const IMPORT = `mutation($i: ImportYoungPeopleInput!) {
  importYoungPeople(input: $i) {
    dryRun imported rowsRead youngPeopleCreated youngPeopleAlreadyRegistered wouldCreate schoolingCreated
    schoolingSkipped errorCount warningCount errors { row column code message } warnings { row column code }
  }
}`;

const HEADER =
  'personnummer;given_name;family_name;home_municipality;address;postal_code;city;phone;email;school;programme_code;programme_type;start_date;end_date;status';

let serial = 400;
/** A 10-digit personnummer with '-' (the common written form) and its 12-digit form. */
function pn(age = 17): { short: string; full: string } {
  const full = personalNumberFor(birthDateForAge(age), serial++);
  return { full, short: `${full.slice(2, 8)}-${full.slice(8)}` };
}

function row(p: string, o: Partial<Record<string, string>> = {}): string {
  const v = {
    given_name: 'Alva',
    family_name: 'Import',
    home_municipality: '1287',
    address: '"Storgatan 1, lgh 1102"',
    postal_code: '23142',
    city: 'Trelleborg',
    phone: '0410-123 45',
    email: 'alva@example.se',
    school: 'Söderslättsgymnasiet',
    programme_code: 'na',
    programme_type: 'NATIONAL',
    start_date: '2024-08-19',
    end_date: '2025-03-01',
    status: 'INTERRUPTED',
    ...o,
  };
  return [
    p,
    v.given_name,
    v.family_name,
    v.home_municipality,
    v.address,
    v.postal_code,
    v.city,
    v.phone,
    v.email,
    v.school,
    v.programme_code,
    v.programme_type,
    v.start_date,
    v.end_date,
    v.status,
  ].join(';');
}

describe('young-people CSV import', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
  });
  afterAll(() => t.close());

  const people = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM young_person`)).rows[0].n as number;
  const schooling = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM schooling`)).rows[0].n as number;
  const run = (csv: string, token = coordinator.token, dryRun = false) =>
    t.gql(IMPORT, { i: { csv, dryRun } }, token);

  it('imports valid rows, normalising personnummer and postal code, and logs one batch', async () => {
    const [a, b] = [pn(), pn(19)];
    const csv = [
      HEADER,
      row(a.short),
      row(b.full, {
        end_date: '',
        status: 'ACTIVE',
        programme_code: 'IMV',
        programme_type: 'introduction',
      }),
      '',
    ].join('\r\n');
    const res = await run(csv);
    expect(res.errors).toBeUndefined();
    expect(res.data.importYoungPeople).toMatchObject({
      imported: true,
      rowsRead: 2,
      youngPeopleCreated: 2,
      schoolingCreated: 2,
      errorCount: 0,
      errors: [],
    });
    const { rows } = await t.db.query(
      `SELECT yp.personal_number, yp.street_address, yp.postal_code, s.programme_code, s.programme_type, s.status
       FROM young_person yp JOIN schooling s ON s.young_person_id = yp.id WHERE yp.personal_number = ANY($1) ORDER BY s.programme_code`,
      [[a.full, b.full]],
    );
    expect(rows).toEqual([
      {
        personal_number: b.full,
        street_address: 'Storgatan 1, lgh 1102',
        postal_code: '231 42',
        programme_code: 'IMV',
        programme_type: 'INTRODUCTION',
        status: 'ACTIVE',
      },
      {
        personal_number: a.full,
        street_address: 'Storgatan 1, lgh 1102',
        postal_code: '231 42',
        programme_code: 'NA',
        programme_type: 'NATIONAL',
        status: 'INTERRUPTED',
      },
    ]);
    const log = await t.db.query(
      `SELECT subject_type, cardinality(young_person_ids) AS n, legal_basis FROM access_log WHERE action = 'CREATE' AND actor_user_id = $1 ORDER BY subject_type`,
      [coordinator.id],
    );
    expect(log.rows).toEqual([
      { subject_type: 'SCHOOLING', n: 2, legal_basis: 'STATUTORY_DUTY' },
      { subject_type: 'YOUNG_PERSON', n: 2, legal_basis: 'STATUTORY_DUTY' },
    ]);
  });

  it('one bad row imports nothing and names the row and column', async () => {
    const [before, beforeSchool] = [await people(), await schooling()];
    const csv = [
      HEADER,
      row(pn().short),
      row(pn().short, { programme_type: 'GYMNASIUM' }),
      row(pn().short),
    ].join('\n');
    const res = await run(csv);
    expect(res.data.importYoungPeople).toMatchObject({
      imported: false,
      rowsRead: 3,
      errorCount: 1,
    });
    expect(res.data.importYoungPeople.errors).toEqual([
      {
        row: 3,
        column: 'programme_type',
        code: 'INVALID_VALUE',
        message: expect.stringContaining('NATIONAL'),
      },
    ]);
    expect(await people()).toBe(before);
    expect(await schooling()).toBe(beforeSchool);
  });

  it('reports every problem of a row, without echoing personal data', async () => {
    const good = pn();
    const badCheck = `${good.short.slice(0, 10)}${(Number(good.short[10]) + 1) % 10}`;
    const csv = [
      HEADER,
      row(badCheck),
      row('991332-1234'),
      row(pn().short, {
        given_name: '',
        postal_code: '1234',
        start_date: '2024-02-30',
        home_municipality: '1280',
      }),
      row(pn().short, { end_date: '2023-01-01' }),
      row(pn().short, { end_date: '', status: 'COMPLETED' }),
    ].join('\n');
    const res = await run(csv);
    const errors = res.data.importYoungPeople.errors.map((e: any) => [e.row, e.column, e.code]);
    expect(errors).toEqual([
      [2, 'personnummer', 'PERSONAL_NUMBER_CHECK_DIGIT'],
      [3, 'personnummer', 'PERSONAL_NUMBER_DATE'],
      [4, 'given_name', 'REQUIRED'],
      [4, 'home_municipality', 'OTHER_MUNICIPALITY'],
      [4, 'postal_code', 'INVALID_FORMAT'],
      [4, 'start_date', 'INVALID_DATE'],
      [5, 'end_date', 'END_BEFORE_START'],
      [6, 'status', 'STATUS_END_DATE_MISMATCH'],
    ]);
    expect(JSON.stringify(res.data)).not.toContain(badCheck);
    expect(res.data.importYoungPeople.imported).toBe(false);
  });

  // A number held outside the own register is imported like a new one (no existence
  // oracle): see test/young-people/no-existence-oracle.e2e-spec.ts.
  it('reports duplicates in the file and against the own register, not against other municipalities', async () => {
    const dup = pn();
    const mine = pn();
    await run([HEADER, row(mine.short)].join('\n'));
    const elsewhere = await createYoungPerson(t, {
      municipality: '1280',
      birthDate: birthDateForAge(18),
    });
    const other = (
      await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [elsewhere])
    ).rows[0].personal_number;
    const before = await people();
    const res = await run(
      [
        HEADER,
        row(dup.short),
        row(mine.full, { start_date: '2025-08-18', end_date: '', status: 'ACTIVE' }),
        row(dup.full),
        row(other),
      ].join('\n'),
    );
    const r = res.data.importYoungPeople;
    expect(r.errors.map((e: any) => [e.row, e.column, e.code, e.message])).toEqual([
      [4, 'personnummer', 'DUPLICATE_IN_FILE', 'same personnummer as row 2'],
    ]);
    expect(r.warnings).toEqual([{ row: 3, column: 'personnummer', code: 'ALREADY_REGISTERED' }]);
    expect(await people()).toBe(before);

    // Without the failing rows: the existing person keeps their data and gains the new schooling.
    const ok = await run(
      [
        HEADER,
        row(dup.short),
        row(mine.full, {
          given_name: 'Changed',
          start_date: '2025-08-18',
          end_date: '',
          status: 'ACTIVE',
        }),
      ].join('\n'),
    );
    expect(ok.data.importYoungPeople).toMatchObject({
      imported: true,
      youngPeopleCreated: 1,
      youngPeopleAlreadyRegistered: 1,
      schoolingCreated: 2,
      warningCount: 1,
    });
    const kept = await t.db.query(
      `SELECT given_name FROM young_person WHERE personal_number = $1`,
      [mine.full],
    );
    expect(kept.rows[0].given_name).toBe('Alva');
    const again = await run([HEADER, row(dup.short)].join('\n'));
    expect(again.data.importYoungPeople).toMatchObject({
      imported: true,
      youngPeopleCreated: 0,
      schoolingCreated: 0,
      schoolingSkipped: 1,
    });
  });

  it('a dry run validates everything and writes nothing', async () => {
    const before = await people();
    const res = await run(
      [HEADER, row(pn().short), row(pn().short)].join('\n'),
      coordinator.token,
      true,
    );
    expect(res.data.importYoungPeople).toMatchObject({
      dryRun: true,
      imported: false,
      wouldCreate: 2,
      youngPeopleCreated: 0,
      errorCount: 0,
    });
    expect(await people()).toBe(before);
  });

  it('header problems are reported on row 1', async () => {
    const res = await run('personnummer,given_name,shoe_size\n19990101-0000,A,42');
    const codes = res.data.importYoungPeople.errors.map((e: any) => [e.row, e.column, e.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [1, 'shoe_size', 'UNKNOWN_COLUMN'],
        [1, 'family_name', 'MISSING_COLUMN'],
        [1, 'home_municipality', 'MISSING_COLUMN'],
      ]),
    );
  });

  it('Malmö cannot import into Trelleborg; other roles may not import', async () => {
    const before = await people();
    const res = await run([HEADER, row(pn().short)].join('\n'), malmo.token);
    expect(res.data.importYoungPeople.errors[0]).toMatchObject({
      row: 2,
      column: 'home_municipality',
      code: 'OTHER_MUNICIPALITY',
    });
    const school = await run([HEADER, row(pn().short)].join('\n'), counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await people()).toBe(before);
  });

  describe('REST stream', () => {
    const post = (body: string, token?: string, query = '') => {
      const req = t.http().post(`/imports/young-people${query}`).set('content-type', 'text/csv');
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.send(body);
    };
    const bulk = (n: number, bad?: number) => {
      const lines = [HEADER];
      for (let i = 0; i < n; i++) {
        const full = personalNumberFor(
          i < 999 ? '2008-03-01' : i < 1998 ? '2008-03-02' : '2008-03-03',
          i % 999,
        );
        lines.push(row(full, i === bad ? { start_date: 'yesterday' } : {}));
      }
      return lines.join('\n');
    };

    it('a 2 500-row file with one bad row near the end imports nothing (batches rolled back)', async () => {
      const before = await people();
      const res = await post(bulk(2500, 2300), coordinator.token);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ row: 2302, column: 'start_date', code: 'INVALID_DATE' }),
      ]);
      expect(await people()).toBe(before);
    });

    it('imports 2 500 rows in batches, refreshing the statistics of the tables it grows', async () => {
      // Manual ANALYZEs (autovacuum counts apart): the import's own, inside its transaction.
      const analyzed = async () =>
        (
          await t.db.query(
            `SELECT coalesce(sum(analyze_count), 0)::int AS n FROM pg_stat_user_tables
              WHERE relname IN ('young_person', 'schooling')`,
          )
        ).rows[0].n as number;
      const analyzedBefore = await analyzed();
      const before = await people();
      const dry = await post(bulk(2500), coordinator.token, '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, wouldCreate: 2500 });
      const res = await post(bulk(2500), coordinator.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        imported: true,
        youngPeopleCreated: 2500,
        schoolingCreated: 2500,
      });
      expect(await people()).toBe(before + 2500);
      // Counters reach the shared statistics within a second of the import's backend idling.
      let after = await analyzed();
      for (let i = 0; i < 50 && after < analyzedBefore + 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await analyzed();
      }
      expect(after).toBeGreaterThanOrEqual(analyzedBefore + 2);
    });

    it('needs a token, the right role and text/csv', async () => {
      expect((await post(bulk(1))).status).toBe(401);
      const forbidden = await post(bulk(1), counsellor.token);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const json = await t
        .http()
        .post('/imports/young-people')
        .set('authorization', `Bearer ${coordinator.token}`)
        .send({ a: 1 });
      expect(json.status).toBe(415);
    });
  });
});
