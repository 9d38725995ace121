import { hashPassword } from '../auth/password';
import { queryRows } from '../core/database/query-rows';
import type { DemoStep } from './demo-seed';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo-users';

/** Records the admin's examples name. */
export const DEMO_STAFF_LEAVE = {
  /** Maja Nordin, a coordinator of the Trelleborg youth team going on parental leave. */
  leaverUserId: '00000000-0000-4000-8000-128700000111',
  leaverEmail: 'onleave@trelleborg.demo',
};

/**
 * Work for the admins' staff-leave screen: a coordinator of the youth team who is going
 * on leave leads half of the report year's open cases (with their open referrals and a
 * task in each) and is responsible for those young people's open register periods, so the
 * preview and the move to Karin Holm have something to show. Nothing new is counted in the monthly
 * figures: only who is responsible changes.
 */
export const staffLeaveDemoStep: DemoStep = {
  name: 'staff-leave',
  async run(em) {
    const youth = DEMO_ORGANISATIONS.find((o) => o.key === 'tbg-youth')!;
    const leaver = DEMO_STAFF_LEAVE.leaverUserId;
    await em.query(
      `INSERT INTO app_user (id, organisation_id, municipality_code, email, display_name, roles, password_hash)
       VALUES ($1, $2, '1287', $3, 'Maja Nordin', '{YOUTH_COORDINATOR}', $4) ON CONFLICT DO NOTHING`,
      [leaver, youth.id, DEMO_STAFF_LEAVE.leaverEmail, await hashPassword(DEMO_PASSWORD)],
    );
    // Every other open case of the report year ("Väg till arbete", led by the coordinator),
    // and the open register periods of those young people.
    const cases = await queryRows<{ id: string }>(
      em,
      `WITH picked AS (
         SELECT c.id, row_number() OVER (ORDER BY c.created_at, c.id) AS k FROM joint_case c
           JOIN app_user u ON u.id = c.lead_user_id AND u.email = 'coordinator@trelleborg.demo'
          WHERE c.municipality_code = '1287' AND c.status = 'OPEN' AND c.title = 'Väg till arbete')
       UPDATE joint_case c SET lead_user_id = $1 FROM picked p WHERE p.id = c.id AND p.k % 2 = 0
       RETURNING c.id`,
      [leaver],
    );
    await em.query(
      `UPDATE kaa_period k SET responsible_user_id = $2 FROM joint_case c
        WHERE c.id = ANY($1) AND k.young_person_id = c.young_person_id
          AND k.municipality_code = '1287' AND k.exit_date IS NULL`,
      [cases.map((c) => c.id), leaver],
    );
    const ids = cases.map((c) => c.id);
    await em.query(
      `UPDATE referral SET sender_user_id = $2
        WHERE case_id = ANY($1) AND state IN ('SENT','ACCEPTED') AND sender_organisation_id = $3`,
      [ids, leaver, youth.id],
    );
    await em.query(
      `INSERT INTO case_task (case_id, title, owner_organisation_id, owner_user_id, due_date)
       SELECT id, 'Uppföljningssamtal med den unge', $2, $3, app_today() + 21 FROM unnest($1::uuid[]) AS c(id)`,
      [ids, youth.id, leaver],
    );
  },
};
