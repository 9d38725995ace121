import { DataSource, EntityManager } from 'typeorm';
import { HistoryEntryModel } from './history.model';

const ISO = (d: string) => `to_char(${d}, 'YYYY-MM-DD')`;
/** A timestamp's Stockholm date, by the portal's one calendar function (stockholm_date). */
const DAY = (ts: string) => ISO(`stockholm_date(${ts})`);

/**
 * Every kind of row about one person in one statement. Each table's row-level security
 * decides which of its rows the caller sees (the register and contacts: the home youth
 * team; flags and notices: the school and those it shares with; cases: their
 * participants), so nothing here judges visibility. `at` orders entries of one day.
 */
const HISTORY_SQL = `
  SELECT kind, id, date, end_date, type, status, note FROM (
    SELECT 'KAA_PERIOD' AS kind, id, ${ISO('entry_date')} AS date, ${ISO('exit_date')} AS end_date,
           entry_reason AS type, COALESCE(exit_reason, CASE WHEN exit_date IS NULL THEN 'OPEN' END) AS status,
           NULL::text AS note, created_at AS at
      FROM kaa_period WHERE young_person_id = $1
    UNION ALL
    SELECT 'OCCUPATION', id, ${ISO('valid_from')}, NULL, category, source, note, recorded_at
      FROM occupation WHERE young_person_id = $1
    UNION ALL
    SELECT 'CONTACT', id, ${DAY('occurred_at')}, NULL, channel, outcome, note, occurred_at
      FROM contact_attempt WHERE young_person_id = $1
    UNION ALL
    SELECT 'MEASURE', id, ${ISO('offered_on')}, ${ISO('end_date')}, type, status, description, created_at
      FROM kaa_measure WHERE young_person_id = $1
    UNION ALL
    SELECT 'PLAN', v.id, ${DAY('v.created_at')}, NULL, v.version::text, NULL, v.goal, v.created_at
      FROM kaa_plan pl JOIN kaa_plan_version v ON v.plan_id = pl.id WHERE pl.young_person_id = $1
    UNION ALL
    SELECT 'KAA_CLOSURE', id, ${ISO('closed_on')}, NULL, kind, programme, note, recorded_at
      FROM kaa_closure WHERE young_person_id = $1
    UNION ALL
    SELECT 'RISK_FLAG', id, ${DAY('created_at')}, NULL, severity, status, note, created_at
      FROM risk_flag WHERE young_person_id = $1
    UNION ALL
    SELECT 'NOTICE', id, ${DAY('sent_at')}, NULL, kind, status, note, sent_at
      FROM school_notice WHERE young_person_id = $1
    UNION ALL
    SELECT 'CASE', id, ${DAY('created_at')}, ${DAY('closed_at')}, NULL, status, title, created_at
      FROM joint_case WHERE young_person_id = $1
  ) h
  ORDER BY date DESC, at DESC, kind, id`;

export async function queryHistory(
  db: DataSource | EntityManager,
  youngPersonId: string,
): Promise<HistoryEntryModel[]> {
  const rows: (Omit<HistoryEntryModel, 'endDate'> & { end_date: string | null })[] = await db.query(
    HISTORY_SQL,
    [youngPersonId],
  );
  return rows.map(({ end_date, ...r }) =>
    Object.assign(new HistoryEntryModel(), r, { endDate: end_date }),
  );
}
