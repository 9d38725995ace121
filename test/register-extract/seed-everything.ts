import { TestApp } from '../support/test-app';

export interface SeedActors {
  youngPersonId: string;
  municipalityCode: string;
  youthOrgId: string;
  youthUserId: string;
  schoolOrgId: string;
  schoolUserId: string;
  socialOrgId: string;
  socialUserId: string;
}

/** Ids of one record of every kind the portal holds about a young person. */
export type SeededIds = Record<string, string>;

/** Inserts one record of every kind about the person, straight into the tables. */
export async function seedEverything(t: TestApp, a: SeedActors): Promise<SeededIds> {
  const one = async (sql: string, params: unknown[]): Promise<string> =>
    (await t.db.query(sql, params)).rows[0].id;
  const yp = a.youngPersonId;
  const m = a.municipalityCode;
  const ids: SeededIds = {};
  ids.guardian = await one(
    `INSERT INTO guardian (young_person_id, name, phone, email, street_address)
     VALUES ($1, 'Guardian One', '0701111111', 'g@example.se', 'Storgatan 1') RETURNING id`,
    [yp],
  );
  ids.schooling = await one(
    `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code, programme_type, start_date, end_date, status)
     VALUES ($1, $2, 'Gymnasiet', 'NA', 'NATIONAL', '2024-08-20', '2025-02-01', 'INTERRUPTED') RETURNING id`,
    [yp, a.schoolOrgId],
  );
  ids.kaaPeriod = await one(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id, created_by)
     VALUES ($1, $2, '2025-02-02', 'INTERRUPTED_STUDIES', $3, $3) RETURNING id`,
    [yp, m, a.youthUserId],
  );
  ids.occupation = await one(
    `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_by)
     VALUES ($1, $2, 'NOTHING', '2025-02-02', 'YOUNG_PERSON', $3) RETURNING id`,
    [yp, m, a.youthUserId],
  );
  ids.plan = await one(
    `INSERT INTO kaa_plan (young_person_id, municipality_code, kaa_period_id, created_by)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [yp, m, ids.kaaPeriod, a.youthUserId],
  );
  ids.planVersion1 = await one(
    `INSERT INTO kaa_plan_version (plan_id, version, goal, created_by) VALUES ($1, 1, 'Goal one', $2) RETURNING id`,
    [ids.plan, a.youthUserId],
  );
  ids.planVersion2 = await one(
    `INSERT INTO kaa_plan_version (plan_id, version, goal, revision_reason, created_by)
     VALUES ($1, 2, 'Goal two', 'Revised', $2) RETURNING id`,
    [ids.plan, a.youthUserId],
  );
  ids.planResponsibility = await one(
    `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, task)
     VALUES ($1, 0, 'YOUNG_PERSON', 'Attend coaching') RETURNING id`,
    [ids.planVersion2],
  );
  ids.measure = await one(
    `INSERT INTO kaa_measure (young_person_id, municipality_code, kaa_period_id, plan_id, type, provider, offered_on, status)
     VALUES ($1, $2, $3, $4, 'COACHING', 'Youth team', '2025-02-10', 'OFFERED') RETURNING id`,
    [yp, m, ids.kaaPeriod, ids.plan],
  );
  ids.closure = await one(
    `INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, kind, closed_on, programme, recorded_by)
     VALUES ($1, $2, $3, 'STUDIES', '2025-06-01', 'Vård och omsorg', $4) RETURNING id`,
    [yp, m, ids.kaaPeriod, a.youthUserId],
  );
  ids.contactAttempt = await one(
    `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
     VALUES ($1, $2, 'PHONE', 'OUTBOUND', app_now() - interval '3 days', $3, 'REACHED') RETURNING id`,
    [yp, m, a.youthUserId],
  );
  ids.riskFlag = await one(
    `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators, severity, raised_by)
     VALUES ($1, $2, $3, ARRAY['WELLBEING'], 'MEDIUM', $4) RETURNING id`,
    [yp, a.schoolOrgId, m, a.schoolUserId],
  );
  ids.preventiveMeeting = await one(
    `INSERT INTO preventive_meeting (risk_flag_id, meeting_at, participants, booked_by)
     VALUES ($1, app_now() + interval '2 days', ARRAY['Mentor'], $2) RETURNING id`,
    [ids.riskFlag, a.schoolUserId],
  );
  ids.notice = await one(
    `INSERT INTO school_notice (young_person_id, school_organisation_id, school_municipality_code, home_municipality_code,
        kind, last_attendance_date, reason_category, left_with_plan, sent_by)
     VALUES ($1, $2, $3, $3, 'DROPPED_OUT', '2025-01-31', 'UNKNOWN', false, $4) RETURNING id`,
    [yp, a.schoolOrgId, m, a.schoolUserId],
  );
  ids.consent = await one(
    `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
        documented_by_organisation_id, purpose, categories, valid_from, valid_until,
        withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id)
     VALUES ($1, $2, ARRAY['YOUNG_PERSON'], 'WRITTEN', $3, $4, 'Samverkan', ARRAY['SOCIAL'],
        app_now() - interval '10 days', app_now() + interval '300 days', app_now() - interval '1 day', 'YOUNG_PERSON', $3)
     RETURNING id`,
    [yp, m, a.youthUserId, a.youthOrgId],
  );
  await t.db.query(`INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`, [
    ids.consent,
    a.socialOrgId,
  ]);
  ids.case = await one(
    `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
     VALUES ($1, $2, $3, $4, 'Samverkan', $4) RETURNING id`,
    [yp, m, a.youthOrgId, a.youthUserId],
  );
  await t.db.query(
    `INSERT INTO case_participant (case_id, organisation_id, role) VALUES ($1, $2, 'LEAD'), ($1, $3, 'PARTICIPANT')`,
    [ids.case, a.youthOrgId, a.socialOrgId],
  );
  ids.noteV1 = await one(
    `INSERT INTO case_note (case_id, root_note_id, version, author_organisation_id, author_user_id, category, body)
     VALUES ($1, gen_random_uuid(), 1, $2, $3, 'SOCIAL', 'First text') RETURNING id`,
    [ids.case, a.youthOrgId, a.youthUserId],
  );
  await t.db.query(`UPDATE case_note SET superseded = true WHERE id = $1`, [ids.noteV1]);
  ids.noteV2 = await one(
    `INSERT INTO case_note (case_id, root_note_id, version, previous_version_id, author_organisation_id, author_user_id, category, body)
     SELECT case_id, root_note_id, 2, id, author_organisation_id, author_user_id, category, 'Corrected text'
       FROM case_note WHERE id = $1 RETURNING id`,
    [ids.noteV1],
  );
  ids.caseMeeting = await one(
    `INSERT INTO case_meeting (case_id, kind, scheduled_at, created_by) VALUES ($1, 'SIP', app_now() + interval '5 days', $2) RETURNING id`,
    [ids.case, a.youthUserId],
  );
  await t.db.query(
    `INSERT INTO case_meeting_participant (meeting_id, organisation_id) VALUES ($1, $2)`,
    [ids.caseMeeting, a.socialOrgId],
  );
  ids.caseGoal = await one(
    `INSERT INTO case_goal (case_id, description, target_date, responsible, created_by)
     VALUES ($1, 'Start studies', '2026-08-15', 'YOUNG_PERSON', $2) RETURNING id`,
    [ids.case, a.youthUserId],
  );
  ids.caseTask = await one(
    `INSERT INTO case_task (case_id, title, owner_organisation_id, owner_user_id, due_date, created_by)
     VALUES ($1, 'Call the school', $2, $3, app_today() + 7, $3) RETURNING id`,
    [ids.case, a.youthOrgId, a.youthUserId],
  );
  ids.referral = await one(
    `INSERT INTO referral (case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id,
        receiver_organisation_id, purpose, shared_categories, response_due_date)
     VALUES ($1, $2, $3, $4, $5, $6, 'SOCIAL_SUPPORT', ARRAY['SOCIAL'], app_today() + 14) RETURNING id`,
    [ids.case, yp, m, a.youthOrgId, a.youthUserId, a.socialOrgId],
  );
  ids.referralSection = await one(
    `INSERT INTO referral_section (referral_id, young_person_id, sender_organisation_id, receiver_organisation_id, category, body)
     VALUES ($1, $2, $3, $4, 'SOCIAL', 'Needs support') RETURNING id`,
    [ids.referral, yp, a.youthOrgId, a.socialOrgId],
  );
  ids.referralTransition = await one(
    `INSERT INTO referral_transition (referral_id, from_state, to_state, by_user_id, by_organisation_id)
     VALUES ($1, NULL, 'SENT', $2, $3) RETURNING id`,
    [ids.referral, a.youthUserId, a.youthOrgId],
  );
  ids.concernReport = await one(
    `INSERT INTO concern_report (young_person_id, municipality_code, sender_organisation_id, sender_user_id,
        receiver_organisation_ids, description)
     VALUES ($1, $2, $3, $4, ARRAY[$5]::uuid[], 'Concern') RETURNING id`,
    [yp, m, a.schoolOrgId, a.schoolUserId, a.socialOrgId],
  );
  ids.emergencyAccess = await one(
    `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, municipality_code, reason, expires_at)
     VALUES ($1, $2, $3, $4, 'Acute situation needing the contact details', app_now() + interval '4 hours') RETURNING id`,
    [a.socialUserId, a.socialOrgId, yp, m],
  );
  ids.notification = await one(
    `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind, subject_type, subject_id)
     VALUES ($1, $2, 'REFERRAL_RECEIVED', 'REFERRAL', $3) RETURNING id`,
    [a.socialUserId, a.socialOrgId, ids.referral],
  );
  return ids;
}
