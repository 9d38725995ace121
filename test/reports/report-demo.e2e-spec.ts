import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { Clock } from '../../src/core/clock/clock';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { monthStart } from '../support/clock';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const CELL = '{ value suppressed display }';
const REPORT = `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
  smallCountsSuppressed
  months { month youngPeopleInRegister ${CELL} knownOccupationShare ${CELL} contactsMade ${CELL}
    homeVisits ${CELL} closuresToWork ${CELL} closuresToStudies ${CELL} noticesReceived ${CELL}
    preventiveMeetingsHeld ${CELL} referralsSent ${CELL} activitiesHeld ${CELL} activityAttendance ${CELL}
    outreach { channel sent ${CELL} answeredShare ${CELL} }
    closureDestinations { kind occupationField programmeCode closures ${CELL} }
    occupationAfterMeasures { type occupation measures ${CELL} } }
  totals { youngPeopleInRegister ${CELL} youngPeopleReached ${CELL} youngPeopleVisited ${CELL}
    youngPeopleReachedShare ${CELL} youngPeopleVisitedShare ${CELL} }
  measureTotals { type offered ${CELL} started ${CELL} completed ${CELL} }
  activityTotals { kind held ${CELL} age15To17 ${CELL} age18To20 ${CELL} age21To25 ${CELL} }
  networkMeetingTotals { held ${CELL} participants ${CELL} organisations ${CELL} }
  summerJobs { year sector positions ${CELL} } } }`;

/** The last twelve complete Swedish months: the current month may be a day old. */
function lastTwelveMonths(clock: Clock): { from: string; to: string } {
  const today = clock.today();
  return { from: monthStart(today, -12).slice(0, 7), to: monthStart(today, -1).slice(0, 7) };
}

describe('report-year demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const started = Date.now();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
    // The whole demo, this step included, loads in seconds.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 120_000);
  afterAll(() => t.close());

  it('gives twelve real months to the coordinator and the manager of Trelleborg', async () => {
    const range = lastTwelveMonths(t.config.clock);
    for (const email of ['coordinator@trelleborg.demo', 'manager@trelleborg.demo']) {
      const token = await login(t, email, DEMO_PASSWORD);
      const res = await t.gql(REPORT, range, token);
      expect(res.errors).toBeUndefined();
      const months = res.data.monthlyReport.months;
      expect(months).toHaveLength(12);
      for (const m of months) {
        expect([m.month, m.youngPeopleInRegister.value]).toEqual([m.month, expect.any(Number)]);
        expect(m.youngPeopleInRegister.value).toBeGreaterThanOrEqual(20);
        expect(m.knownOccupationShare.value).toBeGreaterThan(0);
        expect(m.knownOccupationShare.value).toBeLessThan(100);
        expect(m.contactsMade.value).toBeGreaterThanOrEqual(5);
        expect(m.outreach.length).toBeGreaterThan(0);
      }
      const total = (figure: string) =>
        months.reduce((sum: number, m: any) => sum + (m[figure].value ?? 0), 0);
      if (email.startsWith('coordinator')) {
        for (const figure of [
          'closuresToWork',
          'closuresToStudies',
          'homeVisits',
          'preventiveMeetingsHeld',
          'referralsSent',
          'activitiesHeld',
        ])
          expect([figure, total(figure) > 0]).toEqual([figure, true]);
        // Distinct people over the year: reached and visited, and their share of the register.
        for (const [figure, cell] of Object.entries(res.data.monthlyReport.totals) as [
          string,
          { value: number | null },
        ][])
          expect([figure, (cell.value ?? 0) > 0]).toEqual([figure, true]);
        // Measures offered, started and completed over the year (the demo's from 95 days ago).
        for (const figure of ['offered', 'started', 'completed']) {
          const sum = res.data.monthlyReport.measureTotals.reduce(
            (s: number, m: any) => s + (m[figure].value ?? 0),
            0,
          );
          expect([figure, sum > 0]).toEqual([figure, true]);
        }
        // Öppen Hall with attendance in every age band.
        const hall = res.data.monthlyReport.activityTotals.find((k: any) => k.kind === 'OPEN_HALL');
        for (const band of ['held', 'age15To17', 'age18To20', 'age21To25'])
          expect([band, hall[band].value > 0]).toEqual([band, true]);
      }
      expect(res.data.monthlyReport.summerJobs.length).toBeGreaterThanOrEqual(3);
      // The team's professional and network meetings, for the manager too (not people).
      const meetings = res.data.monthlyReport.networkMeetingTotals;
      expect([meetings.held.value, meetings.participants.value]).toEqual([4, 33]);
      expect(meetings.organisations.value).toBe(9);
      // Closures by destination: work in three occupation fields and studies; one month
      // (the summer jobs that became work) has 5 to restaurants, shown to the manager too.
      const split = months.flatMap((m: any) => m.closureDestinations);
      const shown = split.filter((d: any) => !d.closures.suppressed);
      expect(shown.map((d: any) => d.occupationField)).toContain('HOTEL_RESTAURANT_CATERING');
      // Occupation after a measure ended: the five summer jobs that became restaurant work
      // (one month, shown to the manager too) and coaching with nothing known since.
      const after = months.flatMap((m: any) => m.occupationAfterMeasures);
      expect(
        after.filter((a: any) => a.type === 'SUMMER_JOB' && a.occupation === 'WORK'),
      ).toContainEqual({
        type: 'SUMMER_JOB',
        occupation: 'WORK',
        measures: { value: 5, suppressed: false, display: '5' },
      });
      expect(after.some((a: any) => a.type === 'COACHING' && a.occupation === null)).toBe(true);
      expect(after.some((a: any) => a.measures.suppressed)).toBe(email.startsWith('manager'));
      if (email.startsWith('coordinator')) {
        // The demo's closure to VO is 7 days old: in the complete months only until the 7th.
        const today = t.config.clock.today();
        const vo = addDays(today, -7) < monthStart(today) ? ['VO'] : [];
        expect(new Set(split.map((d: any) => d.occupationField ?? d.programmeCode))).toEqual(
          new Set([
            'HOTEL_RESTAURANT_CATERING',
            'TRANSPORT',
            'SALES_PURCHASING_MARKETING',
            'IMS',
            ...vo,
          ]),
        );
      }
    }
  });

  it('shows letters answered more often since they were rewritten six months ago', async () => {
    const token = await login(t, 'coordinator@trelleborg.demo', DEMO_PASSWORD);
    const res = await t.gql(REPORT, lastTwelveMonths(t.config.clock), token);
    const letters = res.data.monthlyReport.months.map((m: any) => {
      const row = m.outreach.find((o: any) => o.channel === 'LETTER');
      return row ? row.answeredShare.value : null;
    });
    const mean = (xs: (number | null)[]) => {
      const v = xs.filter((x): x is number => x !== null);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    // The rewrite was six months ago; the newest month's letters may not have had their
    // 14 days yet: compare months 12–8 ago with 5–2 ago.
    expect(mean(letters.slice(7, 11))).toBeGreaterThan(mean(letters.slice(0, 5)));
  });
});
