import ExcelJS from 'exceljs';
import { Permission, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const EXPORT = `query($format: ExportFormat!, $onDate: String, $from: String, $to: String) {
  kaaRegisterExport(format: $format, onDate: $onDate, from: $from, to: $to) { fileName contentType rowCount base64 } }`;
const HEADER = [
  'Personnummer',
  'Förnamn',
  'Efternamn',
  'Ålder',
  'Adress',
  'Postnummer',
  'Ort',
  'Telefon',
  'Inskriven',
  'Inskrivningsorsak',
  'Utskriven',
  'Utskrivningsorsak',
  'Sysselsättning',
  'Ansvarig',
  'Nästa uppföljning',
];
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

/** The register from January to March 2026, counted by hand (ages on 31 March). */
const Q1_ROWS = [
  // Al: entered in March; no occupation recorded.
  [
    '20080505-1236',
    'Cia',
    'Al',
    '17',
    'Hamngatan 3',
    '23142',
    'Trelleborg',
    '0707654321',
    '2026-03-05',
    'Har inte börjat gymnasiet',
    '',
    '',
    'Okänd',
    '',
    '',
  ],
  // Berg: turns 19 on the last day; work from February (studies from April is after it).
  [
    '20070331-0008',
    'Alva',
    'Berg',
    '19',
    'Storgatan 1',
    '23132',
    'Trelleborg',
    '0701234567',
    '2026-01-10',
    'Avbrutna studier',
    '',
    '',
    'Arbete',
    'Test YOUTH_COORDINATOR',
    '2026-04-01',
  ],
  // Ek: protected identity, so no address or phone in any file; left in February.
  [
    '20060601-0003',
    'Bo',
    'Ek',
    '19',
    '',
    '',
    '',
    '',
    '2025-09-01',
    'Inflyttad',
    '2026-02-15',
    'Började studera',
    'Okänd',
    '',
    '',
  ],
];

function csvRows(base64: string): string[][] {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

async function xlsxRows(base64: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('KAA-register')!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= HEADER.length; i++) {
      const v = row.getCell(i).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

describe('KAA register export (CSV, XLSX)', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let privileged: TestUser;
  let malmo: TestUser;
  const others: Record<string, TestUser> = {};
  const periods: Record<string, string> = {};
  const people: Record<string, string> = {};

  const person = async (
    key: string,
    pn: string,
    given: string,
    family: string,
    home: string,
    contact: [string, string, string, string] | null,
    protectedIdentity = false,
  ) => {
    const { rows } = await t.db.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
         street_address, postal_code, city, phone, protected_identity)
       VALUES ($1, $10, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        pn,
        given,
        family,
        home,
        ...(contact ?? [null, null, null, null]),
        protectedIdentity,
        `${pn.slice(0, 4)}-${pn.slice(4, 6)}-${pn.slice(6, 8)}`,
      ],
    );
    people[key] = rows[0].id;
  };
  const period = async (
    key: string,
    municipality: string,
    entry: string,
    reason: string,
    exit: [string, string] | null = null,
    extra: { responsible?: string; followUp?: string } = {},
  ) => {
    const { rows } = await t.db.query(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason,
         responsible_user_id, next_follow_up_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        people[key],
        municipality,
        entry,
        reason,
        exit?.[0] ?? null,
        exit?.[1] ?? null,
        extra.responsible ?? null,
        extra.followUp ?? null,
      ],
    );
    periods[key] = rows[0].id;
  };
  const occupation = (key: string, category: string, validFrom: string) =>
    t.db.query(
      `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
       VALUES ($1, '1287', $2, $3, 'YOUNG_PERSON')`,
      [people[key], category, validFrom],
    );
  const exportOf = (user: TestUser, variables: Record<string, unknown>) =>
    t.gql(EXPORT, { format: 'CSV', ...variables }, user.token);

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
    others.auditor = await createUser(t, tbg.org.OTHER, [Role.AUDITOR]);
    others.counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    others.social = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    others.employment = await createUser(t, tbg.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);

    await person('al', '200805051236', 'Cia', 'Al', '1287', [
      'Hamngatan 3',
      '23142',
      'Trelleborg',
      '0707654321',
    ]);
    await person('berg', '200703310008', 'Alva', 'Berg', '1287', [
      'Storgatan 1',
      '23132',
      'Trelleborg',
      '0701234567',
    ]);
    await person(
      'ek',
      '200606010003',
      'Bo',
      'Ek',
      '1287',
      ['Hemlig väg 9', '23100', 'Trelleborg', '0700000000'],
      true,
    );
    await person('dahl', '200512310004', 'Dan', 'Dahl', '1287', null);
    await person('moved', '200802020002', 'Eva', 'Fors', '1280', [
      'Malmövägen 1',
      '21100',
      'Malmö',
      '0709999999',
    ]);
    await person('malmo', '200801010001', 'Gun', 'Gran', '1280', null);
    await period('al', '1287', '2026-03-05', 'NEVER_STARTED');
    await period('berg', '1287', '2026-01-10', 'INTERRUPTED_STUDIES', null, {
      responsible: coordinator.id,
      followUp: '2026-04-01',
    });
    await period('ek', '1287', '2025-09-01', 'MOVED_IN', ['2026-02-15', 'STARTED_STUDIES']);
    await period('dahl', '1287', '2025-08-01', 'INTERRUPTED_STUDIES', ['2025-12-31', 'TURNED_20']);
    // Trelleborg's period of someone now living in Malmö: no longer Trelleborg's to export.
    await period('moved', '1287', '2025-10-01', 'INTERRUPTED_STUDIES');
    await period('malmo', '1280', '2026-01-01', 'NEVER_STARTED');
    await occupation('berg', 'WORK', '2026-02-01');
    await occupation('berg', 'STUDIES', '2026-04-10');
    await occupation('ek', 'UNKNOWN', '2025-10-01');
  });
  afterAll(() => t.close());

  it('exports the periods open over a quarter as CSV with Swedish headings, the protected address left out', async () => {
    const res = await exportOf(coordinator, Q1);
    expect(res.errors).toBeUndefined();
    expect(res.data.kaaRegisterExport).toMatchObject({
      fileName: 'kaa-register-1287-2026-01-01--2026-03-31.csv',
      contentType: 'text/csv; charset=utf-8',
      rowCount: 3,
    });
    expect(csvRows(res.data.kaaRegisterExport.base64)).toEqual([HEADER, ...Q1_ROWS]);
    // The PROTECTED_IDENTITY permission shows Ek's address on screen, never in a file.
    const privilegedFile = await exportOf(privileged, Q1);
    expect(csvRows(privilegedFile.data.kaaRegisterExport.base64)[3].slice(4, 8)).toEqual([
      '',
      '',
      '',
      '',
    ]);
  });

  it('exports the periods open on one date, and the same rows as XLSX', async () => {
    // 15 February: Berg, and Ek on the day he left. Al had not entered; Dahl had left.
    const csv = await exportOf(coordinator, { onDate: '2026-02-15' });
    const rows = csvRows(csv.data.kaaRegisterExport.base64);
    expect(rows.map((r) => [r[2], r[3], r[12]])).toEqual([
      ['Efternamn', 'Ålder', 'Sysselsättning'],
      ['Berg', '18', 'Arbete'],
      ['Ek', '19', 'Okänd'],
    ]);
    const dec = csvRows(
      (await exportOf(coordinator, { onDate: '2025-12-31' })).data.kaaRegisterExport.base64,
    );
    expect(dec.slice(1).map((r) => [r[2], r[10], r[11]])).toEqual([
      ['Dahl', '2025-12-31', 'Fyllt 20'],
      // The period as it stands today: Ek's later exit is on the row.
      ['Ek', '2026-02-15', 'Började studera'],
    ]);
    const xlsx = await t.gql(EXPORT, { format: 'XLSX', ...Q1 }, coordinator.token);
    expect(xlsx.errors).toBeUndefined();
    expect(xlsx.data.kaaRegisterExport.fileName).toBe(
      'kaa-register-1287-2026-01-01--2026-03-31.xlsx',
    );
    expect(await xlsxRows(xlsx.data.kaaRegisterExport.base64)).toEqual([HEADER, ...Q1_ROWS]);
    // Malmö's coordinator: Malmö's register only.
    const mmo = csvRows((await exportOf(malmo, Q1)).data.kaaRegisterExport.base64);
    expect(mmo.slice(1).map((r) => r[2])).toEqual(['Gran']);
  });

  it('writes one access-log entry with every period and person of the file and what it showed', async () => {
    const before = await t.db.query(`SELECT max(id) AS id FROM access_log`);
    await exportOf(coordinator, Q1);
    const { rows } = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids, fields, legal_basis, subject_municipality_code
         FROM access_log WHERE id > $1 AND actor_user_id = $2`,
      [before.rows[0].id ?? 0, coordinator.id],
    );
    expect(rows).toHaveLength(1);
    const keys = ['al', 'berg', 'ek'];
    expect(rows[0]).toMatchObject({
      action: 'EXPORT',
      subject_type: 'KAA_REGISTER',
      legal_basis: 'STATUTORY_DUTY',
      subject_municipality_code: '1287',
      subject_ids: keys.map((k) => periods[k]),
      young_person_ids: keys.map((k) => people[k]),
    });
    expect(rows[0].fields).toEqual(
      expect.arrayContaining([
        'personalNumber',
        'occupation',
        'streetAddress',
        'phone',
        'selection:2026-01-01--2026-03-31',
      ]),
    );
  });

  it('sends as many statements for 53 rows as for 3', async () => {
    const count = async () => {
      t.sql.reset();
      const res = await exportOf(coordinator, Q1);
      expect(res.errors).toBeUndefined();
      return [res.data.kaaRegisterExport.rowCount, t.sql.count];
    };
    const [few, small] = await count();
    await t.db.query(`
      WITH yp AS (
        INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
        SELECT '200901' || lpad(i::text, 6, '0'), '2009-01-15', 'Bulk', 'Bulk' || i, '1287'
        FROM generate_series(1, 50) i RETURNING id)
      INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason)
      SELECT id, '1287', '2026-02-01', 'NEVER_STARTED' FROM yp`);
    const [many, large] = await count();
    expect([few, many]).toEqual([3, 53]);
    expect(large).toBe(small);
  });

  it('refuses other roles with FORBIDDEN and bad selections with BAD_USER_INPUT, logging nothing', async () => {
    const before = Number(
      (await t.db.query(`SELECT count(*) FROM access_log WHERE subject_type = 'KAA_REGISTER'`))
        .rows[0].count,
    );
    for (const [role, user] of Object.entries(others)) {
      const res = await exportOf(user, Q1);
      expect([role, res.errors?.[0].extensions?.code, res.data]).toEqual([role, 'FORBIDDEN', null]);
    }
    const bad: Record<string, unknown>[] = [
      { onDate: '2026-02-15', from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-01-01' },
      { from: '2026-03-31', to: '2026-01-01' },
      { onDate: '2026-02-30' },
      { onDate: '15/2 2026' },
      { from: '2020-01-01', to: '2026-01-02' },
      { format: 'PDF' },
    ];
    for (const args of bad) {
      const res = await exportOf(coordinator, args);
      expect([args, res.errors?.[0].extensions?.code]).toEqual([args, 'BAD_USER_INPUT']);
    }
    const after = Number(
      (await t.db.query(`SELECT count(*) FROM access_log WHERE subject_type = 'KAA_REGISTER'`))
        .rows[0].count,
    );
    expect(after).toBe(before);
  });
});
