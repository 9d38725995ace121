import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * Referrals, concern reports and emergency access decided in SQL
 * (src/core/authorization/entitlement/referrals.sql.ts): authz.referral_access (party,
 * legal basis, consent ids), the receiver's sections by its consents (associations
 * included), authz.referral_consents, authz.join_case_of_accepted_referral,
 * authz.concern_report_basis, authz.emergency_target, authz.emergency_opening_basis and
 * authz.reviews_emergency_opening. Re-installs the entitlement functions and policies on a
 * database migrated before them.
 */
export class ReferralEntitlement1764730000000 implements MigrationInterface {
  name = 'ReferralEntitlement1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  // The functions replaced in place keep their new definitions; the down of
  // 1764700100000 drops the whole authz schema.
  async down(): Promise<void> {}
}
