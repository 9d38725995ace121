import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * seeds/004 rebuilt: Trelleborg's register October 2021 – February 2022 with "Aktuella i
 * IKE" 206 203 196 197 214, andel vetskap 74% 79% 81% 79% 78%, two closures to work
 * (restaurangbiträde, December and January) and one to studies (February).
 */
const AKTUELLA = ['206', '203', '196', '197', '214'];
const VETSKAP = ['74%', '79%', '81%', '79%', '78%'];
const CELL = '{ value suppressed display }';
const ROWS = `query($lang: ReportLanguage) { monthlyReport(fromMonth: "2021-10", toMonth: "2022-02") {
  smallCountsSuppressed rows(language: $lang) { key label cells ${CELL} total ${CELL} } } }`;
const DOC = `query($format: ReportDocumentFormat!, $lang: ReportLanguage, $sections: [ReportSectionInput!]) {
  monthlyReportDocument(fromMonth: "2021-10", toMonth: "2022-02", format: $format, language: $lang, sections: $sections) {
    fileName contentType base64 } }`;
const SECTIONS = [
  {
    title: 'Pågående arbete',
    text: 'Ungdomskoordinatorerna har under februari månad återupptagit hembesöken.',
  },
  { title: 'Samverkan', text: 'Samverkan med socialförvaltningen fortlöper.' },
];

async function seedSeeds004(t: TestApp): Promise<void> {
  const m = '1287';
  await t.db.query(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
     SELECT '2004' || lpad(rn::text, 8, '0'), '2004-03-03', 'Ung', 'P' || rn, $1 FROM generate_series(1, 224) rn`,
    [m],
  );
  const ids = `(SELECT id, substr(personal_number, 5)::int AS rn FROM young_person WHERE home_municipality_code = '${m}')`;
  await t.db.query(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
     SELECT p.id, $1,
       CASE WHEN p.rn = 207 THEN DATE '2022-01-10' WHEN p.rn >= 208 THEN DATE '2022-02-10' ELSE DATE '2021-09-01' END,
       'INTERRUPTED_STUDIES',
       CASE WHEN p.rn BETWEEN 197 AND 199 THEN DATE '2021-11-15' WHEN p.rn BETWEEN 200 AND 206 THEN DATE '2021-12-15' END,
       CASE WHEN p.rn BETWEEN 197 AND 206 THEN 'OTHER' END
     FROM ${ids} p`,
    [m],
  );
  const occupation = (from: number, to: number, category: string, validFrom: string) =>
    t.db.query(
      `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
       SELECT p.id, $1, $2, $3, 'YOUNG_PERSON' FROM ${ids} p WHERE p.rn BETWEEN $4 AND $5`,
      [m, category, validFrom, from, to],
    );
  await occupation(1, 152, 'WORK', '2021-10-01'); // October: 152 of 206 known
  await occupation(153, 160, 'WORK', '2021-11-01'); // November: 160 of 203
  await occupation(160, 160, 'UNKNOWN', '2021-12-01'); // December: 159 of 196
  await occupation(157, 159, 'UNKNOWN', '2022-01-01'); // January: 156 of 197
  await occupation(161, 171, 'WORK', '2022-02-01'); // February: 167 of 214
  const closure = (
    rn: number,
    kind: string,
    on: string,
    title: string | null,
    programme: string | null,
    code: string,
  ) =>
    t.db.query(
      `INSERT INTO kaa_closure (young_person_id, municipality_code, kind, closed_on, occupation_title, programme,
         occupation_field, programme_code)
       SELECT p.id, $1, $2, $3, $4, $5, $7, $8 FROM ${ids} p WHERE p.rn = $6`,
      [m, kind, on, title, programme, rn, title && code, programme && code],
    );
  // "Båda ungdomar avslutades till yrket restaurangbiträde. En ungdom avslutades till
  // studier på introduktionsprogrammen."
  await closure(1, 'WORK', '2021-12-10', 'Restaurangbiträde', null, 'HOTEL_RESTAURANT_CATERING');
  await closure(2, 'WORK', '2022-01-12', 'Restaurangbiträde', null, 'HOTEL_RESTAURANT_CATERING');
  await closure(3, 'STUDIES', '2022-02-14', null, 'IMA', 'IMA');
  // "Under perioden 211209 - 211222 har Arbetsmarknadsförvaltningen erbjudit 5 ungdomar
  // feriejobb i form av vägledningsaktiviteter. [...] 2 ungdomar kom ut på en praktikplats och
  // 2 ungdomar blev studiemotiverade och fick stöd i att ta kontakt med studie och
  // yrkesvägledare." Five summer jobs (rn 10–14, known since October), internships for two
  // in January, guidance offered to two more.
  const measure = (from: number, to: number, type: string, offered: string, ended: string | null) =>
    t.db.query(
      `INSERT INTO kaa_measure (young_person_id, municipality_code, type, provider, offered_on, start_date, end_date,
         status, end_reason)
       SELECT p.id, $1, $2, 'Arbetsmarknadsförvaltningen', $3, CASE WHEN $4::date IS NOT NULL THEN $3::date END, $4,
              CASE WHEN $4::date IS NULL THEN 'OFFERED' ELSE 'COMPLETED' END,
              CASE WHEN $4::date IS NOT NULL THEN 'GOAL_REACHED' END
         FROM ${ids} p WHERE p.rn BETWEEN $5 AND $6`,
      [m, type, offered, ended, from, to],
    );
  await measure(10, 14, 'SUMMER_JOB', '2021-12-09', '2021-12-22');
  await occupation(10, 11, 'INTERNSHIP', '2022-01-10');
  await measure(12, 13, 'STUDY_CAREER_GUIDANCE', '2022-01-12', null);
}

async function textOf(base64: string): Promise<string> {
  return (await pdfText(Buffer.from(base64, 'base64'))).text.replace(/\s+/g, ' ');
}

async function sheetRows(base64: string): Promise<Map<string, unknown[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows = new Map<string, unknown[]>();
  book.worksheets[0].eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.set(String(values[0] ?? ''), values.slice(1));
  });
  return rows;
}

describe('the monthly report as a document (seeds/004)', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let manager: TestUser;
  let counsellor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await createWorld(t, '1287');
    coordinator = await createUser(t, w.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    manager = await createUser(t, w.org.YOUTH_TEAM, [Role.MANAGER]);
    counsellor = await createUser(t, w.org.SCHOOL, [Role.COUNSELLOR]);
    await seedSeeds004(t);
  });
  afterAll(() => t.close());

  it('gives the seeds/004 figures in Swedish rows with totals, and English on request', async () => {
    const res = await t.gql(ROWS, {}, coordinator.token);
    expect(res.errors).toBeUndefined();
    const rows = new Map(res.data.monthlyReport.rows.map((r: any) => [r.key, r]));
    const aktuella: any = rows.get('inRegisterAtMonthEnd');
    expect(aktuella.label).toBe('Aktuella i IKE (i registret vid månadens slut)');
    expect(aktuella.cells.map((c: any) => c.display)).toEqual(AKTUELLA);
    expect(aktuella.total.display).toBe(''); // a state does not add up over months
    expect((rows.get('knownOccupationShare') as any).cells.map((c: any) => c.display)).toEqual(
      VETSKAP,
    );
    const work: any = rows.get('closuresToWork');
    expect([work.label, work.cells.map((c: any) => c.display), work.total.display]).toEqual([
      'Avslut till arbete',
      ['0', '0', '1', '1', '0'],
      '2',
    ]);
    expect((rows.get('closuresToStudies') as any).total.display).toBe('1');
    expect((rows.get('enteredRegister') as any).total.display).toBe('18');
    const en = await t.gql(ROWS, { lang: 'EN' }, coordinator.token);
    expect(en.data.monthlyReport.rows[0].label).toBe(
      'Current in IKE (in the register at month end)',
    );
    // The manager: the same rows with small cells (and totals built from them) suppressed.
    const mgr = await t.gql(ROWS, {}, manager.token);
    const mrows = new Map(mgr.data.monthlyReport.rows.map((r: any) => [r.key, r]));
    expect((mrows.get('inRegisterAtMonthEnd') as any).cells.map((c: any) => c.display)).toEqual(
      AKTUELLA,
    );
    expect((mrows.get('closuresToWork') as any).cells.map((c: any) => c.display)).toEqual(
      Array(5).fill('<5'),
    );
    expect((mrows.get('closuresToWork') as any).total).toEqual({
      value: null,
      suppressed: true,
      display: '<5',
    });
  });

  it('the XLSX carries the same cells as GraphQL, suppression included', async () => {
    for (const user of [coordinator, manager]) {
      const [json, doc] = await Promise.all([
        t.gql(ROWS, {}, user.token),
        t.gql(DOC, { format: 'XLSX' }, user.token),
      ]);
      expect(doc.errors).toBeUndefined();
      expect(doc.data.monthlyReportDocument).toMatchObject({
        fileName: 'kaa-manadsrapport-1287-2021-10-2022-02.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const sheet = await sheetRows(doc.data.monthlyReportDocument.base64);
      expect(sheet.get('Uppgift')).toEqual([
        'okt-21',
        'nov-21',
        'dec-21',
        'jan-22',
        'feb-22',
        'Totalt',
      ]);
      for (const row of json.data.monthlyReport.rows) {
        const expected = [...row.cells, row.total].map((c: any) => {
          if (c.suppressed) return '<5';
          if (c.value === null) return null;
          return row.key.endsWith('Share') ? c.value / 100 : c.value;
        });
        // Array.from: exceljs leaves holes for empty cells, which map() would skip.
        const got = Array.from(sheet.get(row.label) ?? [], (v) => (v === undefined ? null : v));
        while (got.length < expected.length) got.push(null);
        expect([row.key, got]).toEqual([row.key, expected]);
      }
    }
  });

  it('the PDF has the period, the sections, the table and the chart labels, with suppression', async () => {
    const doc = await t.gql(DOC, { format: 'PDF', sections: SECTIONS }, coordinator.token);
    expect(doc.errors).toBeUndefined();
    expect(doc.data.monthlyReportDocument.contentType).toBe('application/pdf');
    const bytes = Buffer.from(doc.data.monthlyReportDocument.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, bytes);
    const flat = await textOf(doc.data.monthlyReportDocument.base64);
    expect(flat).toContain('Kommunens aktivitetsansvar');
    expect(flat).toContain('Rapport avser perioden oktober 2021 – februari 2022');
    expect(flat).toContain('Pågående arbete');
    expect(flat).toContain('återupptagit hembesöken');
    expect(flat).toContain('Samverkan');
    expect(flat).toContain('Månad för månad');
    expect(flat).toContain(`Aktuella i IKE (i registret vid månadens slut) ${AKTUELLA.join(' ')}`);
    expect(flat).toContain(`Andel vetskap ${VETSKAP.join(' ')}`);
    expect(flat).toContain('Avslut till arbete 0 0 1 1 0 2');
    expect(flat).toContain(
      'Avslut till arbete 0 0 1 1 0 2 Varav Hotell, restaurang, storhushåll 0 0 1 1 0 2',
    );
    expect(flat).toContain(
      'Avslut till studier 0 0 0 0 1 1 Varav Individuellt alternativ (IMA) 0 0 0 0 1 1',
    );
    expect(flat).toContain('okt-21 nov-21 dec-21 jan-22 feb-22 Totalt');
    // "5 ungdomar feriejobb [...] 2 ungdomar kom ut på en praktikplats".
    expect(flat).toContain('Insatser, Feriejobb: genomförda 0 0 5 0 0 5');
    expect(flat).toContain('Insatser, Feriejobb: därefter praktik 0 0 2 0 0 2');
    expect(flat).toContain(
      'Insatser, Feriejobb: ingen känd sysselsättning inom 30 dagar 0 0 3 0 0 3',
    );
    expect(flat).toContain('Insatser, Studie- och yrkesvägledning: erbjudna 0 0 0 2 0 2');
    expect(flat).not.toContain('<5');

    const mgr = await t.gql(DOC, { format: 'PDF' }, manager.token);
    const m = await textOf(mgr.data.monthlyReportDocument.base64);
    expect(m).toContain(`Aktuella i IKE (i registret vid månadens slut) ${AKTUELLA.join(' ')}`);
    expect(m).toContain('Avslut till arbete <5 <5 <5 <5 <5 <5');
    expect(m).toContain('Insatser, Feriejobb: genomförda <5 <5 5 <5 <5 <5');
    expect(m).toContain('Insatser, Feriejobb: därefter praktik <5 <5 <5 <5 <5 <5');
    expect(m).toContain('Celler med färre än 5 ungdomar visas som "<5".');
  });

  it('is refused to roles without the report, logged as EXPORT without young-person ids', async () => {
    const school = await t.gql(DOC, { format: 'PDF' }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await t.gql(DOC, { format: 'DOCX' }, coordinator.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const logs = await t.db.query(
      `SELECT action, young_person_ids FROM access_log WHERE actor_user_id = $1 AND subject_type = 'MONTHLY_REPORT'`,
      [manager.id],
    );
    // The XLSX and the PDF of the tests above.
    expect(logs.rows.filter((r) => r.action === 'EXPORT').length).toBe(2);
    for (const r of logs.rows) expect(r.young_person_ids ?? []).toEqual([]);
  });
});
