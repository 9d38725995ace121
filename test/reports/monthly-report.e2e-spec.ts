import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { ReportWorld } from './report-world';

const CELL = '{ value suppressed display }';
const FIGURES = [
  'youngPeopleInRegister',
  'enteredRegister',
  'leftRegister',
  'inRegisterAtMonthEnd',
  'knownOccupationAtMonthEnd',
  'knownOccupationShare',
  'closuresToWork',
  'closuresToStudies',
  'homeVisits',
  'contactsMade',
  'contactsReached',
  'youngPeopleReached',
  'noticesReceived',
  'noticesWithPlan',
  'preventiveMeetingsHeld',
  'referralsSent',
  'referralsAccepted',
  'referralsDeclined',
  'referralsCompleted',
  'referralsCancelled',
  'activitiesHeld',
  'activityAttendance',
  'activityFirstTimers',
];
const REPORT_FIELDS = `municipalityCode smallCountsSuppressed
    months { month ${FIGURES.map((f) => `${f} ${CELL}`).join(' ')}
      outreach { channel sent ${CELL} answeredWithin14Days ${CELL} answeredShare ${CELL} } }
    summerJobs { year sector positions ${CELL} placements ${CELL} }`;
const REPORT = `query($from: String!, $to: String!) {
  monthlyReport(fromMonth: $from, toMonth: $to) { ${REPORT_FIELDS} } }`;
const CSV = `query($from: String!, $to: String!) { monthlyReportCsv(fromMonth: $from, toMonth: $to) { fileName csv } }`;
const REGION = `query($code: String!, $from: String!, $to: String!) {
  regionReport(regionCode: $code, fromMonth: $from, toMonth: $to) {
    regionCode name smallCountsSuppressed members { code name }
    region { ${REPORT_FIELDS} totals { youngPeopleInRegister ${CELL} } rows { key total ${CELL} } }
    municipalities { ${REPORT_FIELDS} } } }`;
const REGION_CSV = `query($code: String!, $from: String!, $to: String!) {
  regionReportCsv(regionCode: $code, fromMonth: $from, toMonth: $to) { fileName csv } }`;

interface Cell {
  value: number | null;
  suppressed: boolean;
  display: string;
}
type Month = Record<string, Cell> & {
  month: string;
  outreach: { channel: string; sent: Cell; answeredWithin14Days: Cell; answeredShare: Cell }[];
};

/** Hand counts for March 2026 in Trelleborg (see the arrangement below). */
const MARCH: Record<string, number> = {
  youngPeopleInRegister: 9,
  enteredRegister: 4,
  leftRegister: 3,
  inRegisterAtMonthEnd: 7,
  knownOccupationAtMonthEnd: 5,
  knownOccupationShare: 71.4,
  closuresToWork: 1,
  closuresToStudies: 1,
  homeVisits: 2,
  contactsMade: 6,
  contactsReached: 3,
  youngPeopleReached: 3,
  noticesReceived: 2,
  noticesWithPlan: 1,
  preventiveMeetingsHeld: 2,
  referralsSent: 1,
  referralsAccepted: 1,
  referralsDeclined: 1,
  referralsCompleted: 0,
  referralsCancelled: 0,
  activitiesHeld: 1,
  activityAttendance: 12,
  activityFirstTimers: 3,
};

describe('monthly report', () => {
  let t: TestApp;
  let tbg: ReportWorld;
  let mmo: ReportWorld;
  let manager: TestUser;
  let mmoManager: TestUser;
  let regionManager: TestUser;
  let otherRegionManager: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = await new ReportWorld(t, '1287').init();
    mmo = await new ReportWorld(t, '1280').init();
    manager = await createUser(t, tbg.org.OTHER, [Role.MANAGER]);
    const p = async () => tbg.person();
    // Register: March 2026 is 2026-03-01 .. 2026-03-31.
    const p1 = await p(); // open since January, known (WORK)
    await tbg.period(p1, '2026-01-10');
    await tbg.occupation(p1, 'WORK', '2026-02-01');
    const p2 = await p(); // enters on the first day, UNKNOWN
    await tbg.period(p2, '2026-03-01');
    await tbg.occupation(p2, 'UNKNOWN', '2026-03-01');
    const p3 = await p(); // enters on the last day, no occupation at all
    await tbg.period(p3, '2026-03-31');
    const p4 = await p(); // leaves on the first day
    await tbg.period(p4, '2025-12-01', '2026-03-01');
    await tbg.occupation(p4, 'WORK', '2026-01-01');
    const p5 = await p(); // leaves on the last day: in the month, not at month end
    await tbg.period(p5, '2025-11-01', '2026-03-31');
    await tbg.occupation(p5, 'STUDIES', '2026-01-01');
    const p6 = await p(); // left the day before the month
    await tbg.period(p6, '2025-10-01', '2026-02-28');
    const p7 = await p(); // enters the day after the month
    await tbg.period(p7, '2026-04-01');
    const p8 = await p(); // STUDIES at month end; UNKNOWN only from April
    await tbg.period(p8, '2026-02-01');
    await tbg.occupation(p8, 'STUDIES', '2026-02-10');
    await tbg.occupation(p8, 'UNKNOWN', '2026-04-05');
    const p9 = await p(); // NOTHING is a known occupation
    await tbg.period(p9, '2026-02-01');
    await tbg.occupation(p9, 'NOTHING', '2026-03-15');
    const p10 = await p(); // two periods in the month: counted once, entered and left
    await tbg.period(p10, '2026-01-01', '2026-03-10');
    await tbg.period(p10, '2026-03-20');
    await tbg.occupation(p10, 'SICK', '2026-03-25');
    const p11 = await p(); // same valid-from twice: the later recorded one (WORK) wins
    await tbg.period(p11, '2026-03-05');
    await tbg.occupation(p11, 'UNKNOWN', '2026-03-05', '2026-03-05T08:00:00Z');
    await tbg.occupation(p11, 'WORK', '2026-03-05', '2026-03-06T08:00:00Z');
    const other = await mmo.person(); // Malmö's register
    await mmo.period(other, '2026-03-10');

    // Closures: 23:30 local on 31 March (21:30Z, summer time) is March; 00:30 on 1 April is not.
    await tbg.closure(p5, 'WORK', '2026-03-31T21:30:00Z');
    await tbg.closure(p4, 'WORK', '2026-03-31T22:30:00Z');
    await tbg.closure(p4, 'STUDIES', '2026-03-01T08:00:00Z');
    await tbg.closure(p6, 'STUDIES', '2026-02-28T22:30:00Z'); // 23:30 local on 28 Feb (winter time)

    // Contacts. 2026-02-28T23:30Z is 00:30 on 1 March in Sweden.
    await tbg.contact(p1, 'LETTER', 'OUTBOUND', 'NO_RESPONSE', '2026-02-28T23:30:00Z');
    await tbg.contact(p1, 'PHONE', 'INBOUND', 'REACHED', '2026-03-05T10:00:00Z'); // answers the letter
    await tbg.contact(p2, 'HOME_VISIT', 'OUTBOUND', 'REACHED', '2026-03-31T21:30:00Z');
    await tbg.contact(p2, 'PHONE', 'OUTBOUND', 'NO_RESPONSE', '2026-03-31T22:30:00Z'); // April
    await tbg.contact(p3, 'HOME_VISIT', 'OUTBOUND', 'NO_RESPONSE', '2026-03-10T10:00:00Z');
    await tbg.contact(p8, 'LETTER', 'OUTBOUND', 'NO_RESPONSE', '2026-03-10T10:00:00Z');
    await tbg.contact(p8, 'SMS', 'OUTBOUND', 'REACHED', '2026-03-30T10:00:00Z'); // 20 days: too late
    await tbg.contact(p9, 'LETTER', 'OUTBOUND', 'NO_RESPONSE', '2026-03-12T10:00:00Z');
    await mmo.contact(other, 'LETTER', 'OUTBOUND', 'REACHED', '2026-03-12T10:00:00Z');

    // Notices to Trelleborg (one from Malmö's school), and one to Malmö.
    await tbg.notice(p2, '1287', true, '2026-03-31T21:30:00Z');
    await mmo.notice(p3, '1287', false, '2026-03-15T10:00:00Z');
    await tbg.notice(p8, '1287', true, '2026-03-31T22:30:00Z'); // April
    await tbg.notice(other, '1280', true, '2026-03-15T10:00:00Z');

    // Preventive meetings: one held, one only booked, one held in April, one case meeting.
    await tbg.preventiveMeeting(p8, 'HELD', '2026-03-20T09:00:00Z');
    await tbg.preventiveMeeting(p8, 'BOOKED', '2026-03-21T09:00:00Z');
    await tbg.preventiveMeeting(p9, 'HELD', '2026-03-31T22:30:00Z');
    const case1 = await tbg.jointCase(p1);
    await tbg.caseMeeting(case1, 'PREVENTIVE', '2026-03-31T21:30:00Z');
    await tbg.caseMeeting(case1, 'FOLLOW_UP', '2026-03-15T21:30:00Z');

    // Referrals: transitions counted in the month they happened.
    await tbg.referral(p1, case1, [
      ['SENT', '2026-03-02T10:00:00Z'],
      ['ACCEPTED', '2026-03-31T21:30:00Z'],
      ['COMPLETED', '2026-04-02T10:00:00Z'],
    ]);
    await tbg.referral(p1, case1, [
      ['SENT', '2026-02-20T10:00:00Z'],
      ['DECLINED', '2026-03-03T10:00:00Z'],
    ]);
    await tbg.referral(p1, case1, [['SENT', '2026-03-31T22:30:00Z']]);

    // Activities: one held on the last evening, one cancelled, one just after midnight.
    await tbg.activity('2026-03-31T21:30:00Z', [12, 3]);
    await tbg.activity('2026-03-06T17:00:00Z', [20, 5], true);
    await tbg.activity('2026-03-31T22:30:00Z', [7, 1]);
    await mmo.activity('2026-03-13T17:00:00Z', [30, 2]);

    await tbg.summerJobs(2026, 'MUNICIPALITY', 40, 30);
    await tbg.summerJobs(2026, 'BUSINESS', 10, 3);

    // A region of both (its office in Trelleborg), and another region of Malmö alone.
    mmoManager = await createUser(t, mmo.org.OTHER, [Role.MANAGER]);
    await t.db.query(
      `INSERT INTO region (code, name) VALUES ('TEST-SYDVAST', 'Testförbundet'), ('TEST-ANNAT', 'Annat förbund')`,
    );
    await t.db.query(
      `INSERT INTO region_municipality (region_code, municipality_code)
       VALUES ('TEST-SYDVAST', '1287'), ('TEST-SYDVAST', '1280'), ('TEST-ANNAT', '1280')`,
    );
    const office = async (code: string, region: string) => {
      const org = await createOrganisation(t, code, OrganisationKind.OTHER, `Kansli ${region}`);
      await t.db.query(`UPDATE organisation SET region_code = $2 WHERE id = $1`, [org, region]);
      return createUser(t, org, [Role.MANAGER]);
    };
    regionManager = await office('1287', 'TEST-SYDVAST');
    otherRegionManager = await office('1280', 'TEST-ANNAT');
  });

  afterAll(() => t.close());

  const report = (token: string, from = '2026-03', to = '2026-03') =>
    t.gql(REPORT, { from, to }, token);

  it('gives the youth team the hand-counted figures of March, exactly', async () => {
    const res = await report(tbg.coordinator.token, '2026-02', '2026-04');
    expect(res.errors).toBeUndefined();
    const r = res.data.monthlyReport;
    expect(r.smallCountsSuppressed).toBe(false);
    expect(r.months.map((m: Month) => m.month)).toEqual(['2026-02', '2026-03', '2026-04']);
    const march: Month = r.months[1];
    const values = Object.fromEntries(FIGURES.map((f) => [f, march[f].value]));
    expect(values).toEqual(MARCH);
    expect(march.knownOccupationShare.display).toBe('71%');
    expect(march.closuresToWork.display).toBe('1');
    expect(march.outreach).toEqual([
      {
        channel: 'HOME_VISIT',
        sent: { value: 2, suppressed: false, display: '2' },
        answeredWithin14Days: { value: 1, suppressed: false, display: '1' },
        answeredShare: { value: 50, suppressed: false, display: '50%' },
      },
      {
        channel: 'LETTER',
        sent: { value: 3, suppressed: false, display: '3' },
        answeredWithin14Days: { value: 1, suppressed: false, display: '1' },
        answeredShare: { value: 33.3, suppressed: false, display: '33%' },
      },
      {
        channel: 'SMS',
        sent: { value: 1, suppressed: false, display: '1' },
        answeredWithin14Days: { value: 1, suppressed: false, display: '1' },
        answeredShare: { value: 100, suppressed: false, display: '100%' },
      },
    ]);
    expect(
      r.summerJobs.map((s: Record<string, Cell>) => [
        s.sector,
        s.positions.value,
        s.placements.value,
      ]),
    ).toEqual([
      ['MUNICIPALITY', 40, 30],
      ['BUSINESS', 10, 3],
      ['ASSOCIATION', 0, 0],
    ]);
  });

  it('puts the events just after midnight on 1 April in April, and February’s in February', async () => {
    const res = await report(tbg.coordinator.token, '2026-02', '2026-04');
    const [feb, , apr]: Month[] = res.data.monthlyReport.months;
    expect(apr.closuresToWork.value).toBe(1);
    expect(apr.contactsMade.value).toBe(1);
    expect(apr.noticesReceived.value).toBe(1);
    expect(apr.noticesWithPlan.value).toBe(1);
    expect(apr.preventiveMeetingsHeld.value).toBe(1);
    expect(apr.referralsSent.value).toBe(1);
    expect(apr.referralsCompleted.value).toBe(1);
    expect(apr.activitiesHeld.value).toBe(1);
    expect(apr.activityAttendance.value).toBe(7);
    expect(apr.enteredRegister.value).toBe(1); // p7 on 1 April
    expect(feb.closuresToStudies.value).toBe(1);
    expect(feb.referralsSent.value).toBe(1);
    expect(feb.leftRegister.value).toBe(1); // p6 on 28 February
    expect(feb.contactsMade.value).toBe(0);
  });

  it('shows "<5" to the MANAGER for cells counting fewer than 5 people, exact numbers otherwise', async () => {
    const res = await report(manager.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.monthlyReport;
    expect(r.smallCountsSuppressed).toBe(true);
    const march: Month = r.months[0];
    for (const figure of FIGURES) {
      const expected = MARCH[figure];
      const cell = march[figure];
      const smallPeopleCount = figure !== 'activitiesHeld' && expected < 5;
      if (figure === 'knownOccupationShare') {
        expect(cell).toEqual({ value: 71.4, suppressed: false, display: '71%' }); // 5 of 7
      } else if (smallPeopleCount) {
        expect({ figure, cell }).toEqual({
          figure,
          cell: { value: null, suppressed: true, display: '<5' },
        });
      } else {
        expect({ figure, cell }).toEqual({
          figure,
          cell: { value: expected, suppressed: false, display: String(expected) },
        });
      }
    }
    // Shares are hidden when either count is small.
    const letter = march.outreach.find((o) => o.channel === 'LETTER')!;
    expect(letter.answeredShare).toEqual({ value: null, suppressed: true, display: '<5' });
    const business = r.summerJobs.find((s: { sector: string }) => s.sector === 'BUSINESS');
    expect(business.positions).toEqual({ value: 10, suppressed: false, display: '10' });
    expect(business.placements).toEqual({ value: null, suppressed: true, display: '<5' });
  });

  it('gives another municipality only its own figures', async () => {
    const res = await report(mmo.coordinator.token);
    expect(res.errors).toBeUndefined();
    const march: Month = res.data.monthlyReport.months[0];
    expect(res.data.monthlyReport.municipalityCode).toBe('1280');
    expect(march.youngPeopleInRegister.value).toBe(1);
    expect(march.noticesReceived.value).toBe(1);
    expect(march.contactsMade.value).toBe(1);
    expect(march.closuresToWork.value).toBe(0);
    expect(march.activityAttendance.value).toBe(30);
    expect(march.preventiveMeetingsHeld.value).toBe(0);
    expect(march.referralsSent.value).toBe(0);
  });

  it('refuses every role but the youth team’s coordinator and the manager (FORBIDDEN)', async () => {
    const refused = [
      [OrganisationKind.SCHOOL, Role.COUNSELLOR],
      [OrganisationKind.SOCIAL_SERVICES, Role.SOCIAL_WORKER],
      [OrganisationKind.LABOUR_OFFICE, Role.EMPLOYMENT_OFFICER],
      [OrganisationKind.ASSOCIATION, Role.ASSOCIATION_LEADER],
      [OrganisationKind.OTHER, Role.AUDITOR],
      [OrganisationKind.OTHER, Role.ORG_ADMIN],
      [OrganisationKind.OTHER, Role.MUNICIPALITY_ADMIN],
      // A coordinator role outside a youth team is not the youth team.
      [OrganisationKind.SCHOOL, Role.YOUTH_COORDINATOR],
    ] as const;
    for (const [kind, role] of refused) {
      const user = await createUser(t, tbg.org[kind], [role]);
      for (const query of [REPORT, CSV]) {
        const res = await t.gql(query, { from: '2026-03', to: '2026-03' }, user.token);
        expect({ role, kind, code: res.errors?.[0].extensions?.code }).toEqual({
          role,
          kind,
          code: 'FORBIDDEN',
        });
        expect(res.data?.monthlyReport ?? res.data?.monthlyReportCsv ?? null).toBeNull();
      }
    }
    const anonymous = await t.gql(REPORT, { from: '2026-03', to: '2026-03' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a reversed range, more than 24 months and a malformed month', async () => {
    const reversed = await report(tbg.coordinator.token, '2026-03', '2026-02');
    expect(reversed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const long = await report(tbg.coordinator.token, '2024-01', '2026-01');
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await report(tbg.coordinator.token, '2024-02', '2026-01');
    expect(ok.data.monthlyReport.months).toHaveLength(24);
    const malformed = await report(tbg.coordinator.token, '2026-13', '2026-13');
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the same cells as CSV, with the same suppression, logged as EXPORT', async () => {
    for (const user of [tbg.coordinator, manager]) {
      const [json, csv] = await Promise.all([
        report(user.token, '2026-02', '2026-04'),
        t.gql(CSV, { from: '2026-02', to: '2026-04' }, user.token),
      ]);
      expect(csv.errors).toBeUndefined();
      const lines = csv.data.monthlyReportCsv.csv.trimEnd().split('\r\n');
      const table = new Map(lines.map((l: string) => [l.split(',')[0], l.split(',').slice(1)]));
      expect(table.get('figure')).toEqual(['2026-02', '2026-03', '2026-04']);
      const months: Month[] = json.data.monthlyReport.months;
      for (const figure of FIGURES) {
        expect([figure, table.get(figure)]).toEqual([figure, months.map((m) => m[figure].display)]);
      }
      expect(table.get('outreach.LETTER.sent')).toEqual(
        months.map(
          (m) =>
            m.outreach.find((o) => o.channel === 'LETTER')?.sent.display ??
            (user === manager ? '<5' : '0'),
        ),
      );
      expect(table.get('summerJobs.BUSINESS.placements')).toEqual(
        user === manager ? ['<5', '<5', '<5'] : ['3', '3', '3'],
      );
    }
    expect(
      (await t.gql(CSV, { from: '2026-03', to: '2026-03' }, manager.token)).data.monthlyReportCsv
        .fileName,
    ).toBe('kaa-monthly-report-1287-2026-03-2026-03.csv');
  });

  it('logs each request (READ for the report, EXPORT for the CSV) without young-person ids', async () => {
    const before = await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`);
    await report(manager.token);
    await t.gql(CSV, { from: '2026-03', to: '2026-03' }, manager.token);
    const { rows } = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids, actor_user_id, subject_municipality_code
         FROM access_log WHERE id > $1 AND subject_type = 'MONTHLY_REPORT' ORDER BY id`,
      [before.rows[0].id],
    );
    expect(rows).toEqual([
      expect.objectContaining({ action: 'READ', young_person_ids: [], subject_ids: [] }),
      expect.objectContaining({ action: 'EXPORT', young_person_ids: [], subject_ids: [] }),
    ]);
    expect(rows.every((r) => r.actor_user_id === manager.id)).toBe(true);
    expect(rows.every((r) => r.subject_municipality_code === '1287')).toBe(true);
  });

  it('issues the same number of SQL statements for 1 month as for 24', async () => {
    t.sql.reset();
    await report(tbg.coordinator.token, '2026-03', '2026-03');
    const one = t.sql.count;
    t.sql.reset();
    const res = await report(tbg.coordinator.token, '2024-04', '2026-03');
    expect(res.data.monthlyReport.months).toHaveLength(24);
    expect(t.sql.count).toBe(one);
    expect(one).toBeLessThan(12);
  });

  const regionReport = (token: string, code = 'TEST-SYDVAST', from = '2026-03', to = '2026-03') =>
    t.gql(REGION, { code, from, to }, token);

  it('gives a region’s MANAGER each member’s report as its manager sees it, and the region’s sums', async () => {
    const res = await regionReport(regionManager.token);
    expect(res.errors).toBeUndefined();
    const r = res.data.regionReport;
    expect(r.smallCountsSuppressed).toBe(true);
    expect(r.members.map((m: { code: string }) => m.code)).toEqual(['1280', '1287']);
    const asManager = async (u: TestUser) => (await report(u.token)).data.monthlyReport;
    expect(r.municipalities).toEqual([await asManager(mmoManager), await asManager(manager)]);
    const march: Month = r.region.months[0];
    expect(r.region.municipalityCode).toBe('TEST-SYDVAST');
    // Both members shown (12 + 30): the sum. Activities are not people: never hidden.
    expect(march.activityAttendance).toEqual({ value: 42, suppressed: false, display: '42' });
    expect(march.activitiesHeld).toEqual({ value: 2, suppressed: false, display: '2' });
    // Trelleborg 9, Malmö 1 (hidden): 10 would give Malmö's 1 away, so the region hides it.
    const hidden = { value: null, suppressed: true, display: '<5' };
    expect(march.youngPeopleInRegister).toEqual(hidden);
    expect(march.inRegisterAtMonthEnd).toEqual(hidden); // 7 + 1
    expect(march.contactsMade).toEqual(hidden); // 6 + 1
    expect(march.knownOccupationShare).toEqual(hidden); // its count, 5 + 0, is hidden
    expect(r.region.totals.youngPeopleInRegister).toEqual(hidden);
    // Entered: Trelleborg 4 and Malmö 1, both hidden; 5 pins neither down, so it is shown.
    expect(march.enteredRegister).toEqual({ value: 5, suppressed: false, display: '5' });
    expect(march.noticesReceived).toEqual(hidden); // 2 + 1: under 5
    const row = (key: string) => r.region.rows.find((x: { key: string }) => x.key === key);
    expect(row('enteredRegister').total).toEqual({ value: 5, suppressed: false, display: '5' });
    expect(row('youngPeopleInRegister').total).toEqual(hidden);
    // Aggregates only: no id, personnummer or name of a young person anywhere in the answer.
    const { rows } = await t.db.query(
      `SELECT id::text AS id, personal_number, family_name FROM young_person`,
    );
    const personal = new Set(rows.flatMap((p) => [p.id, p.personal_number, p.family_name]));
    const strings = JSON.stringify(res.data)
      .match(/"[^"]*"/g)!
      .map((x) => JSON.parse(x));
    expect(strings.filter((x) => personal.has(x))).toEqual([]);
  });

  it('refuses the region-wide report to everyone but a MANAGER of the region (FORBIDDEN, NOT_FOUND)', async () => {
    const counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    const auditor = await createUser(t, tbg.org.OTHER, [Role.AUDITOR]);
    const refused = {
      coordinator: tbg.coordinator,
      counsellor,
      auditor,
      'manager of one municipality': manager,
    };
    for (const [who, user] of Object.entries(refused)) {
      for (const query of [REGION, REGION_CSV]) {
        const res = await t.gql(
          query,
          { code: 'TEST-SYDVAST', from: '2026-03', to: '2026-03' },
          user.token,
        );
        expect({ who, code: res.errors?.[0].extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
        expect(res.data?.regionReport ?? res.data?.regionReportCsv ?? null).toBeNull();
      }
    }
    // Another region's manager: the region answers as one that does not exist.
    const other = await regionReport(otherRegionManager.token);
    const none = await regionReport(otherRegionManager.token, 'NO-SUCH-REGION');
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(other.errors?.[0].message).toBe(none.errors?.[0].message);
    expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(other.data?.regionReport ?? null).toBeNull();
    const own = await regionReport(otherRegionManager.token, 'TEST-ANNAT');
    expect(own.data.regionReport.members).toEqual([{ code: '1280', name: expect.any(String) }]);
    const bad = await regionReport(regionManager.token, 'not a code');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the region as CSV with an area column, logged once per member municipality', async () => {
    const before = await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`);
    await regionReport(regionManager.token);
    const res = await t.gql(
      REGION_CSV,
      { code: 'TEST-SYDVAST', from: '2026-03', to: '2026-03' },
      regionManager.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.regionReportCsv.fileName).toBe(
      'kaa-region-report-TEST-SYDVAST-2026-03-2026-03.csv',
    );
    const lines: string[] = res.data.regionReportCsv.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('area,figure,2026-03');
    const cell = (area: string, figure: string) =>
      lines.find((l) => l.startsWith(`${area},${figure},`))?.split(',')[2];
    expect(cell('TEST-SYDVAST', 'activityAttendance')).toBe('42');
    expect(cell('TEST-SYDVAST', 'youngPeopleInRegister')).toBe('<5');
    expect(cell('1287', 'youngPeopleInRegister')).toBe('9');
    expect(cell('1280', 'activityAttendance')).toBe('30');
    const { rows } = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids, fields, subject_municipality_code
         FROM access_log WHERE id > $1 AND actor_user_id = $2 ORDER BY id`,
      [before.rows[0].id, regionManager.id],
    );
    const logged = (action: string, code: string) =>
      expect.objectContaining({
        action,
        subject_type: 'MONTHLY_REPORT',
        subject_ids: [],
        young_person_ids: [],
        fields: ['region:TEST-SYDVAST', 'months:2026-03..2026-03'],
        subject_municipality_code: code,
      });
    expect(rows).toEqual([
      logged('READ', '1280'),
      logged('READ', '1287'),
      logged('EXPORT', '1280'),
      logged('EXPORT', '1287'),
    ]);
  });

  it('issues the same number of SQL statements for the region, for 1 month as for 24', async () => {
    t.sql.reset();
    await regionReport(regionManager.token);
    const one = t.sql.count;
    t.sql.reset();
    const res = await regionReport(regionManager.token, 'TEST-SYDVAST', '2024-04', '2026-03');
    expect(res.data.regionReport.region.months).toHaveLength(24);
    expect(t.sql.count).toBe(one);
    expect(one).toBeLessThan(13);
  });

  it('gives a municipality with no rows zeros, never another municipality’s figures', async () => {
    // A YOUTH_TEAM in a third municipality with no rows gets zeros, not Trelleborg's.
    const code = '1272';
    await t.db.query(`INSERT INTO municipality (code, name) VALUES ($1, 'Bromölla')`, [code]);
    const org = await createOrganisation(t, code, OrganisationKind.YOUTH_TEAM);
    const user = await createUser(t, org, [Role.YOUTH_COORDINATOR]);
    const res = await report(user.token);
    const march: Month = res.data.monthlyReport.months[0];
    for (const figure of FIGURES.filter((f) => f !== 'knownOccupationShare'))
      expect([figure, march[figure].value]).toEqual([figure, 0]);
    expect(march.knownOccupationShare.value).toBeNull();
    expect(march.outreach).toEqual([]);
  });

  // Last: it rewrites every person. Retention (gallring) strips names, personnummer and
  // free text but keeps the register events; the report must not notice.
  it('gives the same figures after every young person is anonymised and free text is gone', async () => {
    const before = await report(tbg.coordinator.token, '2026-02', '2026-04');
    await t.db.query(
      `UPDATE young_person SET personal_number = NULL, anonymised_at = app_now(), given_name = 'Anonymiserad',
              family_name = 'Anonymiserad', street_address = NULL, phone = NULL, email = NULL`,
    );
    await t.db.query(`UPDATE contact_attempt SET note = NULL`);
    await t.db.query(`UPDATE kaa_closure SET note = NULL`);
    await t.db.query(`UPDATE school_notice SET note = NULL, content_purged_at = app_now()`);
    await t.db.query(`UPDATE joint_case SET title = 'Gallrat', content_purged_at = app_now()`);
    await t.db.query(`UPDATE preventive_meeting SET participants = ARRAY['Gallrat']`);
    const after = await report(tbg.coordinator.token, '2026-02', '2026-04');
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
    expect(after.data.monthlyReport.months[1].youngPeopleInRegister.value).toBe(9);
  });
});
