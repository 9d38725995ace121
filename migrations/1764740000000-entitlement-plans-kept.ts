import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * The entitlement functions that read other tables as owner become PL/pgSQL, whose plans
 * PostgreSQL keeps for the session: as SQL functions they were planned afresh each time
 * another function called them, i.e. for every row of a list (about 3 ms per case row).
 * Same rules; reinstalls the functions and every table's policies.
 */
export class EntitlementPlansKept1764740000000 implements MigrationInterface {
  name = 'EntitlementPlansKept1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  // The functions keep their signatures; the rules are the same either way.
  async down(): Promise<void> {}
}
