import { randomUUID } from 'node:crypto';
import { DEMO_CASES as D } from '../../src/demo/cases.demo';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { testClock } from '../support/clock';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  day,
  insertContact,
  insertOccupation,
  insertPeriod,
  insertPerson,
  lastLogId,
} from './fixtures';

const HISTORY = `query($id: ID!) { youngPersonHistory(id: $id) {
  person { id givenName } kinds entries { kind id date endDate type status note }
} }`;

/** Every row about a person in the tables the history reads, as the owner sees them. */
const OWNER_ROWS = `
  SELECT 'KAA_PERIOD' AS kind, id FROM kaa_period WHERE young_person_id = $1
  UNION ALL SELECT 'OCCUPATION', id FROM occupation WHERE young_person_id = $1
  UNION ALL SELECT 'CONTACT', id FROM contact_attempt WHERE young_person_id = $1
  UNION ALL SELECT 'MEASURE', id FROM kaa_measure WHERE young_person_id = $1
  UNION ALL SELECT 'PLAN', v.id FROM kaa_plan p JOIN kaa_plan_version v ON v.plan_id = p.id WHERE p.young_person_id = $1
  UNION ALL SELECT 'KAA_CLOSURE', id FROM kaa_closure WHERE young_person_id = $1
  UNION ALL SELECT 'RISK_FLAG', id FROM risk_flag WHERE young_person_id = $1
  UNION ALL SELECT 'NOTICE', id FROM school_notice WHERE young_person_id = $1
  UNION ALL SELECT 'CASE', id FROM joint_case WHERE young_person_id = $1`;

type Entry = { kind: string; id: string; date: string };

describe('youngPersonHistory', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const token = async (email: string) => (tokens[email] ??= await login(t, email, DEMO_PASSWORD));

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
  }, 120_000);
  afterAll(() => t.close());

  const ownerRows = async (id: string) =>
    (await t.db.query(OWNER_ROWS, [id])).rows.map((r) => `${r.kind}:${r.id}`).sort();

  /** The history as `email` sees it, with the access-log rows the request wrote. */
  const history = async (email: string, id: string) => {
    const auth = await token(email);
    const since = await lastLogId(t);
    const res = await t.gql(HISTORY, { id }, auth);
    const { rows: logs } = await t.db.query(
      `SELECT action, subject_type, subject_ids, legal_basis, fields FROM access_log WHERE id > $1`,
      [since],
    );
    return { res, logs, entries: (res.data?.youngPersonHistory?.entries ?? []) as Entry[] };
  };

  const keys = (entries: Entry[]) => entries.map((e) => `${e.kind}:${e.id}`).sort();

  it('shows the coordinator every row of every kind a demo person has, newest first, in one logged read', async () => {
    // The Trelleborg person with the most kinds of row in the demo data.
    const { rows } = await t.db.query(
      `SELECT yp.id FROM young_person yp, LATERAL (${OWNER_ROWS.replace(/\$1/g, 'yp.id')}) h
        WHERE yp.home_municipality_code = '1287'
        GROUP BY yp.id ORDER BY count(DISTINCT h.kind) DESC, yp.id LIMIT 1`,
    );
    const id = rows[0].id;
    const { res, logs, entries } = await history('coordinator@trelleborg.demo', id);
    expect(res.errors).toBeUndefined();
    expect(keys(entries)).toEqual(await ownerRows(id));
    const kinds = [...new Set(entries.map((e) => e.kind))];
    expect(kinds.length).toBeGreaterThanOrEqual(6);
    expect([...res.data.youngPersonHistory.kinds].sort()).toEqual([...kinds].sort());
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      action: 'READ',
      subject_type: 'YOUNG_PERSON',
      subject_ids: [id],
      legal_basis: 'STATUTORY_DUTY',
    });
    for (const k of kinds) expect(logs[0].fields).toContain(`history.${k}`);
    expect(logs[0].fields).toContain('givenName');
  });

  it('shows social services the cases they take part in, not the youth team’s register rows', async () => {
    // Alex's case has social services as a participant; this test also puts him in the
    // register, with an occupation and a contact (the demo gives him a case only).
    const id = D.alexId;
    await insertPeriod(t, id);
    await insertOccupation(t, id, 'UNKNOWN');
    await insertContact(t, id, testClock.now().toISOString());
    const coordinator = await history('coordinator@trelleborg.demo', id);
    const social = await history('social@trelleborg.demo', id);
    expect(coordinator.res.errors).toBeUndefined();
    expect(social.res.errors).toBeUndefined();
    const all = new Set(await ownerRows(id));
    const seen = keys(social.entries);
    expect(seen.every((k) => all.has(k))).toBe(true);
    expect(social.entries.map((e) => e.kind)).toContain('CASE');
    // The register and the youth team's contacts are the youth team's alone.
    for (const kind of ['KAA_PERIOD', 'OCCUPATION', 'CONTACT']) {
      expect(coordinator.entries.some((e) => e.kind === kind)).toBe(true);
      expect(social.entries.some((e) => e.kind === kind)).toBe(false);
    }
    expect(social.logs).toHaveLength(1);
    expect(social.logs[0]).toMatchObject({ action: 'READ', subject_ids: [id] });
    expect(social.logs[0].legal_basis).not.toBe('STATUTORY_DUTY');
    expect(social.logs[0].fields).toContain('history.CASE');
    expect(social.logs[0].fields).not.toContain('history.KAA_PERIOD');
  });

  it('answers an unrelated user and a random id with the same NOT_FOUND, logging nothing', async () => {
    const foreign = await history('coordinator@malmo.demo', D.alexId);
    const random = await history('coordinator@trelleborg.demo', randomUUID());
    for (const r of [foreign, random]) {
      expect(r.res.data?.youngPersonHistory ?? null).toBeNull();
      expect(r.res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(r.logs.filter((l) => l.action === 'READ')).toHaveLength(0);
    }
    expect(foreign.res.errors?.[0].message).toBe(random.res.errors?.[0].message);
    const bad = await history('coordinator@trelleborg.demo', 'not-a-uuid');
    expect(bad.res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('issues the same number of statements for a person with few and with many entries', async () => {
    const few = await insertPerson(t, { familyName: 'Historiafå', age: 16 });
    await insertPeriod(t, few);
    const many = await insertPerson(t, { familyName: 'Historiamånga', age: 16 });
    const period = await insertPeriod(t, many, { entryDate: day(-200) });
    for (let i = 0; i < 30; i++) {
      await insertOccupation(t, many, i % 2 ? 'WORK' : 'UNKNOWN', day(-190 + i));
      await insertContact(
        t,
        many,
        new Date(testClock.now().getTime() - i * 86_400_000).toISOString(),
      );
      await t.db.query(
        `INSERT INTO kaa_measure (young_person_id, municipality_code, kaa_period_id, type, provider, offered_on, status)
         VALUES ($1, '1287', $2, 'COACHING', 'Ungdomsteamet', $3, 'OFFERED')`,
        [many, period, day(-i)],
      );
    }
    const count = async (id: string) => {
      const auth = await token('coordinator@trelleborg.demo');
      await t.gql(HISTORY, { id }, auth);
      t.sql.reset();
      const res = await t.gql(HISTORY, { id }, auth);
      expect(res.errors).toBeUndefined();
      return { n: t.sql.count, entries: res.data.youngPersonHistory.entries.length };
    };
    const a = await count(few);
    const b = await count(many);
    expect(a.entries).toBe(1);
    expect(b.entries).toBe(91);
    expect(b.n).toBe(a.n);
    // The person, the history, the user/ability load and the access-log insert.
    expect(a.n).toBeLessThan(12);
  });
});
