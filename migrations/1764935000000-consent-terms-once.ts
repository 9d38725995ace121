import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * A consent's sufficiency for the person's age (DESIGN §6) is judged from the person's
 * terms (age today, the home municipality's policy), read once per person in the same
 * statement as their consents: authz.consent_grant no longer calls consent_suffices, a
 * lookup of its own, once per consent of every row of a list. "In force" is one SQL
 * expression (authz.in_force) shared by the consent_in_force view and consent_grant.
 * Same rules; reinstalls the functions and the policies.
 */
export class ConsentTermsOnce1764935000000 implements MigrationInterface {
  name = 'ConsentTermsOnce1764935000000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
    await q.query(`DROP FUNCTION IF EXISTS authz.consent_suffices(text[], uuid)`);
  }

  // The new functions decide as the old ones did; only their cost differs.
  async down(): Promise<void> {}
}
