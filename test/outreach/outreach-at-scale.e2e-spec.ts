import ExcelJS from 'exceljs';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { testClock } from '../support/clock';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addContact,
  addOccupation,
  birthDateForAge,
  createPeriod,
  createYoungPerson,
  day,
  personalNumberFor,
} from './outreach-fixtures';

const IMPORT = `mutation($csv: String!) { importYoungPeople(input: { csv: $csv }) {
  imported youngPeopleCreated youngPeople { row youngPersonId created } } }`;
const OPEN = `mutation($i: OpenKaaPeriodsInput!) { openKaaPeriods(input: $i) {
  changed unchanged results { youngPersonId outcome kaaPeriodId } } }`;
const CLOSE = `mutation($i: CloseKaaPeriodsInput!) { closeKaaPeriods(input: $i) {
  changed unchanged results { youngPersonId outcome kaaPeriodId } } }`;
const ANSWER = `mutation($i: RecordAnswerInput!) { recordAnswer(input: $i) {
  contactAttempt { id channel direction outcome } occupation { id category validFrom source } } }`;

describe('outreach at scale: bulk register entry, import ids, answers', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    ids.open = await createYoungPerson(t, { age: 18, familyName: 'Open' });
    await createPeriod(t, ids.open, { entryDate: day(-30) });
    ids.malmo = await createYoungPerson(t, { age: 18, municipality: '1280', familyName: 'Mmo' });
  });
  afterAll(() => t.close());

  const periodCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM kaa_period`)).rows[0].n as number;

  it('an import returns each row’s person, and one call enters them all in the register', async () => {
    const numbers = [17, 18, 19].map((age) => personalNumberFor(birthDateForAge(age), 700 + age));
    const csv = [
      'personnummer;given_name;family_name;home_municipality',
      ...numbers.map((n, i) => `${n};Kim;Bulk${i};1287`),
    ].join('\n');
    const imp = await t.gql(IMPORT, { csv }, coordinator.token);
    expect(imp.errors).toBeUndefined();
    const people = imp.data.importYoungPeople.youngPeople;
    expect(people.map((p: any) => [p.row, p.created])).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
    const stored = await t.db.query(
      `SELECT id, personal_number FROM young_person WHERE id = ANY($1::uuid[])`,
      [people.map((p: any) => p.youngPersonId)],
    );
    const byId = new Map(stored.rows.map((r) => [r.id, r.personal_number]));
    expect(people.map((p: any) => byId.get(p.youngPersonId))).toEqual(numbers);

    const before = await periodCount();
    const logBefore = (await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))
      .rows[0].id;
    const entries = [
      ...people.map((p: any) => ({
        youngPersonId: p.youngPersonId,
        entryReason: 'INTERRUPTED_STUDIES',
      })),
      { youngPersonId: ids.open, entryReason: 'MOVED_IN' },
      { youngPersonId: ids.malmo, entryReason: 'MOVED_IN' },
      { youngPersonId: '00000000-0000-4000-8000-000000000001', entryReason: 'MOVED_IN' },
    ];
    const res = await t.gql(
      OPEN,
      { i: { entries, entryDate: day(-1), nextFollowUpDate: day(7) } },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.openKaaPeriods;
    expect(r.changed).toBe(3);
    expect(r.unchanged).toBe(3);
    expect(r.results.map((x: any) => x.outcome)).toEqual([
      'OPENED',
      'OPENED',
      'OPENED',
      'ALREADY_OPEN',
      'NOT_FOUND', // another tenant's resident answers like an id that does not exist
      'NOT_FOUND',
    ]);
    expect(await periodCount()).toBe(before + 3);
    const opened = await t.db.query(
      `SELECT young_person_id, entry_reason, responsible_user_id, next_follow_up_date::text AS f
       FROM kaa_period WHERE id = ANY($1::uuid[]) ORDER BY young_person_id`,
      [r.results.filter((x: any) => x.kaaPeriodId).map((x: any) => x.kaaPeriodId)],
    );
    expect(opened.rows).toHaveLength(3);
    for (const row of opened.rows) {
      expect(row).toMatchObject({
        entry_reason: 'INTERRUPTED_STUDIES',
        responsible_user_id: coordinator.id,
        f: day(7),
      });
    }
    // One logged operation: one access-log row names all three periods.
    const logs = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids FROM access_log
       WHERE id > $1 AND actor_user_id = $2 AND action = 'CREATE'`,
      [logBefore, coordinator.id],
    );
    expect(logs.rows).toHaveLength(1);
    expect(logs.rows[0].subject_type).toBe('KAA_PERIOD');
    expect([...logs.rows[0].young_person_ids].sort()).toEqual(
      people.map((p: any) => p.youngPersonId).sort(),
    );
    ids.bulk = people[0].youngPersonId;
  });

  it('closes in bulk with a result per person, never before the entry date', async () => {
    const res = await t.gql(
      CLOSE,
      {
        i: {
          exitDate: day(-10),
          exits: [
            { youngPersonId: ids.open, exitReason: 'OTHER' },
            { youngPersonId: ids.bulk, exitReason: 'OTHER' }, // entered yesterday
            { youngPersonId: ids.malmo, exitReason: 'MOVED_AWAY' },
          ],
        },
      },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.closeKaaPeriods.results.map((x: any) => x.outcome)).toEqual([
      'CLOSED',
      'EXIT_BEFORE_ENTRY',
      'NOT_FOUND',
    ]);
    const again = await t.gql(
      CLOSE,
      { i: { exitDate: day(0), exits: [{ youngPersonId: ids.open, exitReason: 'OTHER' }] } },
      coordinator.token,
    );
    expect(again.data.closeKaaPeriods.results[0].outcome).toBe('NO_OPEN_PERIOD');
    const periods = await t.db.query(
      `SELECT exit_date::text AS d, exit_reason FROM kaa_period WHERE young_person_id = $1`,
      [ids.open],
    );
    expect(periods.rows).toEqual([{ d: day(-10), exit_reason: 'OTHER' }]);
  });

  it('refuses the roles that keep no register and bad input, writing nothing', async () => {
    const before = await periodCount();
    const entries = [{ youngPersonId: ids.bulk, entryReason: 'MOVED_IN' }];
    const school = await t.gql(OPEN, { i: { entries, entryDate: day(0) } }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await t.gql(OPEN, { i: { entries, entryDate: day(0) } }, malmo.token);
    expect(other.data.openKaaPeriods.results[0].outcome).toBe('NOT_FOUND');
    const badDate = await t.gql(
      OPEN,
      { i: { entries, entryDate: '2025-02-30' } },
      coordinator.token,
    );
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const none = await t.gql(OPEN, { i: { entries: [], entryDate: day(0) } }, coordinator.token);
    expect(none.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badReason = await t.gql(
      OPEN,
      { i: { entries: [{ youngPersonId: ids.bulk, entryReason: 'NOPE' }], entryDate: day(0) } },
      coordinator.token,
    );
    expect(badReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await t.gql(
      OPEN,
      { i: { entries, entryDate: day(0), responsibleUserId: malmo.id } },
      coordinator.token,
    );
    expect(stranger.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await periodCount()).toBe(before);
  });

  it('records an answer with its occupation in one mutation, or neither', async () => {
    const contacts = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM contact_attempt WHERE young_person_id = $1`,
          [ids.bulk],
        )
      ).rows[0].n;
    const occupations = async () =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM occupation WHERE young_person_id = $1`, [
          ids.bulk,
        ])
      ).rows[0].n;
    const input = {
      youngPersonId: ids.bulk,
      channel: 'PHONE',
      occurredAt: new Date(testClock.now().getTime() - 3_600_000).toISOString(),
      occupation: { category: 'WORK', validFrom: day(-3), note: 'restaurangbiträde' },
    };
    // The occupation's date is checked after the contact was written: the contact goes too.
    const bad = await t.gql(
      ANSWER,
      { i: { ...input, occupation: { ...input.occupation, validFrom: '2025-02-30' } } },
      coordinator.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect([await contacts(), await occupations()]).toEqual([0, 0]);
    const other = await t.gql(ANSWER, { i: input }, malmo.token);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const school = await t.gql(ANSWER, { i: input }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect([await contacts(), await occupations()]).toEqual([0, 0]);

    const ok = await t.gql(ANSWER, { i: input }, coordinator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordAnswer).toMatchObject({
      contactAttempt: { channel: 'PHONE', direction: 'INBOUND', outcome: 'REACHED' },
      occupation: { category: 'WORK', validFrom: day(-3), source: 'YOUNG_PERSON' },
    });
    expect([await contacts(), await occupations()]).toEqual([1, 1]);
    const logs = await t.db.query(
      `SELECT subject_type FROM access_log WHERE actor_user_id = $1 AND action = 'CREATE'
         AND $2 = ANY(young_person_ids) ORDER BY id`,
      [coordinator.id, ids.bulk],
    );
    expect(logs.rows.map((r) => r.subject_type)).toEqual([
      'YOUNG_PERSON', // the import
      'KAA_PERIOD',
      'CONTACT_ATTEMPT',
      'OCCUPATION',
    ]);
  });

  describe('booked home visits, the work list’s filters and address, the contact rule', () => {
    let colleague: TestUser;
    const WL = `query($a: Boolean, $min: Int, $max: Int, $days: Int, $reason: WorkListReason, $resp: ID) {
      workList(first: 50, under18: $a, minAge: $min, maxAge: $max, minDaysSinceLastContact: $days,
               reason: $reason, responsibleUserId: $resp) {
        totalCount edges { node { familyName age reason reasons daysSinceLastContact occupationKnown
          nextHomeVisitAt streetAddress postalCode city phone contactHidden } } } }`;
    const BOOK = `mutation($i: BookHomeVisitInput!) { bookHomeVisit(input: $i) {
      id status plannedAt streetAddress contactHidden staff { userId displayName } } }`;
    const AGENDA = `query($from: String!, $to: String!, $staff: ID, $team: Boolean) {
      homeVisitAgenda(from: $from, to: $to, staffUserId: $staff, wholeTeam: $team) {
        id familyName streetAddress city phone contactHidden plannedAt status staff { userId } } }`;
    const names = (res: any) => res.data.workList.edges.map((e: any) => e.node.familyName);
    const address = {
      street: 'Hemgatan 1',
      postalCode: '231 42',
      city: 'Trelleborg',
      phone: '070-1',
      email: 'a@b.se',
    };
    const inHours = (h: number) =>
      new Date(testClock.now().getTime() + h * 3_600_000).toISOString();

    beforeAll(async () => {
      const tbg = await t.db.query(`SELECT organisation_id FROM app_user WHERE id = $1`, [
        coordinator.id,
      ]);
      colleague = await createUser(t, tbg.rows[0].organisation_id, [Role.YOUTH_COORDINATOR]);
      const planned = {
        responsibleUserId: coordinator.id,
        nextFollowUpDate: day(7),
        entryDate: day(-100),
      };
      ids.letter = await createYoungPerson(t, { age: 16, familyName: 'Letter', address });
      await createPeriod(t, ids.letter, planned);
      await addContact(t, ids.letter, 'LETTER', 'NO_RESPONSE', day(-20));
      ids.hidden = await createYoungPerson(t, {
        age: 19,
        familyName: 'Hidden',
        address,
        protectedIdentity: true,
      });
      await createPeriod(t, ids.hidden, planned);
      await addContact(t, ids.hidden, 'PHONE', 'MESSAGE_LEFT', day(-3));
      ids.known = await createYoungPerson(t, { age: 18, familyName: 'Known', address });
      await createPeriod(t, ids.known, planned);
      await addOccupation(t, ids.known, 'WORK', day(-60));
      await addContact(t, ids.known, 'PHONE', 'REACHED', day(-40));
    });

    it('books a visit with two staff on both agendas; the work list stops asking for one', async () => {
      const before = await t.gql(
        WL,
        { reason: 'LETTERS_UNANSWERED_HOME_VISIT_DUE' },
        coordinator.token,
      );
      expect(names(before)).toContain('Letter');
      const one = await t.gql(
        BOOK,
        {
          i: { youngPersonId: ids.letter, plannedAt: inHours(26), staffUserIds: [coordinator.id] },
        },
        coordinator.token,
      );
      expect(one.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const past = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.letter,
            plannedAt: inHours(-2),
            staffUserIds: [coordinator.id, colleague.id],
          },
        },
        coordinator.token,
      );
      expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const outsider = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.letter,
            plannedAt: inHours(26),
            staffUserIds: [coordinator.id, malmo.id],
          },
        },
        coordinator.token,
      );
      expect(outsider.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const foreign = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.letter,
            plannedAt: inHours(26),
            staffUserIds: [malmo.id, malmo.id],
          },
        },
        malmo.token,
      );
      expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT'); // one person twice
      const school = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.letter,
            plannedAt: inHours(26),
            staffUserIds: [coordinator.id, colleague.id],
          },
        },
        counsellor.token,
      );
      expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM home_visit`)).rows[0].n).toBe(0);

      const ok = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.letter,
            plannedAt: inHours(26),
            staffUserIds: [coordinator.id, colleague.id],
          },
        },
        coordinator.token,
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data.bookHomeVisit).toMatchObject({
        status: 'PLANNED',
        streetAddress: 'Hemgatan 1',
        contactHidden: false,
      });
      expect(ok.data.bookHomeVisit.staff.map((s: any) => s.userId)).toEqual([
        coordinator.id,
        colleague.id,
      ]);
      const hiddenVisit = await t.gql(
        BOOK,
        {
          i: {
            youngPersonId: ids.hidden,
            plannedAt: inHours(30),
            staffUserIds: [colleague.id, coordinator.id],
          },
        },
        coordinator.token,
      );
      expect(hiddenVisit.data.bookHomeVisit).toMatchObject({
        streetAddress: null,
        contactHidden: true,
      });

      const range = { from: day(0), to: day(3) };
      const mine = await t.gql(AGENDA, range, coordinator.token);
      expect(mine.data.homeVisitAgenda.map((v: any) => v.familyName)).toEqual(['Letter', 'Hidden']);
      const theirs = await t.gql(AGENDA, range, colleague.token);
      expect(theirs.data.homeVisitAgenda).toHaveLength(2);
      expect(theirs.data.homeVisitAgenda[1]).toMatchObject({
        streetAddress: null,
        city: null,
        phone: null,
      });
      const other = await t.gql(AGENDA, { ...range, team: true }, malmo.token);
      expect(other.data.homeVisitAgenda).toEqual([]);
      const tooLong = await t.gql(AGENDA, { from: day(0), to: day(100) }, coordinator.token);
      expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

      const after = await t.gql(WL, {}, coordinator.token);
      const letter = after.data.workList.edges.find(
        (e: any) => e.node.familyName === 'Letter',
      ).node;
      expect(letter.reasons).not.toContain('LETTERS_UNANSWERED_HOME_VISIT_DUE');
      expect(letter.nextHomeVisitAt).not.toBeNull();

      // The visit happens: it becomes a HOME_VISIT contact, and is done on the agenda.
      const recorded = await t.gql(
        `mutation($id: ID!) { recordHomeVisit(id: $id, input: { outcome: REACHED }) { status contactAttemptId } }`,
        { id: ok.data.bookHomeVisit.id },
        colleague.token,
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data.recordHomeVisit.status).toBe('DONE');
      const contact = await t.db.query(
        `SELECT channel, outcome, performed_by FROM contact_attempt WHERE id = $1`,
        [recorded.data.recordHomeVisit.contactAttemptId],
      );
      expect(contact.rows).toEqual([
        { channel: 'HOME_VISIT', outcome: 'REACHED', performed_by: colleague.id },
      ]);
      const twice = await t.gql(
        `mutation($id: ID!) { cancelHomeVisit(id: $id) { status } }`,
        { id: ok.data.bookHomeVisit.id },
        coordinator.token,
      );
      expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const foreignCancel = await t.gql(
        `mutation($id: ID!) { cancelHomeVisit(id: $id) { status } }`,
        { id: hiddenVisit.data.bookHomeVisit.id },
        malmo.token,
      );
      expect(foreignCancel.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const logs = await t.db.query(
        `SELECT action, fields FROM access_log WHERE subject_type = 'HOME_VISIT' AND actor_user_id = $1 ORDER BY id`,
        [colleague.id],
      );
      expect(logs.rows.map((r) => r.action)).toEqual(['READ', 'UPDATE']);
    });

    it('filters by age, under 18 and days since contact; the address only where not protected', async () => {
      const under = await t.gql(WL, { a: true }, coordinator.token);
      expect(under.errors).toBeUndefined();
      for (const e of under.data.workList.edges) expect(e.node.age).toBeLessThan(18);
      expect(names(under)).toContain('Letter');
      const band = await t.gql(WL, { min: 19, max: 19 }, coordinator.token);
      expect(names(band)).toEqual(['Bulk2', 'Hidden']); // Bulk2 (19) was imported above
      const quiet = await t.gql(WL, { days: 10 }, coordinator.token);
      expect(names(quiet)).not.toContain('Hidden'); // contacted 3 days ago
      for (const e of quiet.data.workList.edges)
        expect(e.node.daysSinceLastContact).toBeGreaterThanOrEqual(10);
      const all = await t.gql(WL, {}, coordinator.token);
      const byName = Object.fromEntries(
        all.data.workList.edges.map((e: any) => [e.node.familyName, e.node]),
      );
      expect(byName.Hidden).toMatchObject({
        streetAddress: null,
        phone: null,
        contactHidden: true,
        daysSinceLastContact: 3,
      });
      expect(byName.Letter).toMatchObject({
        streetAddress: 'Hemgatan 1',
        postalCode: '231 42',
        city: 'Trelleborg',
        phone: '070-1',
      });
      expect(byName.Known).toBeUndefined(); // occupation known, no rule yet
      const bad = await t.gql(WL, { min: -1 }, coordinator.token);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the contact-frequency rule puts the overdue on the work list, known occupation or not', async () => {
      const set = `mutation($w: Int) { setContactFrequencyRule(input: { contactEveryWeeks: $w }) { contactEveryWeeks } }`;
      expect((await t.gql(set, { w: 0 }, coordinator.token)).errors?.[0].extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await t.gql(set, { w: 4 }, counsellor.token)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      const ok = await t.gql(set, { w: 4 }, coordinator.token);
      expect(ok.data.setContactFrequencyRule.contactEveryWeeks).toBe(4);
      const overdue = await t.gql(WL, { reason: 'CONTACT_OVERDUE' }, coordinator.token);
      expect(overdue.errors).toBeUndefined();
      const nodes = overdue.data.workList.edges.map((e: any) => e.node);
      // Known: reached 40 days ago; Hidden: 3 days ago (not overdue); Letter: home visit today.
      expect(nodes.find((n: any) => n.familyName === 'Known')).toMatchObject({
        occupationKnown: true,
        reason: 'CONTACT_OVERDUE',
      });
      expect(nodes.map((n: any) => n.familyName)).not.toContain('Hidden');
      expect(nodes.map((n: any) => n.familyName)).not.toContain('Letter');
      for (const n of nodes) expect(n.daysSinceLastContact).toBeGreaterThanOrEqual(28);
      // Malmö's rule is its own: none, so nothing of Trelleborg's changes there.
      const mmo = await t.gql(
        `{ contactFrequencyRule { municipalityCode contactEveryWeeks } }`,
        {},
        malmo.token,
      );
      expect(mmo.data.contactFrequencyRule).toEqual({
        municipalityCode: '1280',
        contactEveryWeeks: null,
      });
      await t.gql(set, { w: null }, coordinator.token);
      const gone = await t.gql(WL, { reason: 'CONTACT_OVERDUE' }, coordinator.token);
      expect(gone.data.workList.totalCount).toBe(0);
    });

    it('exports the work list as CSV and XLSX with the same rows and filters, logged as EXPORT', async () => {
      const EXPORT = `query($f: ExportFormat!, $a: Boolean) { workListExport(format: $f, under18: $a) {
        fileName contentType rowCount base64 } }`;
      const list = await t.gql(WL, {}, coordinator.token);
      const expected = list.data.workList.edges.map((e: any) => e.node);
      const csv = await t.gql(EXPORT, { f: 'CSV' }, coordinator.token);
      expect(csv.errors).toBeUndefined();
      expect(csv.data.workListExport).toMatchObject({
        fileName: 'arbetslista-1287.csv',
        rowCount: expected.length,
      });
      const lines = Buffer.from(csv.data.workListExport.base64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0].split(',').slice(0, 6)).toEqual([
        'Prioritet',
        'Orsak',
        'Förnamn',
        'Efternamn',
        'Ålder',
        'Adress',
      ]);
      expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(
        expected.map((n: any) => n.familyName),
      );
      const hidden = lines.find((l) => l.split(',')[3] === 'Hidden')!.split(',');
      expect([hidden[5], hidden[6], hidden[7], hidden[8]]).toEqual(['', '', '', '']);
      const letter = lines.find((l) => l.split(',')[3] === 'Letter')!.split(',');
      expect(letter[5]).toBe('Hemgatan 1');

      const xlsx = await t.gql(EXPORT, { f: 'XLSX', a: true }, coordinator.token);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        Buffer.from(xlsx.data.workListExport.base64, 'base64') as unknown as ArrayBuffer,
      );
      const names: string[] = [];
      book.worksheets[0].eachRow((row, i) => {
        if (i > 1) names.push(String((row.values as unknown[])[4]));
      });
      const under = await t.gql(WL, { a: true }, coordinator.token);
      expect(names).toEqual(under.data.workList.edges.map((e: any) => e.node.familyName));

      const school = await t.gql(EXPORT, { f: 'CSV' }, counsellor.token);
      expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const other = await t.gql(EXPORT, { f: 'CSV' }, malmo.token);
      expect(other.data.workListExport.rowCount).toBe(0);
      const logs = await t.db.query(
        `SELECT young_person_ids FROM access_log WHERE actor_user_id = $1 AND action = 'EXPORT' AND subject_type = 'WORK_LIST'`,
        [coordinator.id],
      );
      expect(logs.rows).toHaveLength(2);
      expect(logs.rows[0].young_person_ids).toHaveLength(expected.length);
    });
  });
});
