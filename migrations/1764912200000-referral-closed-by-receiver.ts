import { MigrationInterface, QueryRunner } from 'typeorm';
import { installEntitlement } from '../src/core/authorization/entitlement/install-entitlement';

/**
 * A referral's receiver that lost its consent still declines or completes it, without seeing
 * it (authz.received_referral, authz.close_received_referral). Reinstalls the entitlement
 * functions and every table's policies from src/core/authorization/entitlement.
 */
export class ReferralClosedByReceiver1764912200000 implements MigrationInterface {
  name = 'ReferralClosedByReceiver1764912200000';

  async up(q: QueryRunner): Promise<void> {
    await installEntitlement(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS authz.close_received_referral(uuid, text, text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS authz.received_referral(uuid)`);
  }
}
