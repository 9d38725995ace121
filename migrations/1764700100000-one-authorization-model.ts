import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';
import { ROW_POLICIES } from '../src/core/authorization/entitlement/row-policies.sql';

/**
 * One authorization model: the entitlement functions of DESIGN.md §6a and the row-level
 * security generated from them (src/core/authorization/entitlement/).
 */
export class OneAuthorizationModel1764700100000 implements MigrationInterface {
  name = 'OneAuthorizationModel1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(ROW_POLICIES)) {
      for (const p of ['read', 'insert', 'update', 'delete'])
        await q.query(`DROP POLICY IF EXISTS entitled_${p} ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP SCHEMA authz CASCADE`);
  }
}
