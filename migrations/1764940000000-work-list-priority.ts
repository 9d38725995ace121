import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';
import { WORK_LIST_COMPUTE_SQL, WORK_LIST_ENTRY_COLUMNS } from '../src/outreach/work-list.sql';

/**
 * The work list's priority, stored and indexed (issue 17: a page ranked the whole
 * municipality, 9–16 s at 50 000 register rows). work_list_entry holds, per open period
 * of a resident, the reasons, rank and sort key that work_list_compute() (the rule's one
 * place, src/outreach/work-list.sql.ts) gives, and the interval [valid_from, valid_until)
 * in which that answer holds: the rule depends on the day (follow-up overdue, turning 18,
 * a booked visit passing, an occupation starting, N weeks without contact), so the
 * earliest such moment ends the row's validity.
 *
 * - Statement triggers on every table the rule reads refresh the affected periods in the
 *   writing transaction (set-based, so a bulk entry of 50 000 costs one pass).
 * - A read takes fresh rows from the index in order and recomputes the few whose
 *   validity has ended (the clock job, WorkListClockJob, refreshes them every few minutes).
 * - SECURITY DEFINER, owned by the migration user: the rule counts every contact of the
 *   municipality whatever the writer may see; the result only fills the table, which the
 *   application role reads under the youth team's row policy and never writes.
 */
export class WorkListPriority1764940000000 implements MigrationInterface {
  name = 'WorkListPriority1764940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_list_entry (
        kaa_period_id uuid PRIMARY KEY REFERENCES kaa_period(id) ON DELETE CASCADE,
        municipality_code char(4) NOT NULL,
        young_person_id uuid NOT NULL,
        in_list boolean NOT NULL,
        priority integer NOT NULL,
        reasons text[] NOT NULL,
        sort_key timestamptz NOT NULL,
        responsible_user_id uuid,
        birth_date date NOT NULL,
        entry_date date NOT NULL,
        next_follow_up_date date,
        contact_count integer NOT NULL,
        last_contact_at timestamptz,
        last_contact_channel text,
        last_contact_outcome text,
        occupation_known boolean NOT NULL,
        next_home_visit_at timestamptz,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL
      )`);
    // The page: the municipality's list in priority order (keyset paging on the same key).
    await q.query(`
      CREATE INDEX work_list_entry_order ON work_list_entry
        (municipality_code, priority, sort_key, kaa_period_id) INCLUDE (valid_from, valid_until)
        WHERE in_list`);
    // The rows whose answer has expired (or lies ahead of a clock set back).
    await q.query(
      `CREATE INDEX work_list_entry_until ON work_list_entry (municipality_code, valid_until)`,
    );
    await q.query(
      `CREATE INDEX work_list_entry_from ON work_list_entry (municipality_code, valid_from)`,
    );
    await q.query(`CREATE INDEX work_list_entry_person ON work_list_entry (young_person_id)`);
    // The rule's lookups per person: the municipality's indexes alone would scan every
    // contact of the municipality for each period (a generic plan picks them).
    await q.query(
      `CREATE INDEX contact_attempt_person_municipality_idx ON contact_attempt (young_person_id, municipality_code, occurred_at DESC)`,
    );
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON work_list_entry FROM portal_app`);

    await q.query(`
      CREATE FUNCTION work_list_compute(ids uuid[]) RETURNS SETOF work_list_entry
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        ${WORK_LIST_COMPUTE_SQL}
      $$`);
    const set = WORK_LIST_ENTRY_COLUMNS.filter((c) => c !== 'kaa_period_id');
    await q.query(`
      CREATE FUNCTION work_list_refresh(ids uuid[]) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
        -- A concurrent refresh of the same period waits here, then computes on a snapshot
        -- that sees the other's committed writes (each statement of a volatile function
        -- takes a new one), so the later answer never misses the earlier write.
        PERFORM 1 FROM work_list_entry WHERE kaa_period_id IN (SELECT unnest(ids)) ORDER BY kaa_period_id FOR UPDATE;
        WITH c AS (SELECT * FROM work_list_compute(ids)),
        gone AS (
          DELETE FROM work_list_entry e
           WHERE e.kaa_period_id IN (SELECT unnest(ids)) AND NOT EXISTS (SELECT 1 FROM c WHERE c.kaa_period_id = e.kaa_period_id))
        INSERT INTO work_list_entry SELECT * FROM c
        ON CONFLICT (kaa_period_id) DO UPDATE SET
          (${set.join(', ')}) = (${set.map((c) => `EXCLUDED.${c}`).join(', ')});
      END $$`);

    // Which open periods a changed row touches, per table (rows: old_rows or new_rows).
    const periodsOf: Record<string, (rows: string) => string> = {
      by_person: (rows) =>
        `SELECT p.id FROM kaa_period p WHERE p.exit_date IS NULL
            AND p.young_person_id IN (SELECT r.young_person_id FROM ${rows} r)`,
      by_period: (rows) => `SELECT r.id FROM ${rows} r`,
      // Updates only, and only of what the rule reads (a name edit costs nothing).
      by_self: () =>
        `SELECT p.id FROM kaa_period p WHERE p.exit_date IS NULL AND p.young_person_id IN (
           SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.birth_date IS DISTINCT FROM o.birth_date
               OR n.home_municipality_code IS DISTINCT FROM o.home_municipality_code)`,
      by_responsible: () =>
        `SELECT p.id FROM kaa_period p WHERE p.exit_date IS NULL AND p.responsible_user_id IN (
           SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.active IS DISTINCT FROM o.active)`,
      by_municipality: (rows) =>
        `SELECT p.id FROM kaa_period p WHERE p.exit_date IS NULL
            AND p.municipality_code IN (SELECT r.municipality_code FROM ${rows} r)`,
    };
    for (const [kind, sql] of Object.entries(periodsOf)) {
      await q.query(`
        CREATE FUNCTION work_list_touch_${kind}() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM work_list_refresh(ARRAY(${sql('new_rows')}));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM work_list_refresh(ARRAY(${sql('old_rows')}));
          ELSIF ${kind === 'by_self' || kind === 'by_responsible'} THEN
            PERFORM work_list_refresh(ARRAY(${sql('new_rows')}));
          ELSE
            PERFORM work_list_refresh(ARRAY(${sql('new_rows')} UNION ${sql('old_rows')}));
          END IF;
          RETURN NULL;
        END $$`);
    }
    const triggers: [string, string, string[]][] = [
      ['contact_attempt', 'by_person', ['INSERT', 'UPDATE', 'DELETE']],
      ['occupation', 'by_person', ['INSERT', 'UPDATE', 'DELETE']],
      ['guardian', 'by_person', ['INSERT', 'UPDATE', 'DELETE']],
      ['home_visit', 'by_person', ['INSERT', 'UPDATE', 'DELETE']],
      ['kaa_period', 'by_period', ['INSERT', 'UPDATE']],
      ['young_person', 'by_self', ['UPDATE']],
      ['app_user', 'by_responsible', ['UPDATE']],
      ['outreach_setting', 'by_municipality', ['INSERT', 'UPDATE', 'DELETE']],
    ];
    for (const [table, kind, events] of triggers) {
      for (const event of events) {
        const referencing =
          event === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : event === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await q.query(`
          CREATE TRIGGER work_list_${event.toLowerCase()} AFTER ${event} ON ${table}
            REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION work_list_touch_${kind}()`);
      }
    }
    await q.query(
      `SELECT work_list_refresh(ARRAY(SELECT id FROM kaa_period WHERE exit_date IS NULL))`,
    );
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'contact_attempt',
      'occupation',
      'guardian',
      'home_visit',
      'kaa_period',
      'young_person',
      'app_user',
      'outreach_setting',
    ]) {
      for (const event of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER IF EXISTS work_list_${event} ON ${table}`);
      }
    }
    for (const kind of ['by_person', 'by_period', 'by_self', 'by_responsible', 'by_municipality']) {
      await q.query(`DROP FUNCTION work_list_touch_${kind}()`);
    }
    await q.query(`DROP FUNCTION work_list_refresh(uuid[])`);
    await q.query(`DROP FUNCTION work_list_compute(uuid[])`);
    await q.query(`DROP TABLE work_list_entry`);
    await q.query(`DROP INDEX contact_attempt_person_municipality_idx`);
  }
}
