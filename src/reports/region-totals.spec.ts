import { ContactChannel } from '../outreach/outreach.enums';
import { MonthFigures, ReportCounts, toReport } from './monthly-report.service';
import { protectRegionTotals, sumCounts } from './region-totals';
import { CellFactory } from './report-cells';

const ARGS = { fromMonth: '2026-03', toMonth: '2026-03' };

function counts(
  code: string,
  figures: Partial<MonthFigures>,
  letters?: { sent: number; answered: number },
): ReportCounts {
  const zero = Object.fromEntries(
    [
      'in_register',
      'entered',
      'exited',
      'at_month_end',
      'known',
      'closures_to_work',
      'closures_to_studies',
      'home_visits',
      'contacts_made',
      'contacts_reached',
      'people_reached',
      'people_visited',
      'reached_in_register',
      'visited_in_register',
      'notices_received',
      'notices_with_plan',
      'preventive_meetings',
      'referrals_sent',
      'referrals_accepted',
      'referrals_declined',
      'referrals_completed',
      'referrals_cancelled',
      'activities_held',
      'attendance',
      'first_timers',
    ].map((k) => [k, 0]),
  );
  return {
    figures: [{ ...zero, ...figures, municipality_code: code, month: '2026-03' } as MonthFigures],
    totals: {
      municipality_code: code,
      in_register: figures.in_register ?? 0,
      people_reached: 0,
      people_visited: 0,
      reached_in_register: 0,
      visited_in_register: 0,
    },
    measures: [],
    measureOccupations: [],
    activities: [],
    closures: [],
    outreach: letters
      ? [{ municipality_code: code, month: '2026-03', channel: ContactChannel.LETTER, ...letters }]
      : [],
    summerJobs: [],
    networkMeetings: [],
  };
}

/** The region's March as its manager sees it, for members given as their counts. */
function region(...members: ReportCounts[]) {
  const cells = new CellFactory(true);
  const reports = members.map((m) => toReport(m.figures[0].municipality_code, m, ARGS, cells));
  const r = protectRegionTotals(
    toReport('REGION', sumCounts(members, 'REGION'), ARGS, cells),
    reports,
    cells,
  );
  return r.months[0];
}

describe('region totals (complementary suppression)', () => {
  it('adds up the members, and shows a sum whose members are all shown', () => {
    const march = region(counts('1287', { attendance: 12 }), counts('1280', { attendance: 30 }));
    expect(march.activityAttendance).toEqual({ value: 42, suppressed: false, display: '42' });
  });

  it('hides a total when exactly one member is hidden: it would be the total minus the rest', () => {
    const march = region(counts('1287', { in_register: 9 }), counts('1280', { in_register: 1 }));
    expect(march.youngPeopleInRegister).toEqual({ value: null, suppressed: true, display: '<5' });
  });

  it('shows a total of two or more hidden members when no hidden cell follows from it', () => {
    const march = region(
      counts('1287', { entered: 4 }),
      counts('1280', { entered: 1 }),
      counts('1281', { entered: 20 }),
    );
    expect(march.enteredRegister).toEqual({ value: 25, suppressed: false, display: '25' });
  });

  it.each([
    ['all hidden members are 0', 0, 0],
    ['all hidden members are 4', 4, 4],
  ])('hides the total when %s (the hidden cells would follow)', (_, a, b) => {
    const march = region(
      counts('1287', { entered: a }),
      counts('1280', { entered: b }),
      counts('1281', { entered: 20 }),
    );
    expect(march.enteredRegister.suppressed).toBe(true);
  });

  it('hides a share with its count, and treats a member without the row as a shown zero', () => {
    const march = region(
      counts('1287', { at_month_end: 9, known: 9 }, { sent: 7, answered: 6 }),
      counts('1280', { at_month_end: 1, known: 1 }),
    );
    expect(march.knownOccupationAtMonthEnd.suppressed).toBe(true);
    expect(march.knownOccupationShare.suppressed).toBe(true);
    // Malmö sent no letters (its report has no LETTER row): the region's letters are Trelleborg's.
    expect(march.outreach).toEqual([
      expect.objectContaining({
        channel: 'LETTER',
        sent: { value: 7, suppressed: false, display: '7' },
        answeredShare: { value: 85.7, suppressed: false, display: '86%' },
      }),
    ]);
  });

  it('keeps counts of things that are not people shown', () => {
    const march = region(
      counts('1287', { activities_held: 3 }),
      counts('1280', { activities_held: 1 }),
    );
    expect(march.activitiesHeld).toEqual({ value: 4, suppressed: false, display: '4' });
  });
});
