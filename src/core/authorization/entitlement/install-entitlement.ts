import { QueryRunner } from 'typeorm';
import { ENTITLEMENT_SQL } from './entitlement.sql';
import { APPLICATION_ROLE, ROW_POLICIES, rowPolicyStatements } from './row-policies.sql';

/**
 * (Re)installs the entitlement functions and the row policies generated from them, on the
 * tables that exist so far. A migration that adds a table with personal data (listed in
 * ROW_POLICIES) calls this again after creating it.
 */
export async function installEntitlement(q: QueryRunner): Promise<void> {
  for (const sql of ENTITLEMENT_SQL) await q.query(sql);
  await q.query(`GRANT USAGE ON SCHEMA authz TO ${APPLICATION_ROLE}`);
  await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA authz TO ${APPLICATION_ROLE}`);
  // The relation views, which row policies read (each shows the actor's own relations only).
  await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA authz TO ${APPLICATION_ROLE}`);
  const existing: { name: string }[] = await q.query(
    `SELECT t AS name FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL`,
    [Object.keys(ROW_POLICIES)],
  );
  for (const sql of rowPolicyStatements(existing.map((e) => e.name))) await q.query(sql);
}
