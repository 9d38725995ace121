import { Role } from '../../src/identity/role.enum';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportWorld } from './report-world';

const CELL = '{ value suppressed display }';
const FIGURES = ['held', 'attendance', 'age15To17', 'age18To20', 'age21To25', 'firstTimers'];
const KINDS = `kind ${FIGURES.map((f) => `${f} ${CELL}`).join(' ')}`;
const REPORT = `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
  months { month activitiesHeld ${CELL} activities { ${KINDS} } }
  activityTotals { ${KINDS} }
  rows { key label cells ${CELL} total ${CELL} } } }`;
const CSV = `query($from: String!, $to: String!) { monthlyReportCsv(fromMonth: $from, toMonth: $to) { csv } }`;

type Cell = { value: number | null; suppressed: boolean; display: string };
type Kind = Record<string, Cell> & { kind: string };
const counts = (list: Kind[]) => list.map((k) => [k.kind, ...FIGURES.map((f) => k[f].value)]);

describe('monthly report: activities by kind and age band', () => {
  let t: TestApp;
  let tbg: ReportWorld;
  let manager: TestUser;

  /** An activity and its attendance: [total, 15–17, 18–20, 21–25, first-timers]. */
  const activity = async (
    w: ReportWorld,
    kind: string,
    at: string,
    att: [number, number, number, number, number],
    cancelled = false,
  ) => {
    const { rows } = await t.db.query(
      `INSERT INTO activity (municipality_code, kind, title, starts_at, ends_at, cancelled_at)
       VALUES ($1, $2, 'Aktivitet', $3, $3::timestamptz + interval '2 hours', $4) RETURNING id`,
      [w.code, kind, at, cancelled ? at : null],
    );
    await t.db.query(
      `INSERT INTO activity_attendance (activity_id, total, age_15_17, age_18_20, age_21_25, first_timers)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [rows[0].id, ...att],
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await new ReportWorld(t, '1287').init();
    const mmo = await new ReportWorld(t, '1280').init();
    manager = await createUser(t, tbg.org.OTHER, [Role.MANAGER]);
    await activity(tbg, 'OPEN_HALL', '2026-03-06T17:00:00Z', [20, 8, 7, 5, 3]);
    await activity(tbg, 'OPEN_HALL', '2026-03-13T17:00:00Z', [12, 6, 4, 2, 1]);
    await activity(tbg, 'OPEN_HALL', '2026-03-20T17:00:00Z', [30, 10, 10, 10, 9], true);
    await activity(tbg, 'OPEN_HALL', '2026-04-03T16:00:00Z', [10, 3, 5, 2, 2]);
    await activity(tbg, 'JOB_FAIR', '2026-04-15T09:00:00Z', [40, 10, 20, 10, 6]);
    // 00:30 on 1 April in Sweden: April.
    await activity(tbg, 'THEME_EVENING', '2026-03-31T22:30:00Z', [4, 4, 0, 0, 4]);
    await activity(mmo, 'OPEN_HALL', '2026-03-06T17:00:00Z', [50, 20, 20, 10, 5]); // Malmö
  });
  afterAll(() => t.close());

  const report = (token: string) => t.gql(REPORT, { from: '2026-03', to: '2026-04' }, token);

  it('counts activities and attendance by kind and age band, per month and over the period', async () => {
    const res = await report(tbg.coordinator.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.monthlyReport;
    // [kind, held, attendance, 15–17, 18–20, 21–25, first-timers], counted by hand.
    expect(counts(r.months[0].activities)).toEqual([['OPEN_HALL', 2, 32, 14, 11, 7, 4]]);
    expect(counts(r.months[1].activities)).toEqual([
      ['JOB_FAIR', 1, 40, 10, 20, 10, 6],
      ['OPEN_HALL', 1, 10, 3, 5, 2, 2],
      ['THEME_EVENING', 1, 4, 4, 0, 0, 4],
    ]);
    expect(r.months.map((m: any) => m.activitiesHeld.value)).toEqual([2, 3]);
    expect(counts(r.activityTotals)).toEqual([
      ['JOB_FAIR', 1, 40, 10, 20, 10, 6],
      ['OPEN_HALL', 3, 42, 17, 16, 9, 6],
      ['THEME_EVENING', 1, 4, 4, 0, 0, 4],
    ]);
    const row = r.rows.find((x: any) => x.key === 'activities.OPEN_HALL.age15To17');
    expect([row.label, row.cells.map((c: Cell) => c.display), row.total.display]).toEqual([
      'Öppen Hall: deltagare 15–17 år',
      ['14', '3'],
      '17',
    ]);
  });

  it('suppresses small counts of people for the manager, never the activities held', async () => {
    const r = (await report(manager.token)).data.monthlyReport;
    const hidden = { value: null, suppressed: true, display: '<5' };
    const march = r.months[0].activities[0];
    expect([march.held.display, march.attendance.display, march.firstTimers]).toEqual([
      '2',
      '32',
      hidden,
    ]);
    const [jobFair, openHall, theme] = r.activityTotals;
    expect(openHall.attendance).toEqual({ value: 42, suppressed: false, display: '42' });
    expect(openHall.firstTimers).toEqual(hidden);
    expect(jobFair.attendance).toEqual(hidden); // no job fair in March: a hidden zero
    expect(theme.held).toEqual({ value: 1, suppressed: false, display: '1' });
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
      for (const total of r.activityTotals as Kind[]) {
        for (const f of FIGURES) {
          const key = `activities.${total.kind}.${f}`;
          const none = f === 'held' || user !== manager ? '0' : '<5';
          const months = r.months.map(
            (m: any) => m.activities.find((x: Kind) => x.kind === total.kind)?.[f].display ?? none,
          );
          expect([key, table.get(key)]).toEqual([key, months]);
          expect([key, table.get(`totals.${key}`)]).toEqual([
            key,
            [total[f].display, total[f].display],
          ]);
        }
      }
    }
    const csv = (await t.gql(CSV, { from: '2026-03', to: '2026-04' }, manager.token)).data
      .monthlyReportCsv.csv;
    expect(csv).toContain(
      '\r\nactivities.OPEN_HALL.attendance,32,10\r\ntotals.activities.OPEN_HALL.attendance,42,42\r\n',
    );
  });
});
