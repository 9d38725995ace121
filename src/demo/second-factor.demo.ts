import { recoveryCodeHash } from '../auth/second-factor/second-factor.service';
import { seal } from '../core/crypto/sealed-secret';
import type { DemoStep } from './demo-seed';
import { DEMO_PERMISSIONS } from './permissions.demo';

/**
 * The on-call social worker (EMERGENCY_ACCESS this week) signs in with a second factor: a
 * published TOTP secret (any authenticator app takes it) and published recovery codes,
 * as published as the demo password, and like it never in production.
 */
export const DEMO_SECOND_FACTOR = {
  email: 'oncall@trelleborg.demo',
  totpSecret: 'KVXGOZDPNVZXA33SORQWYZLOFVSGK3LP',
  recoveryCodes: ['jour1-2026a', 'jour2-2026b', 'jour3-2026c'],
};

export const secondFactorDemoStep: DemoStep = {
  name: 'second-factor',
  async run(em, _clock, secretsKey) {
    await em.query(
      `INSERT INTO user_totp (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, app_now())
       ON CONFLICT DO NOTHING`,
      [DEMO_PERMISSIONS.onCallUserId, seal(secretsKey, DEMO_SECOND_FACTOR.totpSecret)],
    );
    await em.query(
      `INSERT INTO user_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])
       ON CONFLICT DO NOTHING`,
      [DEMO_PERMISSIONS.onCallUserId, DEMO_SECOND_FACTOR.recoveryCodes.map(recoveryCodeHash)],
    );
  },
};
