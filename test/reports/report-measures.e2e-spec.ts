import { Role } from '../../src/identity/role.enum';
import { createUser, TestUser } from '../support/factories';
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
  ) => {
    const person = await w.person();
    await t.db.query(
      `INSERT INTO kaa_measure (young_person_id, municipality_code, type, provider, offered_on, start_date,
         end_date, status, end_reason)
       VALUES ($1, $2, $3, 'Anordnare', $4, $5, $6, $7, $8)`,
      [person, w.code, type, offered, started, ended, status, reason],
    );
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
});
