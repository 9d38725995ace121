/**
 * Reconciliation (issue 11): three source files — Malmö's population extract and two
 * school organisers' enrolment lists — against a register built by hand, and the two
 * lists the register rules keep from them, computed by hand below person by person:
 *
 *   person  before the files                   files say                       list (reason)
 *   Alva    17, compulsory done, no period     IMV active (Malmö list)         enter (introduction programme)
 *   Bo      18, no period                      NA interrupted (Malmö list)     enter (interrupted studies)
 *   Juno    not known                          resident; compulsory done       enter (no upper secondary), created
 *   Cleo    18, open period                    NA active in Lund (Lund list)   leave (national programme elsewhere)
 *   Dan     turned 20, open period             resident                        leave (turned 20)
 *   Ebba    17, open period                    folkbokförd in Trelleborg       leave (moved) + handed over to Trelleborg
 *   Greta   18, open period                    absent from the extract         leave (not in the population extract)
 *   Olle    18, open period                    folkbokförd in Stockholm        leave (not in the extract; outside the deployment)
 *   Hugo    17, open period                    IMV active                      neither
 *   Ida     16, no period                      NA active (Malmö list)          neither
 *   Tore    Trelleborg's resident              on the Lund list                neither; Malmö is told nothing of him
 */
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { birthDateTurning } from '../support/clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  birthDateForAge,
  createPeriod,
  createYoungPerson,
  day,
  personalNumberFor,
} from '../outreach/outreach-fixtures';

const IMPORT_SOURCE = `mutation($i: ImportRegisterSourceInput!) { importRegisterSource(input: $i) {
  imported sourceId rowsRead youngPeopleCreated handedOver schoolingCreated schoolingUpdated errorCount
  errors { row column code } warnings { row column code message } youngPeople { row youngPersonId created } } }`;
const REASONS = `reasons { code detail source { name kind sourceDate } }`;
const LISTS = `{
  kaaRegisterCandidates(first: 50) { totalCount edges { node { youngPersonId familyName suggestedEntryReason ${REASONS} } } }
  kaaRegisterLeavers(first: 50) { totalCount edges { node { kaaPeriodId youngPersonId familyName homeMunicipalityCode suggestedExitReason ${REASONS} } } }
}`;
const SOURCES = `{ registerSources { id kind name sourceDate rowCount } }`;
const OPEN = `mutation($i: OpenKaaPeriodsInput!) { openKaaPeriods(input: $i) { changed results { youngPersonId outcome } } }`;
const CLOSE = `mutation($i: CloseKaaPeriodsInput!) { closeKaaPeriods(input: $i) { changed results { youngPersonId outcome } } }`;

const HEADER =
  'personnummer;given_name;family_name;home_municipality;school;programme_code;programme_type;start_date;end_date;status';
const POPULATION = 'Skatteverket folkbokföring';
const MALMO_LIST = 'Malmö stad, utbildningsförvaltningen';
const LUND_LIST = 'Lunds kommun, gymnasieskolan';

describe('reconciliation: sources, should enter / should leave, handover', () => {
  let t: TestApp;
  let malmo: TestUser;
  let trelleborg: TestUser;
  let counsellor: TestUser;
  const id: Record<string, string> = {};
  const pnr: Record<string, string> = {};
  const junoPnr = personalNumberFor(birthDateForAge(17), 901);

  const row = (who: string, family: string, home: string, school = ';;;;;') =>
    `${who};Test;${family};${home};${school}`;

  beforeAll(async () => {
    t = await createTestApp();
    const mmo = await createWorld(t, '1280');
    const tbg = await createWorld(t, '1287');
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    trelleborg = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, mmo.org.SCHOOL, [Role.COUNSELLOR]);
    const person = async (
      key: string,
      family: string,
      o: { age?: number; birthDate?: string; home?: string },
    ) => {
      id[key] = await createYoungPerson(t, {
        municipality: o.home ?? '1280',
        familyName: family,
        age: o.age,
        birthDate: o.birthDate,
      });
      pnr[key] = (
        await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [id[key]])
      ).rows[0].personal_number;
    };
    await person('alva', 'Alva', { age: 17 });
    await person('bo', 'Bo', { age: 18 });
    await person('cleo', 'Cleo', { age: 18 });
    await person('dan', 'Dan', { birthDate: birthDateTurning(20, 10) });
    await person('ebba', 'Ebba', { age: 17 });
    await person('greta', 'Greta', { age: 18 });
    await person('olle', 'Olle', { age: 18 });
    await person('hugo', 'Hugo', { age: 17 });
    await person('ida', 'Ida', { age: 16 });
    await person('tore', 'Tore', { age: 17, home: '1287' });
    // Finished compulsory school, entered by hand before any file (no source).
    for (const k of ['alva', 'cleo', 'dan', 'ebba', 'greta', 'olle', 'hugo']) {
      await t.db.query(
        `INSERT INTO schooling (young_person_id, school_name, programme_code, programme_type, start_date, end_date, status)
         VALUES ($1, 'Grundskolan', 'GR', 'COMPULSORY', '2015-08-17', '2024-06-10', 'COMPLETED')`,
        [id[k]],
      );
    }
    await t.db.query(
      `INSERT INTO schooling (young_person_id, school_name, programme_code, programme_type, start_date, status)
       VALUES ($1, 'Söderslättsgymnasiet', 'EE', 'NATIONAL', '2025-08-18', 'ACTIVE')`,
      [id.tore],
    );
    for (const k of ['cleo', 'dan', 'ebba', 'greta', 'olle', 'hugo']) {
      await createPeriod(t, id[k], { municipality: '1280', entryDate: day(-200) });
    }
  });
  afterAll(() => t.close());

  const lists = async (token: string) => {
    const res = await t.gql(LISTS, {}, token);
    expect(res.errors).toBeUndefined();
    const nodes = (c: any) => c.edges.map((e: any) => e.node);
    return {
      enter: nodes(res.data.kaaRegisterCandidates),
      leave: nodes(res.data.kaaRegisterLeavers),
    };
  };
  const importSource = (
    token: string,
    kind: string,
    name: string,
    sourceDate: string,
    csv: string,
  ) => t.gql(IMPORT_SOURCE, { i: { kind, name, sourceDate, csv } }, token);
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params)).rows[0].n as number;

  const populationCsv = () =>
    [
      HEADER,
      row(pnr.alva, 'Alva', '1280'),
      row(pnr.bo, 'Bo', '1280'),
      row(pnr.cleo, 'Cleo', '1280'),
      row(pnr.dan, 'Dan', '1280'),
      row(pnr.ebba, 'Ebba', '1287'), // moved to Trelleborg, a municipality of the deployment
      row(pnr.olle, 'Olle', '0180'), // moved to Stockholm, outside the deployment
      row(pnr.hugo, 'Hugo', '1280'),
      row(pnr.ida, 'Ida', '1280'),
      row(junoPnr, 'Juno', '1280'), // new to the register
    ].join('\n');

  it('a source with a bad row writes nothing: no source, no person, no move, no notice', async () => {
    const before = {
      sources: await count(`SELECT count(*)::int AS n FROM register_source`),
      people: await count(`SELECT count(*)::int AS n FROM young_person`),
      notices: await count(`SELECT count(*)::int AS n FROM notification`),
    };
    const bad = `${populationCsv()}\n199001011234;Fel;Nummer;1280;;;;;;`;
    const res = await importSource(malmo.token, 'POPULATION_REGISTER', POPULATION, day(-2), bad);
    expect(res.errors).toBeUndefined();
    const r = res.data.importRegisterSource;
    expect(r).toMatchObject({ imported: false, sourceId: null, handedOver: 0, errorCount: 1 });
    expect(r.errors[0]).toMatchObject({ row: 11, column: 'personnummer' });
    expect(await count(`SELECT count(*)::int AS n FROM register_source`)).toBe(before.sources);
    expect(await count(`SELECT count(*)::int AS n FROM young_person`)).toBe(before.people);
    expect(await count(`SELECT count(*)::int AS n FROM notification`)).toBe(before.notices);
    const ebba = await t.db.query(`SELECT home_municipality_code FROM young_person WHERE id = $1`, [
      id.ebba,
    ]);
    expect(ebba.rows[0].home_municipality_code).toBe('1280');

    const future = await importSource(
      malmo.token,
      'POPULATION_REGISTER',
      POPULATION,
      day(1),
      populationCsv(),
    );
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const kind = await importSource(malmo.token, 'GUESSWORK', POPULATION, day(-2), populationCsv());
    expect(kind.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const school = await importSource(
      counsellor.token,
      'POPULATION_REGISTER',
      POPULATION,
      day(-2),
      populationCsv(),
    );
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count(`SELECT count(*)::int AS n FROM register_source`)).toBe(before.sources);
  });

  it('imports the three files as named, dated sources; Ebba is handed over and both teams are told', async () => {
    const logBefore = (await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))
      .rows[0].id;
    const pop = await importSource(
      malmo.token,
      'POPULATION_REGISTER',
      POPULATION,
      day(-2),
      populationCsv(),
    );
    expect(pop.errors).toBeUndefined();
    expect(pop.data.importRegisterSource).toMatchObject({
      imported: true,
      rowsRead: 9,
      youngPeopleCreated: 1,
      handedOver: 1,
      errorCount: 0,
    });
    const popWarnings = pop.data.importRegisterSource.warnings.filter(
      (w: any) => w.code !== 'ALREADY_REGISTERED',
    );
    expect(popWarnings.map((w: any) => [w.row, w.code])).toEqual([[7, 'MOVED_OUTSIDE_DEPLOYMENT']]);
    id.juno = pop.data.importRegisterSource.youngPeople.find((p: any) => p.created).youngPersonId;

    const malmoList = [
      HEADER,
      row(pnr.bo, 'Bo', '1280', 'Malmö Borgarskola;NA;NATIONAL;2024-08-19;2025-03-01;INTERRUPTED'),
      row(pnr.alva, 'Alva', '1280', 'Malmö Latinskola;IMV;INTRODUCTION;2025-08-18;;ACTIVE'),
      row(pnr.hugo, 'Hugo', '1280', 'Malmö Latinskola;IMV;INTRODUCTION;2025-08-18;;ACTIVE'),
      row(pnr.ida, 'Ida', '1280', 'Malmö Borgarskola;NA;NATIONAL;2026-08-17;;ACTIVE'),
      row(
        junoPnr,
        'Juno',
        '1280',
        'Rosengårdsskolan;GR;COMPULSORY;2016-08-17;2026-06-10;COMPLETED',
      ),
    ].join('\n');
    const list1 = await importSource(
      malmo.token,
      'SCHOOL_ENROLMENT',
      MALMO_LIST,
      day(-1),
      malmoList,
    );
    expect(list1.errors).toBeUndefined();
    expect(list1.data.importRegisterSource).toMatchObject({
      imported: true,
      schoolingCreated: 5,
      errorCount: 0,
    });

    // The second list arrives as a large file would: streamed to the REST endpoint.
    const lundList = [
      HEADER,
      row(pnr.cleo, 'Cleo', '1280', 'Katedralskolan;NA;NATIONAL;2025-08-18;;ACTIVE'),
      // A list names Malmö as home for someone who is Trelleborg's, and a number nobody holds.
      row(pnr.tore, 'Tore', '1280', 'Katedralskolan;SA;NATIONAL;2025-08-18;;ACTIVE'),
      row(
        personalNumberFor(birthDateForAge(18), 902),
        'Okänd',
        '1280',
        'Katedralskolan;SA;NATIONAL;2025-08-18;;ACTIVE',
      ),
    ].join('\n');
    const list2 = await t
      .http()
      .post(
        `/imports/register-sources?kind=SCHOOL_ENROLMENT&name=${encodeURIComponent(LUND_LIST)}&sourceDate=${day(-1)}`,
      )
      .set('content-type', 'text/csv')
      .set('authorization', `Bearer ${malmo.token}`)
      .send(lundList);
    expect(list2.body.errors).toEqual([]);
    expect(list2.status).toBe(200);
    expect(list2.body).toMatchObject({
      imported: true,
      schoolingCreated: 1,
      youngPeopleCreated: 0,
    });
    // Trelleborg's resident and a number nobody holds get the same answer: nothing is told.
    const skipped = list2.body.warnings.filter((w: any) => w.code === 'NOT_IN_REGISTER');
    expect(skipped.map((w: any) => w.row)).toEqual([3, 4]);
    expect(skipped[0].message).toBe(skipped[1].message);
    expect(
      await count(`SELECT count(*)::int AS n FROM schooling WHERE young_person_id = $1`, [id.tore]),
    ).toBe(1);

    const sources = await t.gql(SOURCES, {}, malmo.token);
    expect(
      sources.data.registerSources.map((s: any) => [s.kind, s.name, s.sourceDate, s.rowCount]),
    ).toEqual([
      ['SCHOOL_ENROLMENT', LUND_LIST, day(-1), 3],
      ['SCHOOL_ENROLMENT', MALMO_LIST, day(-1), 5],
      ['POPULATION_REGISTER', POPULATION, day(-2), 9],
    ]);
    expect((await t.gql(SOURCES, {}, trelleborg.token)).data.registerSources).toEqual([]);

    // Each fact remembers its source and date.
    const facts = await t.db.query(
      `SELECT yp.family_name, s.programme_code, rs.name, rs.source_date::text AS d
         FROM schooling s JOIN young_person yp ON yp.id = s.young_person_id
         JOIN register_source rs ON rs.id = s.source_id ORDER BY yp.family_name, s.programme_code`,
    );
    expect(facts.rows.map((r) => [r.family_name, r.programme_code, r.name, r.d])).toEqual([
      ['Alva', 'IMV', MALMO_LIST, day(-1)],
      ['Bo', 'NA', MALMO_LIST, day(-1)],
      ['Cleo', 'NA', LUND_LIST, day(-1)],
      ['Hugo', 'IMV', MALMO_LIST, day(-1)],
      ['Ida', 'NA', MALMO_LIST, day(-1)],
      ['Juno', 'GR', MALMO_LIST, day(-1)],
    ]);

    // The handover: the record is Trelleborg's now, and both youth teams were told.
    const ebba = await t.db.query(
      `SELECT home_municipality_code, moved_in_on::text AS moved FROM young_person WHERE id = $1`,
      [id.ebba],
    );
    expect(ebba.rows[0]).toEqual({ home_municipality_code: '1287', moved: day(-2) });
    const notices = await t.db.query(
      `SELECT recipient_user_id, kind, subject_type, subject_id FROM notification
        WHERE kind LIKE 'REGISTER_HANDOVER%' ORDER BY kind`,
    );
    expect(notices.rows).toEqual([
      {
        recipient_user_id: trelleborg.id,
        kind: 'REGISTER_HANDOVER_RECEIVED',
        subject_type: 'YOUNG_PERSON',
        subject_id: id.ebba,
      },
      {
        recipient_user_id: malmo.id,
        kind: 'REGISTER_HANDOVER_SENT',
        subject_type: 'YOUNG_PERSON',
        subject_id: id.ebba,
      },
    ]);
    // The move is a logged change of the person, counted for Malmö (where she lived).
    const moveLog = await t.db.query(
      `SELECT action, fields, subject_municipality_code FROM access_log
        WHERE id > $1 AND subject_type = 'YOUNG_PERSON' AND $2 = ANY(young_person_ids) AND action = 'UPDATE'`,
      [logBefore, id.ebba],
    );
    expect(moveLog.rows).toHaveLength(1);
    expect(moveLog.rows[0].fields).toEqual([
      'homeMunicipalityCode',
      'residenceSource',
      'movedInOn',
    ]);
  });

  it('keeps the hand-computed "should enter" and "should leave" lists with their reasons and sources', async () => {
    const { enter, leave } = await lists(malmo.token);
    const src = (name: string, kind: string, d: string) => ({ name, kind, sourceDate: d });
    const pop = src(POPULATION, 'POPULATION_REGISTER', day(-2));
    const m = src(MALMO_LIST, 'SCHOOL_ENROLMENT', day(-1));
    const lund = src(LUND_LIST, 'SCHOOL_ENROLMENT', day(-1));
    expect(enter.map((n: any) => [n.familyName, n.suggestedEntryReason, n.reasons])).toEqual([
      [
        'Alva',
        'NEVER_STARTED',
        [
          { code: 'RESIDENT', detail: null, source: pop },
          { code: 'INTRODUCTION_PROGRAMME', detail: 'IMV, Malmö Latinskola', source: m },
        ],
      ],
      [
        'Bo',
        'INTERRUPTED_STUDIES',
        [
          { code: 'RESIDENT', detail: null, source: pop },
          { code: 'INTERRUPTED_STUDIES', detail: 'NA, Malmö Borgarskola', source: m },
        ],
      ],
      [
        'Juno',
        'NEVER_STARTED',
        [
          { code: 'RESIDENT', detail: null, source: pop },
          { code: 'NO_UPPER_SECONDARY', detail: null, source: null },
        ],
      ],
    ]);
    expect(leave.map((n: any) => [n.familyName, n.suggestedExitReason, n.reasons])).toEqual([
      [
        'Cleo',
        'STARTED_STUDIES',
        [{ code: 'NATIONAL_PROGRAMME', detail: 'NA, Katedralskolan', source: lund }],
      ],
      ['Dan', 'TURNED_20', [{ code: 'TURNED_20', detail: null, source: null }]],
      ['Ebba', 'MOVED_AWAY', [{ code: 'MOVED_AWAY', detail: '1287', source: pop }]],
      ['Greta', 'MOVED_AWAY', [{ code: 'NOT_IN_POPULATION_EXTRACT', detail: null, source: pop }]],
      ['Olle', 'MOVED_AWAY', [{ code: 'NOT_IN_POPULATION_EXTRACT', detail: null, source: pop }]],
    ]);
    expect(leave.find((n: any) => n.familyName === 'Ebba').homeMunicipalityCode).toBe('1287');
    // Malmö's read of Ebba counts for Trelleborg, where she lives now (its auditors see it).
    const reads = await t.db.query(
      `SELECT subject_municipality_code FROM access_log
        WHERE actor_user_id = $1 AND subject_type = 'KAA_REGISTER_LEAVER' AND $2 = ANY(young_person_ids)`,
      [malmo.id, id.ebba],
    );
    expect(reads.rows.map((r) => r.subject_municipality_code)).toEqual(['1287']);
  });

  it('Trelleborg finds Ebba among its own "should enter", and nothing of Malmö’s', async () => {
    const { enter, leave } = await lists(trelleborg.token);
    // Malmö's source is not Trelleborg's to see: the residence fact has no source there.
    expect(enter).toEqual([
      {
        youngPersonId: id.ebba,
        familyName: 'Ebba',
        suggestedEntryReason: 'MOVED_IN',
        reasons: [
          { code: 'RESIDENT', detail: null, source: null },
          { code: 'MOVED_IN', detail: day(-2), source: null },
          { code: 'NO_UPPER_SECONDARY', detail: null, source: null },
        ],
      },
    ]);
    expect(leave).toEqual([]);
    // Malmö's open period is Malmö's to close; Trelleborg cannot touch it.
    const close = await t.gql(
      CLOSE,
      { i: { exitDate: day(0), exits: [{ youngPersonId: id.ebba, exitReason: 'MOVED_AWAY' }] } },
      trelleborg.token,
    );
    expect(close.data.closeKaaPeriods.results[0].outcome).toBe('NO_OPEN_PERIOD');
    // Malmö's people are not Trelleborg's to enter.
    const open = await t.gql(
      OPEN,
      { i: { entryDate: day(0), entries: [{ youngPersonId: id.bo, entryReason: 'MOVED_IN' }] } },
      trelleborg.token,
    );
    expect(open.data.openKaaPeriods.results[0].outcome).toBe('NOT_FOUND');
    // And Malmö no longer reads Ebba's record outside its register's own lists.
    const read = await t.gql(
      `query($id: ID!) { youngPerson(id: $id) { id } }`,
      { id: id.ebba },
      malmo.token,
    );
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('enters and closes in bulk from the lists, one logged operation each; then both lists are empty', async () => {
    const { enter, leave } = await lists(malmo.token);
    const opened = await t.gql(
      OPEN,
      {
        i: {
          entryDate: day(0),
          entries: enter.map((n: any) => ({
            youngPersonId: n.youngPersonId,
            entryReason: n.suggestedEntryReason,
          })),
        },
      },
      malmo.token,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openKaaPeriods.changed).toBe(3);
    const closed = await t.gql(
      CLOSE,
      {
        i: {
          exitDate: day(0),
          exits: leave.map((n: any) => ({
            youngPersonId: n.youngPersonId,
            exitReason: n.suggestedExitReason,
          })),
        },
      },
      malmo.token,
    );
    expect(closed.errors).toBeUndefined();
    // Ebba's period is closed by the register that holds it, though she lives in Trelleborg now.
    expect(closed.data.closeKaaPeriods.results.map((r: any) => r.outcome)).toEqual([
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
    ]);
    const after = await lists(malmo.token);
    expect(after).toEqual({ enter: [], leave: [] });
    const exits = await t.db.query(
      `SELECT exit_reason FROM kaa_period WHERE young_person_id = $1 AND municipality_code = '1280'`,
      [id.ebba],
    );
    expect(exits.rows).toEqual([{ exit_reason: 'MOVED_AWAY' }]);

    const tbg = await t.gql(
      OPEN,
      { i: { entryDate: day(0), entries: [{ youngPersonId: id.ebba, entryReason: 'MOVED_IN' }] } },
      trelleborg.token,
    );
    expect(tbg.data.openKaaPeriods.results[0].outcome).toBe('OPENED');
    expect((await lists(trelleborg.token)).enter).toEqual([]);
  });
});
