import { hashPassword } from '../auth/password';
import { DEMO_CASES } from './cases.demo';
import type { DemoStep } from './demo-seed';
import { DEMO_PASSWORD } from './demo-users';
import { DEMO_YOUNG_PEOPLE } from './young-people.demo';

/** Records the examples in docs/readme/data-protection.md refer to. */
export const DEMO_DATA_PROTECTION = {
  /** A youth coordinator going on leave, with an open case and task of her own. */
  onLeaveUserId: '00000000-0000-4000-8000-0d0000000900',
  /** The colleague who takes the work over. */
  coverUserId: '00000000-0000-4000-8000-0d0000000901',
  onLeaveCaseId: '00000000-0000-4000-8000-0d0000000910',
  onLeaveTaskId: '00000000-0000-4000-8000-0d0000000911',
  /** Alex: the young person whose register extract the README example produces. */
  extractYoungPersonId: DEMO_CASES.alexId,
};

const D = DEMO_DATA_PROTECTION;

/**
 * Staff-leave demo users and their work, and one unusual read for the auditor's list: the
 * association TFF opening Ida's record although it has no case, consent or referral for her.
 */
export const dataProtectionDemoStep: DemoStep = {
  name: 'data-protection',
  async run(em) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users: [string, string, string][] = [
      [D.onLeaveUserId, 'on-leave@trelleborg.demo', 'Maja Nord'],
      [D.coverUserId, 'cover@trelleborg.demo', 'Ali Sand'],
    ];
    for (const [id, email, name] of users)
      await em.query(
        `INSERT INTO app_user (id, organisation_id, municipality_code, email, display_name, roles, password_hash)
         SELECT $1, organisation_id, municipality_code, $2, $3, ARRAY['YOUTH_COORDINATOR'], $4
           FROM app_user WHERE email = 'coordinator@trelleborg.demo'
         ON CONFLICT DO NOTHING`,
        [id, email, name, passwordHash],
      );
    const [youth] = await em.query(
      `SELECT organisation_id FROM app_user WHERE email = 'coordinator@trelleborg.demo'`,
    );
    const ida = DEMO_YOUNG_PEOPLE.unknownId;
    await em.query(
      `INSERT INTO joint_case (id, young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
       VALUES ($1, $2, '1287', $3, $4, 'Kartläggning och första kontakt', $4) ON CONFLICT DO NOTHING`,
      [D.onLeaveCaseId, ida, youth.organisation_id, D.onLeaveUserId],
    );
    await em.query(
      `INSERT INTO case_participant (case_id, organisation_id, role, added_by)
       VALUES ($1, $2, 'LEAD', $3) ON CONFLICT DO NOTHING`,
      [D.onLeaveCaseId, youth.organisation_id, D.onLeaveUserId],
    );
    await em.query(
      `INSERT INTO case_task (id, case_id, title, owner_organisation_id, owner_user_id, due_date, created_by)
       VALUES ($1, $2, 'Boka hembesök', $3, $4, current_date + 5, $4) ON CONFLICT DO NOTHING`,
      [D.onLeaveTaskId, D.onLeaveCaseId, youth.organisation_id, D.onLeaveUserId],
    );
    // An access-log row as the API would have written it for the association's read.
    await em.query(
      `INSERT INTO access_log (occurred_at, actor_user_id, actor_organisation_id, actor_municipality_code,
          subject_municipality_code, action, subject_type, subject_ids, young_person_ids, fields, legal_basis)
       SELECT now() - interval '2 days', u.id, u.organisation_id, u.municipality_code, '1287', 'READ',
              'YOUNG_PERSON', ARRAY[$1]::uuid[], ARRAY[$1]::uuid[], ARRAY['givenName','familyName','phone'], 'CONSENT'
         FROM app_user u WHERE u.email = 'association@trelleborg.demo'`,
      [ida],
    );
  },
};
