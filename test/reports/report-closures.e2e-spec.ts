import { CELL, Cell, ReportFixture, xlsxValue } from './report-fixture';

const DESTINATIONS = `kind occupationField programmeCode closures ${CELL}`;
const SELECTION = `smallCountsSuppressed
  months { month closuresToWork ${CELL} closuresToStudies ${CELL} closureDestinations { ${DESTINATIONS} } }
  closureDestinationTotals { ${DESTINATIONS} }
  rows { key label cells ${CELL} total ${CELL} }`;
const RECORD = `mutation($input: RecordClosureInput!) { recordKaaClosure(input: $input) {
  kind occupationTitle occupationField programmeCode } }`;

type Destination = {
  kind: string;
  occupationField: string | null;
  programmeCode: string | null;
  closures: Cell;
};
const flat = (list: Destination[]) =>
  list.map((d) => [d.kind, d.occupationField ?? d.programmeCode, d.closures.display]);

describe('monthly report: closures by occupation field and programme', () => {
  const f = new ReportFixture('2026-03', '2026-04');

  beforeAll(async () => {
    await f.init();
    const { tbg, mmo } = f;
    const closure = async (
      w = tbg,
      ...a: [kind: 'WORK' | 'STUDIES', at: string, code?: string | null]
    ) => w.closure(await w.person(), ...a);
    for (const at of ['02', '09', '16', '23'])
      await closure(tbg, 'WORK', `2026-03-${at}T10:00:00Z`, 'HOTEL_RESTAURANT_CATERING');
    await closure(tbg, 'WORK', '2026-03-31T21:30:00Z', 'HOTEL_RESTAURANT_CATERING'); // 23:30 local: March
    await closure(tbg, 'WORK', '2026-03-31T22:30:00Z', 'HOTEL_RESTAURANT_CATERING'); // 00:30 local: April
    await closure(tbg, 'WORK', '2026-03-10T10:00:00Z', 'TRANSPORT');
    await closure(tbg, 'WORK', '2026-03-11T10:00:00Z', 'TRANSPORT');
    await closure(tbg, 'WORK', '2026-04-12T10:00:00Z', null); // recorded without a field
    await closure(tbg, 'STUDIES', '2026-03-12T10:00:00Z', 'VO');
    await closure(tbg, 'STUDIES', '2026-03-13T10:00:00Z', 'VO');
    await closure(tbg, 'STUDIES', '2026-04-14T10:00:00Z', 'IMV');
    await closure(tbg, 'WORK', '2026-02-27T10:00:00Z', 'HOTEL_RESTAURANT_CATERING'); // before the range
    await closure(mmo, 'WORK', '2026-03-05T10:00:00Z', 'HOTEL_RESTAURANT_CATERING'); // Malmö's
    await f.t.db.query(
      `INSERT INTO kaa_closure (young_person_id, municipality_code, kind, closed_on) VALUES ($1, '1287', 'OTHER', '2026-03-14')`,
      [await tbg.person()],
    );
    // One through the API: the occupation field is stored beside the title.
    const person = await tbg.person();
    await tbg.period(person, '2026-01-10');
    const res = await f.t.gql(
      RECORD,
      {
        input: {
          youngPersonId: person,
          kind: 'WORK',
          closedOn: '2026-04-20',
          occupationTitle: 'Kallskänka',
          occupationField: 'HOTEL_RESTAURANT_CATERING',
        },
      },
      tbg.coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.recordKaaClosure).toEqual({
      kind: 'WORK',
      occupationTitle: 'Kallskänka',
      occupationField: 'HOTEL_RESTAURANT_CATERING',
      programmeCode: null,
    });
  });
  afterAll(() => f.close());

  it('refuses a code of the other kind', async () => {
    const person = await f.tbg.person();
    await f.tbg.period(person, '2026-01-10');
    const input = { youngPersonId: person, closedOn: '2026-04-20' };
    for (const wrong of [
      { ...input, kind: 'STUDIES', programme: 'Vård', occupationField: 'HEALTHCARE' },
      { ...input, kind: 'WORK', occupationTitle: 'Vårdbiträde', programmeCode: 'VO' },
    ]) {
      const res = await f.t.gql(RECORD, { input: wrong }, f.tbg.coordinator.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('splits each month and the period by destination, counted by hand', async () => {
    const r = await f.report(SELECTION, f.tbg.coordinator.token);
    expect(r.months.map((m: any) => flat(m.closureDestinations))).toEqual([
      [
        ['WORK', 'HOTEL_RESTAURANT_CATERING', '5'],
        ['WORK', 'TRANSPORT', '2'],
        ['STUDIES', 'VO', '2'],
      ],
      [
        ['WORK', 'HOTEL_RESTAURANT_CATERING', '2'],
        ['WORK', null, '1'],
        ['STUDIES', 'IMV', '1'],
      ],
    ]);
    // The split adds up to the month's closures to work and to studies.
    expect(r.months.map((m: any) => [m.closuresToWork.value, m.closuresToStudies.value])).toEqual([
      [7, 2],
      [3, 1],
    ]);
    expect(flat(r.closureDestinationTotals)).toEqual([
      ['WORK', 'HOTEL_RESTAURANT_CATERING', '7'],
      ['WORK', 'TRANSPORT', '2'],
      ['WORK', null, '1'],
      ['STUDIES', 'VO', '2'],
      ['STUDIES', 'IMV', '1'],
    ]);
    const rows = r.rows.map((row: any) => [
      row.key,
      row.label,
      ...row.cells.map((c: Cell) => c.display),
      row.total.display,
    ]);
    // Each kind's split right under its closure row.
    const at = (key: string) => rows.findIndex((row: string[]) => row[0] === key);
    expect(rows.slice(at('closuresToWork'), at('closuresToWork') + 4)).toEqual([
      ['closuresToWork', 'Avslut till arbete', '7', '3', '10'],
      [
        'closures.WORK.HOTEL_RESTAURANT_CATERING',
        'Varav Hotell, restaurang, storhushåll',
        '5',
        '2',
        '7',
      ],
      ['closures.WORK.TRANSPORT', 'Varav Transport, distribution, lager', '2', '0', '2'],
      ['closures.WORK.NOT_STATED', 'Varav yrkesområde ej angivet', '0', '1', '1'],
    ]);
    expect(rows.slice(at('closuresToStudies'), at('closuresToStudies') + 3)).toEqual([
      ['closuresToStudies', 'Avslut till studier', '2', '1', '3'],
      ['closures.STUDIES.VO', 'Varav Vård- och omsorgsprogrammet (VO)', '2', '0', '2'],
      ['closures.STUDIES.IMV', 'Varav Programinriktat val (IMV)', '0', '1', '1'],
    ]);
  });

  it('suppresses destinations under 5 for the manager, and totals of a suppressed month', async () => {
    const r = await f.report(SELECTION, f.manager.token);
    expect(r.smallCountsSuppressed).toBe(true);
    expect(r.months.map((m: any) => flat(m.closureDestinations))).toEqual([
      [
        ['WORK', 'HOTEL_RESTAURANT_CATERING', '5'],
        ['WORK', 'TRANSPORT', '<5'],
        ['STUDIES', 'VO', '<5'],
      ],
      [
        ['WORK', 'HOTEL_RESTAURANT_CATERING', '<5'],
        ['WORK', null, '<5'],
        ['STUDIES', 'IMV', '<5'],
      ],
    ]);
    expect(r.closureDestinationTotals.map((d: Destination) => d.closures.display)).toEqual([
      '<5',
      '<5',
      '<5',
      '<5',
      '<5',
    ]);
  });

  it('gives the same cells in the CSV and the XLSX as in GraphQL', async () => {
    for (const user of [f.tbg.coordinator, f.manager]) {
      const [r, csv, sheet] = await Promise.all([
        f.report(SELECTION, user.token),
        f.csv(user.token),
        f.xlsx(user.token),
      ]);
      const split = r.rows.filter((row: any) => row.key.startsWith('closures.'));
      expect(split).toHaveLength(5);
      for (const row of split) {
        const months = row.cells.map((c: Cell) => c.display);
        expect([row.key, csv.table.get(row.key)]).toEqual([row.key, months]);
        expect([row.key, csv.table.get(`totals.${row.key}`)]).toEqual([
          row.key,
          [row.total.display, row.total.display],
        ]);
        expect([row.key, sheet.get(row.label)]).toEqual([
          row.key,
          [...row.cells, row.total].map(xlsxValue),
        ]);
      }
    }
    const { text } = await f.csv(f.manager.token);
    expect(text).toContain(
      '\r\nclosures.WORK.HOTEL_RESTAURANT_CATERING,5,<5\r\ntotals.closures.WORK.HOTEL_RESTAURANT_CATERING,<5,<5\r\n',
    );
  });
});
