import { QueryRunner } from 'typeorm';
import { ENTITLEMENT_SQL } from './entitlement.sql';
import { APPLICATION_ROLE, rowPolicyStatements } from './row-policies.sql';

/** (Re)installs the entitlement functions and the row policies generated from them. */
export async function installEntitlement(q: QueryRunner): Promise<void> {
  for (const sql of ENTITLEMENT_SQL) await q.query(sql);
  await q.query(`GRANT USAGE ON SCHEMA authz TO ${APPLICATION_ROLE}`);
  await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA authz TO ${APPLICATION_ROLE}`);
  for (const sql of rowPolicyStatements()) await q.query(sql);
}
