import { Role } from '../../src/identity/role.enum';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportWorld } from './report-world';

const CELL = '{ value suppressed display }';
const DISTINCT = [
  'youngPeopleInRegister',
  'youngPeopleReached',
  'youngPeopleVisited',
  'youngPeopleReachedShare',
  'youngPeopleVisitedShare',
];
const REPORT = `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
  smallCountsSuppressed
  months { month ${DISTINCT.map((f) => `${f} ${CELL}`).join(' ')} }
  totals { ${DISTINCT.map((f) => `${f} ${CELL}`).join(' ')} }
  rows { key total ${CELL} } } }`;
const CSV = `query($from: String!, $to: String!) { monthlyReportCsv(fromMonth: $from, toMonth: $to) { csv } }`;

type Cell = { value: number | null; suppressed: boolean; display: string };
const values = (cells: Record<string, Cell>) =>
  Object.fromEntries(DISTINCT.map((f) => [f, cells[f].value]));

/**
 * Hand counts (the arrangement below). March: a1..a8 in the register (8); reached a1 a2 a3
 * and c1, who left in February (4, of whom 3 in the register); visited a3 a4 (2). April: a1..a8
 * and b1 (9); reached a1 a6 a7 b1 (4); visited a6 b1 (2). The period: target group 9, reached
 * a1 a2 a3 a6 a7 b1 c1 (7: a1 twice counts once; 6 in the target group), visited a3 a4 a6 b1 (4).
 */
const MARCH = {
  youngPeopleInRegister: 8,
  youngPeopleReached: 4,
  youngPeopleVisited: 2,
  youngPeopleReachedShare: 37.5,
  youngPeopleVisitedShare: 25,
};
const APRIL = {
  youngPeopleInRegister: 9,
  youngPeopleReached: 4,
  youngPeopleVisited: 2,
  youngPeopleReachedShare: 44.4,
  youngPeopleVisitedShare: 22.2,
};
const PERIOD = {
  youngPeopleInRegister: 9,
  youngPeopleReached: 7,
  youngPeopleVisited: 4,
  youngPeopleReachedShare: 66.7,
  youngPeopleVisitedShare: 44.4,
};

describe('monthly report: distinct young people reached and visited', () => {
  let t: TestApp;
  let tbg: ReportWorld;
  let manager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await new ReportWorld(t, '1287').init();
    const mmo = await new ReportWorld(t, '1280').init();
    manager = await createUser(t, tbg.org.OTHER, [Role.MANAGER]);
    const a: string[] = [];
    for (let i = 0; i < 8; i++) {
      a.push(await tbg.person());
      await tbg.period(a[i], '2026-01-01');
    }
    const b1 = await tbg.person(); // enters in April
    await tbg.period(b1, '2026-04-10');
    const c1 = await tbg.person(); // left in February: reached, but not of the target group
    await tbg.period(c1, '2025-11-01', '2026-02-15');

    await tbg.contact(a[0], 'PHONE', 'INBOUND', 'REACHED', '2026-03-05T10:00:00Z');
    await tbg.contact(a[0], 'PHONE', 'INBOUND', 'REACHED', '2026-04-05T10:00:00Z');
    await tbg.contact(a[1], 'SMS', 'OUTBOUND', 'REACHED', '2026-03-06T10:00:00Z');
    await tbg.contact(a[2], 'HOME_VISIT', 'OUTBOUND', 'REACHED', '2026-03-07T10:00:00Z');
    await tbg.contact(a[3], 'HOME_VISIT', 'OUTBOUND', 'NO_RESPONSE', '2026-03-08T10:00:00Z');
    await tbg.contact(a[4], 'LETTER', 'OUTBOUND', 'NO_RESPONSE', '2026-03-09T10:00:00Z');
    await tbg.contact(a[4], 'PHONE', 'OUTBOUND', 'REACHED', '2026-02-20T10:00:00Z'); // before
    await tbg.contact(a[5], 'HOME_VISIT', 'OUTBOUND', 'NO_RESPONSE', '2026-04-08T10:00:00Z');
    await tbg.contact(a[5], 'HOME_VISIT', 'OUTBOUND', 'REACHED', '2026-04-15T10:00:00Z');
    // 00:30 on 1 April in Sweden: April.
    await tbg.contact(a[6], 'PHONE', 'OUTBOUND', 'REACHED', '2026-03-31T22:30:00Z');
    await tbg.contact(a[7], 'PHONE', 'OUTBOUND', 'REACHED', '2026-05-02T10:00:00Z'); // after
    await tbg.contact(b1, 'HOME_VISIT', 'OUTBOUND', 'REACHED', '2026-04-20T10:00:00Z');
    await tbg.contact(c1, 'PHONE', 'OUTBOUND', 'REACHED', '2026-03-10T10:00:00Z');
    const other = await mmo.person(); // Malmö's: never in Trelleborg's figures
    await mmo.period(other, '2026-01-01');
    await mmo.contact(other, 'HOME_VISIT', 'OUTBOUND', 'REACHED', '2026-03-10T10:00:00Z');
  });
  afterAll(() => t.close());

  const report = (token: string) => t.gql(REPORT, { from: '2026-03', to: '2026-04' }, token);

  it('counts distinct people per month and over the period, with shares of the target group', async () => {
    const res = await report(tbg.coordinator.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.monthlyReport;
    expect(r.smallCountsSuppressed).toBe(false);
    expect(r.months.map((m: any) => values(m))).toEqual([MARCH, APRIL]);
    expect(values(r.totals)).toEqual(PERIOD);
    expect(r.totals.youngPeopleReachedShare.display).toBe('67%');
    // The document's total column is the distinct count, not the sum of the months (8).
    const rows = new Map(r.rows.map((row: any) => [row.key, row.total]));
    for (const f of DISTINCT) expect([f, rows.get(f)]).toEqual([f, r.totals[f]]);
  });

  it('suppresses small counts for the manager, and shares built from them', async () => {
    const r = (await report(manager.token)).data.monthlyReport;
    expect(r.smallCountsSuppressed).toBe(true);
    const hidden = { value: null, suppressed: true, display: '<5' };
    expect(r.months[0].youngPeopleReached).toEqual(hidden); // 4
    expect(r.months[0].youngPeopleVisitedShare).toEqual(hidden); // 2 of 8
    expect(r.months[1].youngPeopleInRegister.value).toBe(9);
    expect(r.totals.youngPeopleReached).toEqual({ value: 7, suppressed: false, display: '7' });
    expect(r.totals.youngPeopleVisited).toEqual(hidden); // 4
    expect(r.totals.youngPeopleVisitedShare).toEqual(hidden);
    expect(r.totals.youngPeopleReachedShare).toEqual({
      value: 66.7,
      suppressed: false,
      display: '67%',
    });
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
      for (const f of DISTINCT) {
        expect([f, table.get(f)]).toEqual([f, r.months.map((m: any) => m[f].display)]);
        expect([f, table.get(`totals.${f}`)]).toEqual([
          f,
          [r.totals[f].display, r.totals[f].display],
        ]);
      }
    }
    const coordinatorCsv = (
      await t.gql(CSV, { from: '2026-03', to: '2026-04' }, tbg.coordinator.token)
    ).data.monthlyReportCsv.csv;
    expect(coordinatorCsv).toContain('\r\ntotals.youngPeopleReached,7,7\r\n');
    expect(coordinatorCsv).toContain('\r\nyoungPeopleVisited,2,2\r\n');
  });
});
