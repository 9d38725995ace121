import ExcelJS from 'exceljs';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { Role } from '../../src/identity/role.enum';
import { createUser, TestUser } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportWorld } from './report-world';

const CELL = '{ value suppressed display }';
const FIGURES = [
  'offered',
  'started',
  'completed',
  'aborted',
  'endedStartedWork',
  'endedStartedStudies',
];
const MEASURES = `type ${FIGURES.map((f) => `${f} ${CELL}`).join(' ')}`;
const REPORT = `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
  smallCountsSuppressed
  months { month measures { ${MEASURES} } }
  measureTotals { ${MEASURES} }
  rows { key label cells ${CELL} total ${CELL} } } }`;
const CSV = `query($from: String!, $to: String!) { monthlyReportCsv(fromMonth: $from, toMonth: $to) { csv } }`;

type Cell = { value: number | null; suppressed: boolean; display: string };
type Measures = Record<string, Cell> & { type: string };
const counts = (list: Measures[]) => list.map((m) => [m.type, ...FIGURES.map((f) => m[f].value)]);

const AFTER = `type occupation measures ${CELL}`;
const AFTER_REPORT = `query($from: String!, $to: String!, $lang: ReportLanguage) {
  monthlyReport(fromMonth: $from, toMonth: $to) {
  smallCountsSuppressed
  months { month measures { ${MEASURES} } occupationAfterMeasures { ${AFTER} } }
  occupationAfterMeasureTotals { ${AFTER} }
  rows(language: $lang) { key label cells ${CELL} total ${CELL} } } }`;
const DOCUMENT = `query($from: String!, $to: String!, $format: ReportDocumentFormat!) {
  monthlyReportDocument(fromMonth: $from, toMonth: $to, format: $format) { base64 } }`;
type After = { type: string; occupation: string | null; measures: Cell };
const after = (list: After[], show: (c: Cell) => unknown = (c) => c.value) =>
  list.map((a) => [a.type, a.occupation, show(a.measures)]);

describe('monthly report: measures by type and outcome', () => {
  let t: TestApp;
  let tbg: ReportWorld;
  let manager: TestUser;

  const measure = async (
    w: ReportWorld,
    type: string,
    offered: string,
    started: string | null,
    ended: string | null,
    status: string,
    reason: string | null,
  ): Promise<string> => {
    const person = await w.person();
    await t.db.query(
      `INSERT INTO kaa_measure (young_person_id, municipality_code, type, provider, offered_on, start_date,
         end_date, status, end_reason)
       VALUES ($1, $2, $3, 'Anordnare', $4, $5, $6, $7, $8)`,
      [person, w.code, type, offered, started, ended, status, reason],
    );
    return person;
  };

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await new ReportWorld(t, '1287').init();
    const mmo = await new ReportWorld(t, '1280').init();
    manager = await createUser(t, tbg.org.OTHER, [Role.MANAGER]);
    const m = (...a: [string, string, string | null, string | null, string, string | null]) =>
      measure(tbg, ...a);
    // Five internships offered and started in March: two end in work, one is aborted in April.
    await m('INTERNSHIP', '2026-03-02', '2026-03-10', '2026-04-20', 'COMPLETED', 'STARTED_WORK');
    await m('INTERNSHIP', '2026-03-02', '2026-03-10', '2026-04-20', 'COMPLETED', 'STARTED_WORK');
    await m('INTERNSHIP', '2026-03-02', '2026-03-10', '2026-04-05', 'ABORTED', 'STOPPED_ATTENDING');
    await m('INTERNSHIP', '2026-03-02', '2026-03-10', null, 'ONGOING', null);
    await m('INTERNSHIP', '2026-03-02', '2026-03-10', null, 'ONGOING', null);
    await m('INTERNSHIP', '2026-03-31', null, null, 'OFFERED', null);
    // Offered in February (outside), started on 1 March, completed on 31 March.
    await m('INTERNSHIP', '2026-02-20', '2026-03-01', '2026-03-31', 'COMPLETED', 'GOAL_REACHED');
    await m('COACHING', '2026-03-03', null, null, 'DECLINED', 'DECLINED_BY_YOUNG_PERSON');
    await m(
      'STUDY_CAREER_GUIDANCE',
      '2026-04-01',
      '2026-04-01',
      '2026-04-02',
      'COMPLETED',
      'STARTED_STUDIES',
    );
    await m('MENTORSHIP', '2026-05-01', null, null, 'OFFERED', null); // after the range
    await measure(mmo, 'INTERNSHIP', '2026-03-05', '2026-03-06', null, 'ONGOING', null); // Malmö

    // Occupation after a measure ended, October–November 2025, counted by hand. Ten guidance
    // measures end in October (nine on the 10th, one on the 31st), six internships in November.
    const ended = (w: ReportWorld, type: string, on: string, status = 'COMPLETED') =>
      measure(w, type, '2025-09-01', '2025-09-01', on, status, 'GOAL_REACHED');
    const guidance = () => ended(tbg, 'STUDY_CAREER_GUIDANCE', '2025-10-10');
    await tbg.occupation(await guidance(), 'STUDIES', '2025-10-10'); // on the end date: STUDIES
    await tbg.occupation(await guidance(), 'WORK', '2025-11-09'); // day 30: WORK
    await tbg.occupation(await guidance(), 'WORK', '2025-11-10'); // day 31: none
    let p = await guidance(); // two: the first counts (INTERNSHIP)
    await tbg.occupation(p, 'INTERNSHIP', '2025-10-15');
    await tbg.occupation(p, 'STUDIES', '2025-10-20');
    await guidance(); // no occupation at all: none
    await tbg.occupation(await guidance(), 'WORK', '2025-10-09'); // began the day before: none
    p = await guidance(); // UNKNOWN is not known: the next one (NOTHING) counts
    await tbg.occupation(p, 'UNKNOWN', '2025-10-12');
    await tbg.occupation(p, 'NOTHING', '2025-10-14');
    p = await guidance(); // two on one date: the later recorded one (STUDIES) holds
    await tbg.occupation(p, 'WORK', '2025-10-13', '2025-10-13T08:00:00Z');
    await tbg.occupation(p, 'STUDIES', '2025-10-13', '2025-10-13T09:00:00Z');
    await mmo.occupation(await guidance(), 'WORK', '2025-10-12'); // Malmö's record: none
    p = await ended(tbg, 'STUDY_CAREER_GUIDANCE', '2025-10-31', 'ABORTED'); // October's, in November
    await tbg.occupation(p, 'WORK', '2025-11-05');
    p = await ended(tbg, 'STUDY_CAREER_GUIDANCE', '2025-09-30'); // September's: not in the range
    await tbg.occupation(p, 'WORK', '2025-10-05');
    for (let i = 0; i < 5; i++)
      await tbg.occupation(await ended(tbg, 'INTERNSHIP', '2025-11-20'), 'WORK', '2025-11-24');
    await ended(tbg, 'INTERNSHIP', '2025-11-20');
    await measure(tbg, 'INTERNSHIP', '2025-09-01', '2025-09-01', null, 'ONGOING', null); // not ended
    await mmo.occupation(await ended(mmo, 'INTERNSHIP', '2025-11-20'), 'WORK', '2025-11-21'); // Malmö
  });
  afterAll(() => t.close());

  const report = (token: string) => t.gql(REPORT, { from: '2026-03', to: '2026-04' }, token);

  it('counts offered, started, completed, aborted and outcomes per month and over the period', async () => {
    const res = await report(tbg.coordinator.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.monthlyReport;
    // [type, offered, started, completed, aborted, to work, to studies], counted by hand.
    expect(counts(r.months[0].measures)).toEqual([
      ['COACHING', 1, 0, 0, 0, 0, 0],
      ['INTERNSHIP', 6, 6, 1, 0, 0, 0],
    ]);
    expect(counts(r.months[1].measures)).toEqual([
      ['INTERNSHIP', 0, 0, 2, 1, 2, 0],
      ['STUDY_CAREER_GUIDANCE', 1, 1, 1, 0, 0, 1],
    ]);
    expect(counts(r.measureTotals)).toEqual([
      ['COACHING', 1, 0, 0, 0, 0, 0],
      ['INTERNSHIP', 6, 6, 3, 1, 2, 0],
      ['STUDY_CAREER_GUIDANCE', 1, 1, 1, 0, 0, 1],
    ]);
    const rows = new Map(r.rows.map((row: any) => [row.key, row]));
    const offered: any = rows.get('measures.INTERNSHIP.offered');
    expect([
      offered.label,
      offered.cells.map((c: Cell) => c.display),
      offered.total.display,
    ]).toEqual(['Insatser, Praktik: erbjudna', ['6', '0'], '6']);
  });

  it('suppresses small counts for the manager, and totals of a suppressed month', async () => {
    const r = (await report(manager.token)).data.monthlyReport;
    expect(r.smallCountsSuppressed).toBe(true);
    const hidden = { value: null, suppressed: true, display: '<5' };
    const march = r.months[0].measures.find((x: Measures) => x.type === 'INTERNSHIP');
    expect(march.offered).toEqual({ value: 6, suppressed: false, display: '6' });
    expect(march.completed).toEqual(hidden); // 1
    const total = r.measureTotals.find((x: Measures) => x.type === 'INTERNSHIP');
    expect(total.offered).toEqual(hidden); // 6, but April's 0 is hidden
    expect(total.completed).toEqual(hidden);
  });

  it('gives the same cells in the CSV as in GraphQL', async () => {
    for (const user of [tbg.coordinator, manager]) {
      const [json, csv] = await Promise.all([
        report(user.token),
        t.gql(CSV, { from: '2026-03', to: '2026-04' }, user.token),
      ]);
      expect(csv.errors).toBeUndefined();
      const lines: string[] = csv.data.monthlyReportCsv.csv.trimEnd().split('\r\n');
      const table = new Map(lines.map((l) => [l.split(',')[0], l.split(',').slice(1)]));
      const r = json.data.monthlyReport;
      for (const total of r.measureTotals as Measures[]) {
        for (const f of FIGURES) {
          const key = `measures.${total.type}.${f}`;
          const months = r.months.map(
            (m: any) =>
              m.measures.find((x: Measures) => x.type === total.type)?.[f].display ??
              (user === manager ? '<5' : '0'),
          );
          expect([key, table.get(key)]).toEqual([key, months]);
          expect([key, table.get(`totals.${key}`)]).toEqual([
            key,
            [total[f].display, total[f].display],
          ]);
        }
      }
    }
    const csv = (await t.gql(CSV, { from: '2026-03', to: '2026-04' }, tbg.coordinator.token)).data
      .monthlyReportCsv.csv;
    expect(csv).toContain(
      '\r\nmeasures.INTERNSHIP.offered,6,0\r\ntotals.measures.INTERNSHIP.offered,6,6\r\n',
    );
  });

  describe('occupation after a measure ended', () => {
    const range = { from: '2025-10', to: '2025-11' };
    const afterReport = async (token: string, vars: Record<string, unknown> = range) => {
      const res = await t.gql(AFTER_REPORT, vars, token);
      expect(res.errors).toBeUndefined();
      return res.data.monthlyReport;
    };
    const isAfter = (row: { key: string }) => row.key.includes('.occupationAfter.');

    it('counts the first known occupation within 30 days per type, month and period, counted by hand', async () => {
      const r = await afterReport(tbg.coordinator.token);
      expect(r.months.map((m: any) => after(m.occupationAfterMeasures))).toEqual([
        [
          ['STUDY_CAREER_GUIDANCE', 'STUDIES', 2],
          ['STUDY_CAREER_GUIDANCE', 'WORK', 2],
          ['STUDY_CAREER_GUIDANCE', 'INTERNSHIP', 1],
          ['STUDY_CAREER_GUIDANCE', 'NOTHING', 1],
          ['STUDY_CAREER_GUIDANCE', null, 4],
        ],
        [
          ['INTERNSHIP', 'WORK', 5],
          ['INTERNSHIP', null, 1],
        ],
      ]);
      // Each ended measure once: a type's split adds up to its completed + aborted.
      for (const m of r.months)
        for (const x of m.measures as Measures[])
          expect([
            m.month,
            x.type,
            (m.occupationAfterMeasures as After[])
              .filter((a) => a.type === x.type)
              .reduce((sum, a) => sum + a.measures.value!, 0),
          ]).toEqual([m.month, x.type, x.completed.value! + x.aborted.value!]);
      expect(after(r.occupationAfterMeasureTotals)).toEqual([
        ['INTERNSHIP', 'WORK', 5],
        ['INTERNSHIP', null, 1],
        ['STUDY_CAREER_GUIDANCE', 'STUDIES', 2],
        ['STUDY_CAREER_GUIDANCE', 'WORK', 2],
        ['STUDY_CAREER_GUIDANCE', 'INTERNSHIP', 1],
        ['STUDY_CAREER_GUIDANCE', 'NOTHING', 1],
        ['STUDY_CAREER_GUIDANCE', null, 4],
      ]);
      // The rows: each type's occupations right after its own measure rows.
      const rows = r.rows.map((row: any) => [
        row.key,
        row.label,
        ...row.cells.map((c: Cell) => c.display),
        row.total.display,
      ]);
      const at = rows.findIndex(
        (row: string[]) => row[0] === 'measures.INTERNSHIP.endedStartedStudies',
      );
      expect(rows.slice(at + 1, at + 3)).toEqual([
        [
          'measures.INTERNSHIP.occupationAfter.WORK',
          'Insatser, Praktik: därefter arbete',
          '0',
          '5',
          '5',
        ],
        [
          'measures.INTERNSHIP.occupationAfter.NONE',
          'Insatser, Praktik: ingen känd sysselsättning inom 30 dagar',
          '0',
          '1',
          '1',
        ],
      ]);
      expect(
        rows.filter((row: string[]) => isAfter({ key: row[0] })).map((row: string[]) => row[0]),
      ).toEqual([
        'measures.INTERNSHIP.occupationAfter.WORK',
        'measures.INTERNSHIP.occupationAfter.NONE',
        'measures.STUDY_CAREER_GUIDANCE.occupationAfter.STUDIES',
        'measures.STUDY_CAREER_GUIDANCE.occupationAfter.WORK',
        'measures.STUDY_CAREER_GUIDANCE.occupationAfter.INTERNSHIP',
        'measures.STUDY_CAREER_GUIDANCE.occupationAfter.NOTHING',
        'measures.STUDY_CAREER_GUIDANCE.occupationAfter.NONE',
      ]);
      const en = await afterReport(tbg.coordinator.token, { ...range, lang: 'EN' });
      expect(
        en.rows
          .filter(isAfter)
          .map((row: any) => row.label)
          .slice(0, 3),
      ).toEqual([
        'Measures, Internship: then work',
        'Measures, Internship: no known occupation within 30 days',
        'Measures, Study and career guidance: then studies',
      ]);
    });

    it('suppresses cells under 5 for the manager, and totals of a suppressed month', async () => {
      const r = await afterReport(manager.token);
      expect(r.smallCountsSuppressed).toBe(true);
      const show = (c: Cell) => (c.suppressed ? [c.value, c.display] : c.value);
      expect(r.months.map((m: any) => after(m.occupationAfterMeasures, show))).toEqual([
        [
          ['STUDY_CAREER_GUIDANCE', 'STUDIES', [null, '<5']],
          ['STUDY_CAREER_GUIDANCE', 'WORK', [null, '<5']],
          ['STUDY_CAREER_GUIDANCE', 'INTERNSHIP', [null, '<5']],
          ['STUDY_CAREER_GUIDANCE', 'NOTHING', [null, '<5']],
          ['STUDY_CAREER_GUIDANCE', null, [null, '<5']],
        ],
        [
          ['INTERNSHIP', 'WORK', 5],
          ['INTERNSHIP', null, [null, '<5']],
        ],
      ]);
      // October has no internship (a zero, suppressed), so the period's 5 is suppressed too.
      expect(r.occupationAfterMeasureTotals.every((a: After) => a.measures.suppressed)).toBe(true);
      const row = r.rows.find((x: any) => x.key === 'measures.INTERNSHIP.occupationAfter.WORK');
      expect([row.cells.map((c: Cell) => c.display), row.total.display]).toEqual([
        ['<5', '5'],
        '<5',
      ]);
    });

    it('gives the same cells in the CSV, the XLSX and the PDF as in GraphQL', async () => {
      for (const user of [tbg.coordinator, manager]) {
        const [r, csv, xlsx, pdf] = await Promise.all([
          afterReport(user.token),
          t.gql(CSV, range, user.token),
          t.gql(DOCUMENT, { ...range, format: 'XLSX' }, user.token),
          t.gql(DOCUMENT, { ...range, format: 'PDF' }, user.token),
        ]);
        for (const res of [csv, xlsx, pdf]) expect(res.errors).toBeUndefined();
        const table = new Map(
          (csv.data.monthlyReportCsv.csv as string)
            .trimEnd()
            .split('\r\n')
            .map((l) => [l.split(',')[0], l.split(',').slice(1)]),
        );
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(
          Buffer.from(xlsx.data.monthlyReportDocument.base64, 'base64') as never,
        );
        const sheet = new Map<string, unknown[]>();
        book.worksheets[0].eachRow((row) => {
          const values = (row.values as unknown[]).slice(1);
          if (typeof values[0] === 'string') sheet.set(values[0], Array.from(values.slice(1)));
        });
        const text = (
          await pdfText(Buffer.from(pdf.data.monthlyReportDocument.base64, 'base64'))
        ).text.replace(/\s+/g, ' ');
        const rows = r.rows.filter(isAfter);
        expect(rows).toHaveLength(7);
        for (const row of rows) {
          const cells = [...row.cells, row.total];
          const months = row.cells.map((c: Cell) => c.display);
          expect([row.key, table.get(row.key)]).toEqual([row.key, months]);
          expect([row.key, table.get(`totals.${row.key}`)]).toEqual([
            row.key,
            [row.total.display, row.total.display],
          ]);
          expect([row.key, sheet.get(row.label)]).toEqual([
            row.key,
            cells.map((c: Cell) => (c.suppressed ? '<5' : c.value)),
          ]);
          // The whole label (a long one wraps to a second line) and the cells, total last.
          expect([row.key, text]).toEqual([
            row.key,
            expect.stringContaining(`${row.label} ${cells.map((c: Cell) => c.display).join(' ')}`),
          ]);
        }
        expect(text).toContain('från insatsens slutdatum till 30 dagar efter');
      }
      const csv = await t.gql(CSV, range, manager.token);
      expect(csv.data.monthlyReportCsv.csv).toContain(
        '\r\nmeasures.INTERNSHIP.occupationAfter.WORK,<5,5\r\ntotals.measures.INTERNSHIP.occupationAfter.WORK,<5,<5\r\n',
      );
    });

    it("counts as of the app's today: a later date counts once it has come, so a recent month can change", async () => {
      const today = t.config.clock.today();
      const end = addDays(today, -10);
      const month = { from: end.slice(0, 7), to: end.slice(0, 7) };
      const jobFair = () =>
        measure(tbg, 'JOB_FAIR', addDays(end, -5), addDays(end, -5), end, 'COMPLETED', 'OTHER');
      const planned = await jobFair();
      await tbg.occupation(planned, 'STUDIES', addDays(today, 5)); // planned, 15 days after the end
      await tbg.occupation(await jobFair(), 'WORK', addDays(today, -2));
      const fairs = async () =>
        after(
          (await afterReport(tbg.coordinator.token, month)).occupationAfterMeasureTotals.filter(
            (a: After) => a.type === 'JOB_FAIR',
          ),
        );
      expect(await fairs()).toEqual([
        ['JOB_FAIR', 'WORK', 1],
        ['JOB_FAIR', null, 1],
      ]);
      // Learnt later and recorded with its own date: the month's figure changes.
      await tbg.occupation(planned, 'INTERNSHIP', addDays(today, -1));
      expect(await fairs()).toEqual([
        ['JOB_FAIR', 'WORK', 1],
        ['JOB_FAIR', 'INTERNSHIP', 1],
      ]);
    });
  });
});
