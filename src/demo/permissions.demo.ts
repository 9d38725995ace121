import { hashPassword } from '../auth/password';
import type { DemoStep } from './demo-seed';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-users';

/** Records the README's directory and permission examples name. */
export const DEMO_PERMISSIONS = {
  /** Socialjouren: the on-call social worker the README gives PROTECTED_IDENTITY. */
  onCallUserId: '00000000-0000-4000-8000-128700000101',
  /** The on-call social worker's EMERGENCY_ACCESS for this week, which the README revokes. */
  onCallEmergencyGrantId: '00000000-0000-4000-8000-128700000102',
};

/** Functional contact points of the demo organisations (switchboards and shared mailboxes). */
const CONTACT_POINTS: Record<string, string> = {
  'tbg-youth': 'ungdomsteamet@trelleborg.demo, 0410-73 30 00',
  'tbg-school': 'expedition@soderslatt.demo',
  'tbg-social': 'socialtjanst@trelleborg.demo, 0410-73 30 00',
  'tbg-af': 'Kundtjänst 0771-416 416',
  'tbg-tff': 'kansliet@tff.demo',
  'tbg-clinic': 'ungdomsmottagningen@trelleborg.demo',
  'mmo-youth': 'kaa@malmo.demo, 040-34 10 00',
  'mmo-school': 'borgarskolan@malmo.demo',
};

/**
 * The directory's contact points; the social worker's emergency permission recorded as a
 * grant with a reason and an end date; and an on-call social worker with this week's
 * emergency permission.
 */
export const permissionsDemoStep: DemoStep = {
  name: 'permissions',
  async run(em) {
    for (const o of DEMO_ORGANISATIONS) {
      const contact = CONTACT_POINTS[o.key];
      if (contact)
        await em.query(`UPDATE organisation SET contact_point = $2 WHERE id = $1`, [o.id, contact]);
    }
    const social = DEMO_ORGANISATIONS.find((o) => o.key === 'tbg-social')!;
    await em.query(
      `INSERT INTO app_user (id, organisation_id, municipality_code, email, display_name, roles, password_hash)
       VALUES ($1, $2, '1287', 'oncall@trelleborg.demo', 'Jour Socialsekreterare', '{SOCIAL_WORKER}', $3)
       ON CONFLICT DO NOTHING`,
      [DEMO_PERMISSIONS.onCallUserId, social.id, await hashPassword(DEMO_PASSWORD)],
    );
    // The cases step set the permission on the user row (a grant without an end date):
    // record it as the admin would have granted it.
    await em.query(
      `UPDATE permission_grant g
          SET reason = 'Handlägger akuta ärenden kvällstid', ends_on = app_today() + 180,
              granted_by_user_id = (SELECT id FROM app_user WHERE email = 'admin@trelleborg.demo')
        WHERE g.permission = 'EMERGENCY_ACCESS' AND g.revoked_at IS NULL
          AND g.user_id = (SELECT id FROM app_user WHERE email = 'social@trelleborg.demo')`,
    );
    await em.query(
      `INSERT INTO permission_grant (id, user_id, municipality_code, permission, reason, ends_on, granted_by_user_id)
       SELECT $1, $2, '1287', 'EMERGENCY_ACCESS', 'Jourvecka', app_today() + 6, id
         FROM app_user WHERE email = 'admin@trelleborg.demo'
       ON CONFLICT DO NOTHING`,
      [DEMO_PERMISSIONS.onCallEmergencyGrantId, DEMO_PERMISSIONS.onCallUserId],
    );
    await em.query(`UPDATE app_user SET permissions = '{EMERGENCY_ACCESS}' WHERE id = $1`, [
      DEMO_PERMISSIONS.onCallUserId,
    ]);
  },
};
