import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * Row-level security on possible_duplicate (created after the authorization model was
 * installed): only the youth team that may merge sees a link. Reinstalls the entitlement
 * functions and every table's policies from src/core/authorization/entitlement.
 */
export class PossibleDuplicateRls1764730100000 implements MigrationInterface {
  name = 'PossibleDuplicateRls1764730100000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const p of ['read', 'insert', 'update', 'delete'])
      await q.query(`DROP POLICY IF EXISTS entitled_${p} ON possible_duplicate`);
    await q.query(`ALTER TABLE possible_duplicate DISABLE ROW LEVEL SECURITY`);
  }
}
