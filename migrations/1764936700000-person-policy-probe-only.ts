import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * The young_person row policy's EXISTS is planned as a per-row probe only (OFFSET 0), not
 * also as a hashed subplan over every relation of the actor: the same rule, about a third
 * less planning for each statement that reads young_person. Reinstalls the policies.
 */
export class PersonPolicyProbeOnly1764936700000 implements MigrationInterface {
  name = 'PersonPolicyProbeOnly1764936700000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  // Same decisions; only the plan differs.
  async down(): Promise<void> {}
}
