/**
 * The kinds of open work a user can hold, each as a count and an UPDATE over the same
 * condition ($1 = the leaving user, $2 = the organisation, $3 = the receiving user in the
 * update). Every UPDATE returns id, young_person_id and municipality_code for the log.
 */
export interface StaffWorkKind {
  key: 'cases' | 'riskFlags' | 'referrals' | 'tasks' | 'kaaPeriods';
  subjectType: string;
  field: string;
  count: string;
  update: string;
}

// An open flag is owned by its responsible user, or by whoever raised it when none is set.
const OPEN_FLAG = `f.status IN ('OPEN','MEETING_BOOKED','PLAN_AGREED') AND f.school_organisation_id = $2
  AND coalesce(f.responsible_user_id, f.raised_by) = $1`;

export const STAFF_WORK_KINDS: StaffWorkKind[] = [
  {
    key: 'cases',
    subjectType: 'JOINT_CASE',
    field: 'leadUserId',
    count: `SELECT count(*) FROM joint_case c
             WHERE c.lead_user_id = $1 AND c.lead_organisation_id = $2 AND c.status = 'OPEN'`,
    update: `UPDATE joint_case c SET lead_user_id = $3, updated_at = app_now()
              WHERE c.lead_user_id = $1 AND c.lead_organisation_id = $2 AND c.status = 'OPEN'
              RETURNING c.id, c.young_person_id, c.municipality_code`,
  },
  {
    key: 'tasks',
    subjectType: 'CASE_TASK',
    field: 'ownerUserId',
    count: `SELECT count(*) FROM case_task t
             WHERE t.owner_user_id = $1 AND t.owner_organisation_id = $2 AND t.status = 'OPEN'`,
    update: `UPDATE case_task t SET owner_user_id = $3 FROM joint_case c
              WHERE c.id = t.case_id AND t.owner_user_id = $1 AND t.owner_organisation_id = $2
                AND t.status = 'OPEN'
              RETURNING t.id, c.young_person_id, c.municipality_code`,
  },
  {
    // Referrals name a sending user only; the receiving side is an organisation.
    key: 'referrals',
    subjectType: 'REFERRAL',
    field: 'senderUserId',
    count: `SELECT count(*) FROM referral r
             WHERE r.sender_user_id = $1 AND r.sender_organisation_id = $2 AND r.state IN ('SENT','ACCEPTED')`,
    update: `UPDATE referral r SET sender_user_id = $3, updated_at = app_now()
              WHERE r.sender_user_id = $1 AND r.sender_organisation_id = $2 AND r.state IN ('SENT','ACCEPTED')
              RETURNING r.id, r.young_person_id, r.municipality_code`,
  },
  {
    key: 'riskFlags',
    subjectType: 'RISK_FLAG',
    field: 'responsibleUserId',
    count: `SELECT count(*) FROM risk_flag f WHERE ${OPEN_FLAG}`,
    update: `UPDATE risk_flag f SET responsible_user_id = $3, updated_at = app_now() WHERE ${OPEN_FLAG}
              RETURNING f.id, f.young_person_id, f.school_municipality_code AS municipality_code`,
  },
  {
    // A register period belongs to the youth team of its municipality, the organisation's.
    key: 'kaaPeriods',
    subjectType: 'KAA_PERIOD',
    field: 'responsibleUserId',
    count: `SELECT count(*) FROM kaa_period k JOIN organisation o ON o.id = $2
             WHERE k.responsible_user_id = $1 AND k.exit_date IS NULL AND k.municipality_code = o.municipality_code`,
    update: `UPDATE kaa_period k SET responsible_user_id = $3, updated_at = app_now() FROM organisation o
              WHERE o.id = $2 AND k.responsible_user_id = $1 AND k.exit_date IS NULL
                AND k.municipality_code = o.municipality_code
              RETURNING k.id, k.young_person_id, k.municipality_code`,
  },
];
