import fc from 'fast-check';
import { Role } from '../../src/identity/role.enum';
import { WorkListClockJob } from '../../src/outreach/work-list-clock.job';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createPeriod, createYoungPerson, day } from './outreach-fixtures';

// The stored priority (work_list_entry) against its rule (work_list_compute): the triggers
// keep it current, its validity interval is honest when the clock moves on, and a page
// recomputes the rows whose answer has expired.
jest.setTimeout(120_000);

const WORK_LIST = `query($first: Int, $after: String) {
  workList(first: $first, after: $after) {
    totalCount pageInfo { endCursor }
    edges { node { kaaPeriodId reason reasons } }
  }
}`;

interface Spec {
  ageDays: number;
  followUp: number | null;
  responsible: boolean;
  contacts: { channel: string; outcome: string; daysAgo: number }[];
  guardianDeclined: boolean;
  visitIn: number | null;
  occupation: { category: string; from: number } | null;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  // around the 18th birthday (±10 days) or well off it
  ageDays: fc.oneof(
    fc.integer({ min: 18 * 365 - 10, max: 18 * 365 + 10 }),
    fc.integer({ min: 16 * 365, max: 20 * 365 }),
  ),
  followUp: fc.option(fc.integer({ min: -3, max: 4 })),
  responsible: fc.boolean(),
  contacts: fc.array(
    fc.record({
      channel: fc.constantFrom('LETTER', 'PHONE', 'HOME_VISIT'),
      outcome: fc.constantFrom('NO_RESPONSE', 'REACHED', 'GUARDIAN_DECLINED'),
      daysAgo: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 3 },
  ),
  guardianDeclined: fc.boolean(),
  visitIn: fc.option(fc.integer({ min: 0, max: 3 })),
  occupation: fc.option(
    fc.record({
      category: fc.constantFrom('WORK', 'UNKNOWN', 'STUDIES'),
      from: fc.integer({ min: -5, max: 5 }),
    }),
  ),
});

const COMPARED = `kaa_period_id, in_list, priority, reasons, sort_key`;

describe('work list stored priority', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let offset: number;

  const stored = async () =>
    (await t.db.query(`SELECT ${COMPARED} FROM work_list_entry ORDER BY kaa_period_id`)).rows;
  const computeAt = async (at?: string) => {
    if (at) {
      await t.db.query(
        `SELECT set_config('app.clock_offset', ($1::float8 + extract(epoch FROM ($2::timestamptz - app_now())))::text, false)`,
        [offset, at],
      );
    }
    try {
      return (
        await t.db.query(
          `SELECT ${COMPARED} FROM work_list_compute(ARRAY(SELECT id FROM kaa_period WHERE exit_date IS NULL))
            ORDER BY kaa_period_id`,
        )
      ).rows;
    } finally {
      await t.db.query(`SELECT set_config('app.clock_offset', $1, false)`, [String(offset)]);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    offset = t.config.clock.offsetMs / 1000;
    const tbg = await createWorld(t, '1287');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    await t.db.query(
      `INSERT INTO outreach_setting (municipality_code, contact_every_weeks) VALUES ('1287', 2)`,
    );
    const specs = fc.sample(spec, { numRuns: 60, seed: 1764940 });
    for (const [i, s] of specs.entries()) {
      const id = await createYoungPerson(t, { birthDate: day(-s.ageDays), familyName: `Prio${i}` });
      await createPeriod(t, id, {
        entryDate: day(-30),
        responsibleUserId: s.responsible ? coordinator.id : null,
        nextFollowUpDate: s.followUp === null ? null : day(s.followUp),
      });
      for (const c of s.contacts) {
        await t.db.query(
          `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, outcome)
           VALUES ($1, '1287', $2, 'OUTBOUND', app_now() - make_interval(days => $3, hours => 1), $4)`,
          [id, c.channel, c.daysAgo, c.outcome],
        );
      }
      if (s.guardianDeclined) {
        await t.db.query(
          `INSERT INTO guardian (young_person_id, name, declined_contact, declined_contact_at)
           VALUES ($1, 'Vårdnadshavare', true, app_now() - interval '25 days')`,
          [id],
        );
      }
      if (s.visitIn !== null) {
        await t.db.query(
          `INSERT INTO home_visit (young_person_id, municipality_code, planned_at, staff_user_ids, created_by)
           VALUES ($1, '1287', stockholm_day_start(app_today() + $2::int) + interval '10 hours', ARRAY[$3::uuid], $3)`,
          [id, s.visitIn, coordinator.id],
        );
      }
      if (s.occupation) {
        await t.db.query(
          `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
           VALUES ($1, '1287', $2, app_today() + $3::int, 'OTHER')`,
          [id, s.occupation.category, s.occupation.from],
        );
      }
    }
  });
  afterAll(() => t.close());

  it('the triggers keep every row equal to the rule computed now', async () => {
    const rows = await stored();
    expect(rows).toHaveLength(60);
    expect(rows).toEqual(await computeAt());
    expect(new Set(rows.map((r) => r.priority)).size).toBeGreaterThanOrEqual(5);
  });

  it('a row holds its answer until valid_until, and the clock changes some answers after it', async () => {
    const rows = (
      await t.db.query(
        `SELECT ${COMPARED}, valid_from, valid_until FROM work_list_entry
          WHERE valid_until < valid_from + interval '60 days' ORDER BY kaa_period_id`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(20);
    let changedAfter = 0;
    for (const r of rows) {
      const from = new Date(r.valid_from).getTime();
      const until = new Date(r.valid_until).getTime();
      const strip = (x: Record<string, unknown>) => ({
        kaa_period_id: x.kaa_period_id,
        in_list: x.in_list,
        priority: x.priority,
        reasons: x.reasons,
        sort_key: x.sort_key,
      });
      for (const at of [from + (until - from) / 2, until - 60_000]) {
        if (at <= from) continue;
        const then = (await computeAt(new Date(at).toISOString())).find(
          (c) => c.kaa_period_id === r.kaa_period_id,
        );
        expect({ at: new Date(at).toISOString(), ...strip(then) }).toEqual({
          at: new Date(at).toISOString(),
          ...strip(r),
        });
      }
      const after = (await computeAt(new Date(until + 60_000).toISOString())).find(
        (c) => c.kaa_period_id === r.kaa_period_id,
      );
      if (JSON.stringify(strip(after)) !== JSON.stringify(strip(r))) changedAfter++;
    }
    expect(changedAfter).toBeGreaterThan(rows.length / 2);
  });

  it('a page recomputes rows whose answer expired or lies ahead of the clock', async () => {
    const all = async () => {
      const ids: string[] = [];
      let after: string | undefined;
      for (;;) {
        const res = await t.gql(WORK_LIST, { first: 25, after }, coordinator.token);
        expect(res.errors).toBeUndefined();
        ids.push(...res.data.workList.edges.map((e: any) => e.node.kaaPeriodId));
        if (res.data.workList.edges.length < 25)
          return { ids, total: res.data.workList.totalCount };
        after = res.data.workList.pageInfo.endCursor;
      }
    };
    const before = await all();
    // A wrong answer that has expired, and one stamped by a clock ahead of the app's.
    await t.db.query(
      `UPDATE work_list_entry SET priority = 8, reasons = '{KEEP_IN_TOUCH}', in_list = NOT in_list,
              sort_key = '2000-01-01', valid_until = app_now() - interval '1 second'
        WHERE hashtext(kaa_period_id::text) % 3 = 0`,
    );
    await t.db.query(
      `UPDATE work_list_entry SET priority = 1, reasons = '{NO_RESPONSIBLE}', in_list = true,
              valid_from = app_now() + interval '1 day'
        WHERE hashtext(kaa_period_id::text) % 3 = 1`,
    );
    const stale = await all();
    expect(stale).toEqual(before);
    expect(before.ids.length).toBe(before.total);
    // The clock job stores the current answers again.
    const refreshed = await t.app.get(WorkListClockJob).tick();
    expect(refreshed).toBeGreaterThan(10);
    expect(await stored()).toEqual(await computeAt());
  });

  it('closing a period, moving away, deactivating the responsible and a new rule refresh the rows', async () => {
    const [a, b] = (
      await t.db.query(`SELECT id, young_person_id FROM kaa_period ORDER BY id LIMIT 2`)
    ).rows;
    await t.db.query(
      `UPDATE kaa_period SET exit_date = app_today(), exit_reason = 'OTHER' WHERE id = $1`,
      [a.id],
    );
    await t.db.query(
      `INSERT INTO municipality (code, name) VALUES ('1280', 'Malmö') ON CONFLICT DO NOTHING`,
    );
    await t.db.query(`UPDATE young_person SET home_municipality_code = '1280' WHERE id = $1`, [
      b.young_person_id,
    ]);
    await t.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [coordinator.id]);
    await t.db.query(
      `UPDATE outreach_setting SET contact_every_weeks = 1 WHERE municipality_code = '1287'`,
    );
    const rows = await stored();
    expect(rows.map((r) => r.kaa_period_id)).not.toContain(a.id);
    expect(rows.map((r) => r.kaa_period_id)).not.toContain(b.id);
    expect(rows).toHaveLength(58);
    expect(rows.every((r) => r.reasons[0] === 'NO_RESPONSIBLE')).toBe(true);
    expect(rows).toEqual(await computeAt());
  });
});
