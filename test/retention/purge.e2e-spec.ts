import { birthDateTurning, testClock } from '../support/clock';
import { purgeDatabase } from '../../src/cli/purge';
import { RETENTION_LOCK, RetentionPurgeService } from '../../src/retention/retention-purge.service';
import { Role } from '../../src/identity/role.enum';
import { PURGED_TEXT } from '../../src/retention/retention-defaults';
import { createUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  createConsent,
  createPerson,
  createRetentionWorld,
  Person,
  RetentionWorld,
  tablesContaining,
} from './retention-world';

const yearsAgo = (years: number, days = 0) => birthDateTurning(years, days);
const plusYears = (date: string, years: number) =>
  `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const instantYearsAgo = (years: number) => `${yearsAgo(years)}T10:00:00Z`;

const PERSON_FIELDS = `id personalNumber coordinationNumber birthDate givenName familyName streetAddress
  postalCode city phone email preferredLanguage protectedIdentity inKaa`;

/**
 * Everything the youth team, the social worker and the exports show, as one string: a
 * purged person's markers must be absent from it.
 */
async function everyView(t: TestApp, w: RetentionWorld, people: Person[]): Promise<string> {
  const out: unknown[] = [];
  const gql = async (query: string, token: string, vars: Record<string, unknown> = {}) => {
    const res = await t.gql(query, vars, token);
    expect(res.errors).toBeUndefined();
    out.push(res.data);
    return res;
  };
  const c = w.coordinator.token;
  await gql(`{ youngPeople(first: 100) { totalCount edges { node { ${PERSON_FIELDS} } } } }`, c);
  for (const p of people) {
    await gql(`query($id: ID!) { youngPerson(id: $id) { ${PERSON_FIELDS} } }`, c, { id: p.id });
    for (const search of [`NAME-${p.tag}`, p.pnr]) {
      await gql(
        `query($s: String!) { youngPeople(first: 10, search: $s) { totalCount edges { node { id givenName personalNumber } } } }`,
        c,
        { s: search },
      );
    }
    await gql(`query($id: ID!) { registerExtract(youngPersonId: $id) { document } }`, c, {
      id: p.id,
    });
    if (p.caseId) {
      await gql(
        `query($id: ID!) { caseNotes(caseId: $id, first: 50) { edges { node { body category } } } }`,
        w.socialWorker.token,
        { id: p.caseId },
      );
    }
  }
  await gql(
    `{ cases(first: 100) { edges { node { id title closureNote goals { description } tasks { title }
       meetings { minutes } latestNotes { body }
       referrals { activity receiverNote sections { body } youngPerson { givenName familyName phone email } } } } } }`,
    w.socialWorker.token,
  );
  for (
    let year = Number(testClock.today().slice(0, 4)) - 8;
    year <= Number(testClock.today().slice(0, 4));
    year++
  ) {
    for (const half of [1, 2]) {
      await gql(`query($y: Int!, $h: Int!) { scbExtract(year: $y, half: $h) { csv } }`, c, {
        y: year,
        h: half,
      });
    }
  }
  return JSON.stringify(out);
}

/** The aggregates the monthly figures are made of, before and after must be equal. */
async function figures(t: TestApp, w: RetentionWorld): Promise<unknown> {
  const out: Record<string, unknown> = {};
  const thisYear = Number(testClock.today().slice(0, 4));
  for (let from = thisYear - 8; from <= thisYear; from += 2) {
    const res = await t.gql(
      `query($f: String!, $to: String!) { schoolFigures(fromMonth: $f, toMonth: $to) { months {
         month preventiveMeetingsHeld noticesReceived noticesWithPlan flagsRaised flagsShared } } }`,
      { f: `${from}-01`, to: `${from + 1}-12` },
      w.coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    out[`school ${from}`] = res.data.schoolFigures.months;
  }
  for (let year = thisYear - 8; year <= thisYear; year++) {
    for (const half of [1, 2]) {
      const res = await t.gql(
        `query($y: Int!, $h: Int!) { scbExtract(year: $y, half: $h) { rowCount youngPersonCount } }`,
        { y: year, h: half },
        w.coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      out[`scb ${year}-${half}`] = res.data.scbExtract;
    }
  }
  // The monthly report (seeds/004) for every past month, as the youth team and as a
  // manager (suppressed cells) see it.
  const lastMonth = testClock.now();
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  for (let back = 9 * 12; back >= 0; back -= 24) {
    const from = new Date(lastMonth);
    from.setUTCMonth(from.getUTCMonth() - back);
    const to = new Date(from);
    to.setUTCMonth(to.getUTCMonth() + Math.min(23, back));
    const args = { f: from.toISOString().slice(0, 7), to: to.toISOString().slice(0, 7) };
    for (const [who, token] of [
      ['coordinator', w.coordinator.token],
      ['manager', w.manager.token],
    ]) {
      const res = await t.gql(
        `query($f: String!, $to: String!) { monthlyReportCsv(fromMonth: $f, toMonth: $to) { csv } }`,
        args,
        token,
      );
      expect(res.errors).toBeUndefined();
      out[`report ${who} ${args.f}`] = res.data.monthlyReportCsv.csv;
    }
  }
  // The raw material of the monthly report (seeds/004): register periods, known
  // occupation, closures, contacts, notices, referrals, meetings, per Swedish month.
  const { rows } = await t.db.query(
    `WITH months AS (SELECT generate_series(date_trunc('month', app_now()) - interval '9 years',
                                             date_trunc('month', app_now()), interval '1 month')::date AS m)
     SELECT to_char(m, 'YYYY-MM') AS month,
       (SELECT count(*) FROM kaa_period p WHERE p.municipality_code = $1 AND p.entry_date <= (m + interval '1 month' - interval '1 day')::date
          AND (p.exit_date IS NULL OR p.exit_date >= m))::int AS in_register,
       (SELECT count(*) FROM occupation o WHERE o.municipality_code = $1 AND o.category <> 'UNKNOWN' AND o.valid_from < m + interval '1 month')::int AS known,
       (SELECT count(*) FROM kaa_closure k WHERE k.municipality_code = $1 AND k.kind = 'WORK' AND date_trunc('month', k.closed_on) = m)::int AS closures_to_work,
       (SELECT count(*) FROM contact_attempt a WHERE a.municipality_code = $1
          AND date_trunc('month', a.occurred_at AT TIME ZONE 'Europe/Stockholm') = m AND a.outcome = 'REACHED')::int AS reached,
       (SELECT count(*) FROM kaa_measure x WHERE x.municipality_code = $1 AND date_trunc('month', x.start_date) = m)::int AS measures,
       (SELECT count(*) FROM referral r WHERE r.municipality_code = $1 AND date_trunc('month', r.created_at) = m)::int AS referrals,
       (SELECT count(*) FROM case_meeting cm JOIN joint_case jc ON jc.id = cm.case_id
          WHERE jc.municipality_code = $1 AND date_trunc('month', cm.held_at) = m)::int AS case_meetings,
       (SELECT count(*) FROM joint_case jc WHERE jc.municipality_code = $1 AND date_trunc('month', jc.closed_at) = m)::int AS cases_closed,
       (SELECT count(*) FROM young_person yp WHERE yp.home_municipality_code = $1)::int AS people
     FROM months ORDER BY m`,
    [w.code],
  );
  out.raw = rows;
  return out;
}

describe('retention purge', () => {
  let t: TestApp;
  let w: RetentionWorld;
  const p: Record<string, Person> = {};
  /** The people whose home municipality is the world's (P8 moved to another). */
  const ownPeople = () => Object.values(p).filter((x) => x.tag !== 'P8');

  beforeAll(async () => {
    t = await createTestApp();
    w = await createRetentionWorld(t, '2901');
    // P1: turned 20 six years ago, protected identity, everything closed long ago.
    let birth = yearsAgo(26);
    p.P1 = await createPerson(t, w, {
      tag: 'P1',
      birthDate: birth,
      protectedIdentity: true,
      periods: [{ entry: plusYears(birth, 16), exit: plusYears(birth, 20), reason: 'TURNED_20' }],
      caseClosedAt: instantYearsAgo(4),
      flagResolvedAt: instantYearsAgo(5),
      noticeAcknowledgedAt: instantYearsAgo(5),
    });
    // P2: moved away three years ago.
    birth = yearsAgo(21);
    p.P2 = await createPerson(t, w, {
      tag: 'P2',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 17), exit: yearsAgo(3), reason: 'MOVED_AWAY' }],
      flagResolvedAt: instantYearsAgo(4),
    });
    // P3: turned 20 a hundred days ago: within the 24 months.
    birth = yearsAgo(20, 100);
    p.P3 = await createPerson(t, w, {
      tag: 'P3',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 16), exit: yearsAgo(0, 100), reason: 'TURNED_20' }],
    });
    // P4: in the register now, open case; a consent for SOCIAL withdrawn 200 days ago,
    // one for EMPLOYMENT in force.
    birth = yearsAgo(18, 40);
    p.P4 = await createPerson(t, w, {
      tag: 'P4',
      birthDate: birth,
      periods: [{ entry: yearsAgo(1), exit: null }],
      caseClosedAt: null,
    });
    await createConsent(t, w, p.P4, ['SOCIAL'], 200);
    await createConsent(t, w, p.P4, ['EMPLOYMENT'], null);
    // P5: left with STARTED_STUDIES at 18, turned 20 three years ago: left for good then.
    birth = yearsAgo(23);
    p.P5 = await createPerson(t, w, {
      tag: 'P5',
      birthDate: birth,
      periods: [
        { entry: plusYears(birth, 16), exit: plusYears(birth, 18), reason: 'STARTED_STUDIES' },
      ],
    });
    // P6: turned 20 long ago but a case is still open: the person stays, the KAA content goes.
    birth = yearsAgo(26);
    p.P6 = await createPerson(t, w, {
      tag: 'P6',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 16), exit: plusYears(birth, 20), reason: 'TURNED_20' }],
      caseClosedAt: null,
    });
    // P8: moved to another municipality of the portal three years ago, 19 now: the new
    // home municipality has the register duty, so only the old register's content goes.
    birth = yearsAgo(19, 180);
    p.P8 = await createPerson(t, w, {
      tag: 'P8',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 16), exit: yearsAgo(3), reason: 'MOVED_AWAY' }],
    });
    await t.db.query(`INSERT INTO municipality (code, name) VALUES ('2905', 'Nya hemkommunen')`);
    await t.db.query(`UPDATE young_person SET home_municipality_code = '2905' WHERE id = $1`, [
      p.P8.id,
    ]);
    // P7: never in the register; a case closed three years ago, flag and notice settled two
    // years ago: their content goes, the person stays.
    p.P7 = await createPerson(t, w, {
      tag: 'P7',
      birthDate: yearsAgo(24),
      caseClosedAt: instantYearsAgo(3),
      flagResolvedAt: instantYearsAgo(2),
      noticeAcknowledgedAt: instantYearsAgo(2),
    });
    // P2 and P5 (purged below) found work three days after their measure ended (its end is
    // entry + 40 in retention-world), noted in free text: the report's occupation after a
    // measure ended must read the same once the note is gone.
    for (const tag of ['P2', 'P5']) {
      await t.db.query(
        `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, note)
         SELECT young_person_id, municipality_code, 'WORK', end_date + 3, 'YOUNG_PERSON', $2
           FROM kaa_measure WHERE young_person_id = $1`,
        [p[tag].id, `TEXT-${tag} occupation after the measure`],
      );
    }
  });
  afterAll(() => t.close());

  it('anonymises the people past retention, strips expired content, keeps the rest and the figures', async () => {
    const keptBefore = {
      P3: await tablesContaining(t, 'TEXT-P3'),
      P6: await tablesContaining(t, 'TEXT-P6'),
    };
    expect(keptBefore.P3.length).toBeGreaterThan(5);
    const viewsBefore = await everyView(t, w, ownPeople());
    for (const tag of ['P1', 'P2', 'P5']) {
      // The views do show these people before: the absence afterwards means something.
      expect(viewsBefore).toContain(`NAME-${tag}`);
      expect(viewsBefore).toContain(p[tag].pnr);
      expect(await tablesContaining(t, `TEXT-${tag}`)).not.toEqual([]);
    }
    expect(viewsBefore).toContain('TEXT-P1 address');
    expect(viewsBefore).toContain('TEXT-P1 note');
    expect(viewsBefore).toContain('TEXT-P1 minutes'); // the cases query
    expect(viewsBefore).toContain('TEXT-P1 guardian'); // the register extract
    expect(viewsBefore).toContain('TEXT-P4 withdrawn section');
    expect(viewsBefore).toContain(`${p.P2.pnr},2901`); // the SCB extract
    const figuresBefore = (await figures(t, w)) as Record<string, unknown>;
    // Among them the split of closures by occupation field, with the closures of P2 and P5
    // (purged below): it must read the same afterwards.
    const split = Object.entries(figuresBefore)
      .filter(([key]) => key.startsWith('report coordinator'))
      .flatMap(([, csv]) => (csv as string).split('\r\n'))
      .filter((line) => line.startsWith('closures.WORK.HOTEL_RESTAURANT_CATERING,'));
    expect(split.filter((line) => /,1(,|$)/.test(line)).length).toBeGreaterThanOrEqual(2);
    // And the occupation after a measure ended: P2's and P5's work in their measures' months.
    const reportLines = (all: Record<string, unknown>, key: string) =>
      Object.entries(all)
        .filter(([name]) => name.startsWith('report coordinator'))
        .flatMap(([, csv]) => (csv as string).split('\r\n'))
        .filter((line) => line.startsWith(`${key},`));
    const afterMeasure = reportLines(figuresBefore, 'measures.COACHING.occupationAfter.WORK');
    expect(afterMeasure.filter((line) => /,1(,|$)/.test(line)).length).toBeGreaterThanOrEqual(2);
    // The access log is kept on its own period (DESIGN §7): purging people leaves every row
    // about them, including the reads the views above just wrote.
    const purgedIds = [p.P1.id, p.P2.id, p.P5.id];
    const logRowsAbout = async () =>
      Number(
        (
          await t.db.query(`SELECT count(*) FROM access_log WHERE young_person_ids && $1::uuid[]`, [
            purgedIds,
          ])
        ).rows[0].count,
      );
    const loggedBefore = await logRowsAbout();
    expect(loggedBefore).toBeGreaterThan(0);

    // Two purges at once, on separate connections (the app's pool and the CLI's own):
    // one does the work, the other is refused the lock or finds nothing left.
    const results = await Promise.all([
      t.app.get(RetentionPurgeService).run('API'),
      purgeDatabase(t.config, dbUrl(t)),
    ]);
    const working = results.filter((r) => Object.keys(r.counts).length > 0);
    expect(working).toHaveLength(1);
    const counts = working[0].counts;
    expect(counts).toMatchObject({
      young_person: 3,
      young_person_kaa_content: 5,
      kaa_plan: 5,
      case_note: 2,
      joint_case: 2,
      guardian: 3,
    });
    const { rows: runs } = await t.db.query(
      `SELECT id, status, counts FROM retention_run WHERE counts <> '{}'::jsonb`,
    );
    expect(runs).toEqual([{ id: working[0].runId, status: 'COMPLETED', counts }]);

    // The people past retention: no trace of names, personnummer or any free text.
    for (const tag of ['P1', 'P2', 'P5']) {
      expect(await tablesContaining(t, `TEXT-${tag}`)).toEqual([]);
      expect(await tablesContaining(t, `NAME-${tag}`)).toEqual([]);
      expect(await tablesContaining(t, p[tag].pnr)).toEqual([]);
    }
    const { rows: anonymised } = await t.db.query(
      `SELECT id FROM young_person WHERE anonymised_at IS NOT NULL AND personal_number IS NULL
         AND NOT protected_identity AND street_address IS NULL AND phone IS NULL ORDER BY id`,
    );
    expect(anonymised.map((r) => r.id)).toEqual([p.P1.id, p.P2.id, p.P5.id].sort());
    expect(await logRowsAbout()).toBe(loggedBefore);
    // The others: untouched.
    expect(await tablesContaining(t, 'TEXT-P3')).toEqual(keptBefore.P3);
    // P6: the KAA content goes after its own period; the open case keeps the rest.
    const kaaTables = [
      'contact_attempt',
      'kaa_closure',
      'kaa_measure',
      'kaa_plan_responsibility',
      'kaa_plan_version',
      'occupation',
    ];
    const isKaa = (entry: string) => kaaTables.includes(entry.split(':')[0]);
    expect(keptBefore.P6.filter(isKaa)).toHaveLength(kaaTables.length);
    expect(await tablesContaining(t, 'TEXT-P6')).toEqual(keptBefore.P6.filter((e) => !isKaa(e)));
    expect(await tablesContaining(t, 'NAME-P6')).toEqual(['young_person:1']);
    // P8: the person stays for the new home municipality; the old register's content goes.
    expect(await tablesContaining(t, 'NAME-P8')).toEqual(['young_person:1']);
    expect((await tablesContaining(t, 'TEXT-P8')).filter(isKaa)).toEqual([]);
    expect(await tablesContaining(t, 'TEXT-P8')).toEqual([
      'concern_report:1',
      'emergency_access:1',
      'guardian:1',
      'schooling:1',
      'young_person:1',
    ]);
    // P7: the closed case, flag and notice lose their content; the person stays.
    expect(await tablesContaining(t, 'TEXT-P7')).toEqual([
      'concern_report:1',
      'emergency_access:1',
      'guardian:1',
      'schooling:1',
      'young_person:1',
    ]);
    // P4: what the withdrawn consent shared is gone, what a consent in force covers stays.
    expect(await tablesContaining(t, 'TEXT-P4 withdrawn section')).toEqual([]);
    expect(await tablesContaining(t, 'TEXT-P4 consent SOCIAL')).toEqual([]);
    expect(await tablesContaining(t, 'TEXT-P4 in-force section')).toEqual(['referral_section:1']);
    expect(await tablesContaining(t, 'TEXT-P4 consent EMPLOYMENT')).toEqual(['consent:1']);
    expect(await tablesContaining(t, 'NAME-P4')).toEqual(['young_person:1']);

    // Every query and export: no marker of the purged people, including the protected one.
    const viewsAfter = await everyView(t, w, ownPeople());
    for (const tag of ['P1', 'P2', 'P5']) {
      expect(viewsAfter).not.toContain(`NAME-${tag}`);
      expect(viewsAfter).not.toContain(`TEXT-${tag}`);
      expect(viewsAfter).not.toContain(p[tag].pnr);
    }
    expect(viewsAfter).not.toContain('TEXT-P4 withdrawn section');
    expect(viewsAfter).not.toContain('TEXT-P4 consent SOCIAL');
    expect(viewsAfter).toContain('NAME-P3');
    expect(viewsAfter).toContain('NAME-P6');

    // The figures for past months are the same, the split of closures included: the purge
    // took the closure's title and kept its occupation field.
    const { rows: closures } = await t.db.query(
      `SELECT occupation_title, occupation_field FROM kaa_closure WHERE young_person_id = ANY($1)`,
      [[p.P2.id, p.P5.id]],
    );
    expect(closures).toEqual([
      { occupation_title: PURGED_TEXT, occupation_field: 'HOTEL_RESTAURANT_CATERING' },
      { occupation_title: PURGED_TEXT, occupation_field: 'HOTEL_RESTAURANT_CATERING' },
    ]);
    // The occupations after the measures: category and date kept, the note gone.
    const { rows: occupations } = await t.db.query(
      `SELECT o.category, o.note, o.valid_from = m.end_date + 3 AS after_end
         FROM occupation o JOIN kaa_measure m ON m.young_person_id = o.young_person_id
        WHERE o.young_person_id = ANY($1) AND o.category = 'WORK'`,
      [[p.P2.id, p.P5.id]],
    );
    expect(occupations).toEqual([
      { category: 'WORK', note: null, after_end: true },
      { category: 'WORK', note: null, after_end: true },
    ]);
    const figuresAfter = (await figures(t, w)) as Record<string, unknown>;
    expect(reportLines(figuresAfter, 'measures.COACHING.occupationAfter.WORK')).toEqual(
      afterMeasure,
    );
    expect(figuresAfter).toEqual(figuresBefore);

    // The log: counts only, no ids of people.
    const { rows: log } = await t.db.query(
      `SELECT action, subject_type, subject_ids, young_person_ids, fields, legal_basis, consent_ids,
              subject_municipality_code, actor_user_id
       FROM access_log WHERE subject_type = 'RETENTION_PURGE' ORDER BY id`,
    );
    expect(log.length).toBeGreaterThan(0);
    const logged: Record<string, number> = {};
    for (const row of log) {
      expect(row).toMatchObject({
        action: 'DELETE',
        subject_ids: [working[0].runId],
        young_person_ids: [],
        consent_ids: [],
        legal_basis: 'STATUTORY_DUTY',
        subject_municipality_code: '2901',
        actor_user_id: null,
      });
      for (const f of row.fields as string[]) {
        expect(f).toMatch(/^[a-z_]+:\d+$/);
        const [k, n] = f.split(':');
        logged[k] = (logged[k] ?? 0) + Number(n);
      }
    }
    expect(logged).toEqual(counts);
    // The municipality's auditor finds them, and the log's hash chain still verifies.
    const auditor = await createUser(t, w.org.OTHER, [Role.AUDITOR]);
    const audit = await t.gql(
      `query($run: ID!) { accessLog(subjectId: $run, first: 100) { totalCount edges { node {
         action subjectType fields youngPersonIds subjectMunicipalityCode } } } }`,
      { run: working[0].runId },
      auditor.token,
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data.accessLog.totalCount).toBe(log.length);
    expect(audit.data.accessLog.edges[0].node).toMatchObject({
      action: 'DELETE',
      subjectType: 'RETENTION_PURGE',
      youngPersonIds: [],
      subjectMunicipalityCode: '2901',
    });
    const verified = await t.gql(`{ verifyAccessLog { valid } }`, {}, auditor.token);
    expect(verified.data.verifyAccessLog.valid).toBe(true);

    // A second run removes nothing and logs nothing.
    const second = await t.app.get(RetentionPurgeService).run('API');
    expect(second).toMatchObject({ skipped: false, counts: {} });
    const { rows: after } = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE subject_type = 'RETENTION_PURGE'`,
    );
    expect(after[0].n).toBe(log.length);
  });

  it('does nothing while another instance holds the lock', async () => {
    await t.db.query(`SELECT pg_advisory_lock($1)`, [RETENTION_LOCK]);
    try {
      const held = await t.app.get(RetentionPurgeService).run('API');
      expect(held).toEqual({ skipped: true, runId: null, counts: {} });
    } finally {
      await t.db.query(`SELECT pg_advisory_unlock($1)`, [RETENTION_LOCK]);
    }
    expect((await t.app.get(RetentionPurgeService).run('API')).skipped).toBe(false);
  });
});

describe('retention purge stopped mid-way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leaves every batch whole and the next run finishes the job', async () => {
    const w = await createRetentionWorld(t, '2902');
    const people: Person[] = [];
    for (let i = 0; i < 4; i++) {
      const birth = yearsAgo(26, i);
      people.push(
        await createPerson(t, w, {
          tag: `Q${i}`,
          birthDate: birth,
          periods: [
            { entry: plusYears(birth, 16), exit: plusYears(birth, 20), reason: 'TURNED_20' },
          ],
          caseClosedAt: instantYearsAgo(4),
        }),
      );
    }
    // The third person's anonymisation fails, as if the process died there.
    const victim = [...people].sort((a, b) => a.id.localeCompare(b.id))[2];
    await t.db.query(`
      CREATE FUNCTION fail_retention() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash'; END $$`);
    await t.db.query(
      `CREATE TRIGGER fail_retention BEFORE UPDATE OF anonymised_at ON young_person
       FOR EACH ROW WHEN (NEW.id = '${victim.id}') EXECUTE FUNCTION fail_retention()`,
    );
    const service = t.app.get(RetentionPurgeService);
    await expect(service.run('API', 1)).rejects.toThrow('simulated crash');
    const state = async () =>
      (
        await t.db.query(
          `SELECT yp.id, yp.anonymised_at IS NOT NULL AS anonymised,
             (SELECT count(*)::int FROM guardian g WHERE g.young_person_id = yp.id) AS guardians,
             (SELECT count(*)::int FROM case_note n JOIN joint_case c ON c.id = n.case_id WHERE c.young_person_id = yp.id) AS notes
           FROM young_person yp WHERE yp.home_municipality_code = '2902' ORDER BY yp.id`,
        )
      ).rows;
    const mid = await state();
    // Whole batches only: a person is either fully anonymised or not touched (the closed
    // cases were stripped in the first pass, before any person).
    expect(mid.map((r) => [r.anonymised, r.guardians, r.notes])).toEqual([
      [true, 0, 0],
      [true, 0, 0],
      [false, 1, 0],
      [false, 1, 0],
    ]);
    const { rows: failed } = await t.db.query(`SELECT status FROM retention_run`);
    expect(failed).toEqual([{ status: 'FAILED' }]);

    await t.db.query(`DROP TRIGGER fail_retention ON young_person`);
    const rest = await service.run('API', 1);
    expect(rest.counts).toMatchObject({ young_person: 2, guardian: 2 });
    expect((await state()).every((r) => r.anonymised && r.guardians === 0)).toBe(true);
    const { rows: totals } = await t.db.query(
      `SELECT sum((counts->>'young_person')::int)::int AS people, sum((counts->>'case_note')::int)::int AS notes
       FROM retention_run`,
    );
    expect(totals).toEqual([{ people: 4, notes: 4 }]);
  });
});

function dbUrl(t: TestApp): string {
  const u = new URL(process.env.TEST_DB_SERVER_URL!);
  u.pathname = `/${t.db.database}`;
  return u.toString();
}

describe('retention purge follows the municipality settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('applies the periods the municipality admin set', async () => {
    const w = await createRetentionWorld(t, '2903');
    const admin = await createUser(t, w.org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    const set = async (kaaMonths: number, closedCaseMonths: number) => {
      const res = await t.gql(
        `mutation($i: RetentionSettingsInput!) { updateRetentionSettings(input: $i) { kaaMonths } }`,
        { i: { kaaMonths, closedCaseMonths, noticeFlagMonths: 12, withdrawnConsentMonths: 3 } },
        admin.token,
      );
      expect(res.errors).toBeUndefined();
    };
    const birth = yearsAgo(26);
    const person = await createPerson(t, w, {
      tag: 'S1',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 16), exit: plusYears(birth, 20), reason: 'TURNED_20' }],
      caseClosedAt: instantYearsAgo(4),
    });
    const service = t.app.get(RetentionPurgeService);
    const state = async () =>
      (
        await t.db.query(
          `SELECT yp.anonymised_at IS NOT NULL AS anonymised, yp.kaa_content_purged_at IS NOT NULL AS kaa,
             c.content_purged_at IS NOT NULL AS "case"
           FROM young_person yp JOIN joint_case c ON c.young_person_id = yp.id WHERE yp.id = $1`,
          [person.id],
        )
      ).rows[0];

    // Ten years for both: the six-year-old exit and the four-year-old closure are kept.
    await set(120, 120);
    expect((await service.run('API')).counts).toEqual({});
    expect(await state()).toEqual({ anonymised: false, kaa: false, case: false });

    // Five years for KAA: the KAA content goes; the case (ten years) keeps the person.
    await set(60, 120);
    await service.run('API');
    expect(await state()).toEqual({ anonymised: false, kaa: true, case: false });
    expect(await tablesContaining(t, 'NAME-S1')).toEqual(['young_person:1']);

    // Three years for cases: the case content goes and nothing keeps the person any more.
    await set(60, 36);
    await service.run('API');
    expect(await state()).toEqual({ anonymised: true, kaa: true, case: true });
    expect(await tablesContaining(t, 'TEXT-S1')).toEqual([]);
  });

  it('strips the KAA content again when a person came back and left for good again', async () => {
    const w = await createRetentionWorld(t, '2904');
    const birth = yearsAgo(26);
    // Moved away at 17; an open case keeps the person itself.
    const person = await createPerson(t, w, {
      tag: 'R1',
      birthDate: birth,
      periods: [{ entry: plusYears(birth, 16), exit: plusYears(birth, 17), reason: 'MOVED_AWAY' }],
      caseClosedAt: null,
    });
    const service = t.app.get(RetentionPurgeService);
    expect((await service.run('API')).counts).toMatchObject({ young_person_kaa_content: 1 });
    const kaaText = () =>
      t.db.query(
        `SELECT count(*)::int AS n FROM contact_attempt WHERE young_person_id = $1 AND note IS NOT NULL`,
        [person.id],
      );
    expect((await kaaText()).rows[0].n).toBe(0);

    // Came back at 18 and turned 20 in the register six years ago.
    await t.db.query(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
       VALUES ($1, $2, $3, 'MOVED_IN', $4, 'TURNED_20')`,
      [person.id, w.code, plusYears(birth, 18), plusYears(birth, 20)],
    );
    await t.db.query(
      `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, outcome, note)
       VALUES ($1, $2, 'PHONE', 'OUTBOUND', $3::date + 30, 'REACHED', 'TEXT-R1 back again')`,
      [person.id, w.code, plusYears(birth, 18)],
    );
    expect((await kaaText()).rows[0].n).toBe(1);
    expect((await service.run('API')).counts).toMatchObject({
      young_person_kaa_content: 1,
      contact_attempt_note: 1,
    });
    expect((await kaaText()).rows[0].n).toBe(0);
    expect((await service.run('API')).counts).toEqual({});
  });
});
