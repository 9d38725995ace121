import ExcelJS from 'exceljs';
import { addDays } from '../../src/core/clock/stockholm-calendar';
import { Role } from '../../src/identity/role.enum';
import { testClock } from '../support/clock';
import { createUser, createWorld, TestUser } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestApp } from '../support/test-app';

const FIELDS = 'id heldOn kind participants organisations topic municipalityCode';
const RECORD = `mutation($input: RecordNetworkMeetingInput!) { recordNetworkMeeting(input: $input) { ${FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $from: String, $to: String, $kind: NetworkMeetingKind) {
  networkMeetings(first: $first, after: $after, from: $from, to: $to, kind: $kind) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`;
const CELL = '{ value suppressed display }';
const MEETINGS = `held ${CELL} participants ${CELL} organisations ${CELL}`;
const REPORT = `query { monthlyReport(fromMonth: "2026-03", toMonth: "2026-05") {
  months { month networkMeetings { ${MEETINGS} } } networkMeetingTotals { ${MEETINGS} }
  rows { key label cells ${CELL} total ${CELL} } } }`;
const CSV = `query { monthlyReportCsv(fromMonth: "2026-03", toMonth: "2026-05") { csv } }`;
const DOC = `query($format: ReportDocumentFormat!) {
  monthlyReportDocument(fromMonth: "2026-03", toMonth: "2026-05", format: $format) { base64 } }`;

/** seeds/004: "en nätverksträff där 13 personer deltog från olika kommuner". */
const SEEDS_004 = {
  heldOn: '2026-03-16',
  kind: 'NETWORK',
  participants: 13,
  organisations: ['Trelleborgs kommun', 'Vellinge kommun', 'Skurups kommun'],
  topic: 'Erfarenhetsutbyte om kommunens aktivitetsansvar',
};

type Cell = { value: number | null; suppressed: boolean; display: string };
const values = (m: Record<string, Cell>) =>
  [m.held, m.participants, m.organisations].map((c) => c.value);

describe('professional and network meetings', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let manager: TestUser;
  let counsellor: TestUser;
  let socialWorker: TestUser;
  let teamManager: TestUser;

  const count = async () =>
    Number((await t.db.query(`SELECT count(*) FROM network_meeting`)).rows[0].count);
  const record = (input: Record<string, unknown>, user = coordinator) =>
    t.gql(RECORD, { input: { ...SEEDS_004, ...input } }, user.token);

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    manager = await createUser(t, tbg.org.OTHER, [Role.MANAGER]);
    teamManager = await createUser(t, tbg.org.YOUTH_TEAM, [Role.MANAGER]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    socialWorker = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
  });
  afterAll(() => t.close());

  it('the coordinator records a meeting and lists the own municipality’s, newest first, without an access-log row', async () => {
    const logBefore = Number((await t.db.query(`SELECT count(*) FROM access_log`)).rows[0].count);
    const res = await record({
      organisations: ['  Trelleborgs kommun ', ...SEEDS_004.organisations.slice(1)],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordNetworkMeeting).toMatchObject({ ...SEEDS_004, municipalityCode: '1287' });
    const more: [Record<string, unknown>, TestUser][] = [
      [
        {
          heldOn: '2026-03-25',
          kind: 'PROFESSIONAL',
          participants: 6,
          organisations: ['Vellinge kommun', 'Arbetsförmedlingen'],
          topic: 'Samverkan kring praktikplatser',
        },
        coordinator,
      ],
      [
        {
          heldOn: '2026-04-07',
          participants: 4,
          organisations: ['trelleborgs kommun'],
          topic: 'Planering av höstens nätverksträff',
        },
        coordinator,
      ],
      [{ heldOn: '2026-03-20', organisations: ['Malmö stad'], topic: 'Malmös träff' }, malmo],
    ];
    for (const [input, user] of more) expect((await record(input, user)).errors).toBeUndefined();
    // Counts and names of organisations only: nothing personal, so nothing for the access log.
    expect(Number((await t.db.query(`SELECT count(*) FROM access_log`)).rows[0].count)).toBe(
      logBefore,
    );

    const page1 = await t.gql(LIST, { first: 2 }, coordinator.token);
    expect(page1.errors).toBeUndefined();
    const list = page1.data.networkMeetings;
    expect(list.totalCount).toBe(3);
    expect(list.edges.map((e: any) => e.node.heldOn)).toEqual(['2026-04-07', '2026-03-25']);
    expect(list.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.gql(
      LIST,
      { first: 2, after: list.pageInfo.endCursor },
      coordinator.token,
    );
    expect(page2.data.networkMeetings.edges.map((e: any) => e.node.heldOn)).toEqual(['2026-03-16']);
    const filtered = await t.gql(
      LIST,
      { kind: 'NETWORK', from: '2026-04-01', to: '2026-04-30' },
      coordinator.token,
    );
    expect(filtered.data.networkMeetings.edges.map((e: any) => e.node.topic)).toEqual([
      'Planering av höstens nätverksträff',
    ]);
    const other = await t.gql(LIST, {}, malmo.token);
    expect(other.data.networkMeetings.edges.map((e: any) => e.node.topic)).toEqual([
      'Malmös träff',
    ]);
  });

  it('refuses bad input with BAD_USER_INPUT and stores nothing', async () => {
    const before = await count();
    const tomorrow = addDays(testClock.today(), 1);
    const cases: [string, Record<string, unknown>][] = [
      ['negative participants', { participants: -3 }],
      ['no participants', { participants: 0 }],
      ['too many participants', { participants: 10001 }],
      ['empty organisation list', { organisations: [] }],
      ['blank organisation', { organisations: ['Vellinge kommun', '   '] }],
      ['too long organisation', { organisations: ['x'.repeat(201)] }],
      ['the same organisation twice', { organisations: ['Vellinge kommun', 'VELLINGE KOMMUN'] }],
      ['more organisations than participants', { participants: 2 }],
      ['too long topic', { topic: 'x'.repeat(201) }],
      ['blank topic', { topic: '  ' }],
      ['future date', { heldOn: tomorrow }],
      ['no such date', { heldOn: '2026-02-30' }],
      ['not a date', { heldOn: '16 mars' }],
      ['unknown kind', { kind: 'PARTY' }],
    ];
    for (const [what, input] of cases) {
      const res = await record(input);
      expect([what, res.errors?.[0].extensions?.code]).toEqual([what, 'BAD_USER_INPUT']);
    }
    for (const args of [{ from: '2026-13-01' }, { after: 'bm90LWEtY3Vyc29y' }]) {
      const res = await t.gql(LIST, args, coordinator.token);
      expect([args, res.errors?.[0].extensions?.code]).toEqual([args, 'BAD_USER_INPUT']);
    }
    expect(await count()).toBe(before);
    // Today is fine.
    const today = await record({ heldOn: testClock.today(), topic: 'Dagens träff' });
    expect(today.errors).toBeUndefined();
    await t.db.query(`DELETE FROM network_meeting WHERE id = $1`, [
      today.data.recordNetworkMeeting.id,
    ]);
  });

  it('only the youth team’s coordinator records and lists meetings', async () => {
    const before = await count();
    for (const user of [manager, teamManager, counsellor, socialWorker]) {
      const rec = await record({ topic: 'Ska inte sparas' }, user);
      expect(rec.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const list = await t.gql(LIST, {}, user.token);
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(list.data).toBeNull();
    }
    expect(await count()).toBe(before);
  });

  it('the monthly report counts meetings, participants and organisations per month and over the period', async () => {
    for (const user of [coordinator, manager]) {
      const res = await t.gql(REPORT, {}, user.token);
      expect(res.errors).toBeUndefined();
      const r = res.data.monthlyReport;
      // March: 13 + 6 people; Trelleborg, Vellinge, Skurup, Arbetsförmedlingen. April: one
      // meeting of 4 with Trelleborg again. May: none. Malmö's meeting is not Trelleborg's.
      expect(r.months.map((m: any) => [m.month, ...values(m.networkMeetings)])).toEqual([
        ['2026-03', 2, 19, 4],
        ['2026-04', 1, 4, 1],
        ['2026-05', 0, 0, 0],
      ]);
      // Trelleborg in March and April is one organisation over the period.
      expect(values(r.networkMeetingTotals)).toEqual([3, 23, 4]);
      // Not people: the manager sees the 1 and the 4 too.
      expect(r.months[1].networkMeetings.held).toEqual({
        value: 1,
        suppressed: false,
        display: '1',
      });
      const rows = r.rows.filter((x: any) => x.key.startsWith('networkMeetings.'));
      expect(
        rows.map((x: any) => [
          x.key,
          x.label,
          x.cells.map((c: Cell) => c.display),
          x.total.display,
        ]),
      ).toEqual([
        ['networkMeetings.held', 'Professions- och nätverksmöten: antal', ['2', '1', '0'], '3'],
        [
          'networkMeetings.participants',
          'Professions- och nätverksmöten: deltagare',
          ['19', '4', '0'],
          '23',
        ],
        [
          'networkMeetings.organisations',
          'Professions- och nätverksmöten: organisationer',
          ['4', '1', '0'],
          '4',
        ],
      ]);
    }
  });

  it('the CSV, the XLSX and the PDF carry the same meeting figures', async () => {
    const csv = (await t.gql(CSV, {}, manager.token)).data.monthlyReportCsv.csv as string;
    expect(csv).toContain(
      '\r\nnetworkMeetings.held,2,1,0\r\ntotals.networkMeetings.held,3,3,3\r\n' +
        'networkMeetings.participants,19,4,0\r\ntotals.networkMeetings.participants,23,23,23\r\n' +
        'networkMeetings.organisations,4,1,0\r\ntotals.networkMeetings.organisations,4,4,4\r\n',
    );
    const xlsx = await t.gql(DOC, { format: 'XLSX' }, manager.token);
    expect(xlsx.errors).toBeUndefined();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(xlsx.data.monthlyReportDocument.base64, 'base64') as unknown as ArrayBuffer,
    );
    const sheet = new Map<string, unknown[]>();
    book.worksheets[0].eachRow((row) => {
      const v = (row.values as unknown[]).slice(1);
      sheet.set(String(v[0] ?? ''), v.slice(1));
    });
    expect(sheet.get('Professions- och nätverksmöten: antal')).toEqual([2, 1, 0, 3]);
    expect(sheet.get('Professions- och nätverksmöten: deltagare')).toEqual([19, 4, 0, 23]);
    expect(sheet.get('Professions- och nätverksmöten: organisationer')).toEqual([4, 1, 0, 4]);
    const pdf = await t.gql(DOC, { format: 'PDF' }, coordinator.token);
    expect(pdf.errors).toBeUndefined();
    const text = (
      await pdfText(Buffer.from(pdf.data.monthlyReportDocument.base64, 'base64'))
    ).text.replace(/\s+/g, ' ');
    expect(text).toContain('Professions- och nätverksmöten: antal 2 1 0 3');
    expect(text).toContain('Professions- och nätverksmöten: deltagare 19 4 0 23');
    expect(text).toContain('Professions- och nätverksmöten: organisationer 4 1 0 4');
  });
});
