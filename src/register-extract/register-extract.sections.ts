/**
 * Every table that holds data about a young person, as one SQL statement each ($1 = the
 * young person's id). The extract runs a fixed number of statements whatever the person's
 * history holds. Rows keep their ids so related rows (a plan's versions, a case's notes)
 * can be matched by the reader. Add a section here when a new table holds personal data.
 */
export interface ExtractSection {
  name: string;
  sql: string;
}

const byPerson = (table: string, order: string): string =>
  `SELECT t.* FROM ${table} t WHERE t.young_person_id = $1 ORDER BY ${order}`;

/** Rows of the young person's cases, reached through joint_case. */
const byCase = (table: string, order: string): string =>
  `SELECT t.* FROM ${table} t JOIN joint_case c ON c.id = t.case_id
    WHERE c.young_person_id = $1 ORDER BY ${order}`;

export const EXTRACT_SECTIONS: ExtractSection[] = [
  { name: 'guardians', sql: byPerson('guardian', 't.created_at, t.id') },
  { name: 'schooling', sql: byPerson('schooling', 't.start_date, t.id') },
  { name: 'kaaPeriods', sql: byPerson('kaa_period', 't.entry_date, t.id') },
  { name: 'occupations', sql: byPerson('occupation', 't.valid_from, t.recorded_at, t.id') },
  { name: 'measures', sql: byPerson('kaa_measure', 't.offered_on, t.id') },
  { name: 'plans', sql: byPerson('kaa_plan', 't.created_at, t.id') },
  {
    name: 'planVersions',
    sql: `SELECT v.* FROM kaa_plan_version v JOIN kaa_plan p ON p.id = v.plan_id
           WHERE p.young_person_id = $1 ORDER BY v.plan_id, v.version`,
  },
  {
    name: 'planResponsibilities',
    sql: `SELECT r.* FROM kaa_plan_responsibility r
            JOIN kaa_plan_version v ON v.id = r.plan_version_id
            JOIN kaa_plan p ON p.id = v.plan_id
           WHERE p.young_person_id = $1 ORDER BY r.plan_version_id, r.position`,
  },
  { name: 'closures', sql: byPerson('kaa_closure', 't.closed_on, t.id') },
  { name: 'contactAttempts', sql: byPerson('contact_attempt', 't.occurred_at, t.id') },
  { name: 'homeVisits', sql: byPerson('home_visit', 't.planned_at, t.id') },
  // The work list's stored priority per register period: derived, but about the person.
  { name: 'workListEntries', sql: byPerson('work_list_entry', 't.entry_date, t.kaa_period_id') },
  { name: 'riskFlags', sql: byPerson('risk_flag', 't.created_at, t.id') },
  {
    name: 'preventiveMeetings',
    sql: `SELECT m.* FROM preventive_meeting m JOIN risk_flag f ON f.id = m.risk_flag_id
           WHERE f.young_person_id = $1 ORDER BY m.meeting_at, m.id`,
  },
  { name: 'notices', sql: byPerson('school_notice', 't.sent_at, t.id') },
  {
    // Withdrawal columns are part of the row; recipients are folded in as an id list.
    name: 'consents',
    sql: `SELECT t.*, ARRAY(SELECT r.organisation_id FROM consent_recipient r
                            WHERE r.consent_id = t.id ORDER BY r.organisation_id) AS recipient_organisation_ids
            FROM consent t WHERE t.young_person_id = $1 ORDER BY t.valid_from, t.id`,
  },
  {
    // The signed documents: what is held, its type, size and checksum (the file itself is
    // handed out through GET /consents/:id/document).
    name: 'consentDocuments',
    sql: `SELECT t.id, t.consent_id, t.content_type, t.byte_size, t.sha256, t.uploaded_by_user_id,
                 t.uploaded_by_organisation_id, t.uploaded_at
            FROM consent_document t WHERE t.young_person_id = $1 ORDER BY t.uploaded_at, t.id`,
  },
  { name: 'cases', sql: byPerson('joint_case', 't.created_at, t.id') },
  { name: 'caseParticipants', sql: byCase('case_participant', 't.case_id, t.added_at') },
  // Every version of every note, superseded ones included.
  { name: 'caseNotes', sql: byCase('case_note', 't.root_note_id, t.version') },
  {
    name: 'caseMeetings',
    sql: `SELECT t.*, ARRAY(SELECT p.organisation_id FROM case_meeting_participant p
                            WHERE p.meeting_id = t.id ORDER BY p.organisation_id) AS participant_organisation_ids
            FROM case_meeting t JOIN joint_case c ON c.id = t.case_id
           WHERE c.young_person_id = $1 ORDER BY t.scheduled_at, t.id`,
  },
  { name: 'caseGoals', sql: byCase('case_goal', 't.target_date, t.id') },
  { name: 'caseTasks', sql: byCase('case_task', 't.due_date, t.id') },
  { name: 'referrals', sql: byPerson('referral', 't.created_at, t.id') },
  { name: 'referralSections', sql: byPerson('referral_section', 't.referral_id, t.category') },
  {
    name: 'referralTransitions',
    sql: `SELECT t.* FROM referral_transition t JOIN referral r ON r.id = t.referral_id
           WHERE r.young_person_id = $1 ORDER BY t.referral_id, t.at, t.id`,
  },
  { name: 'concernReports', sql: byPerson('concern_report', 't.created_at, t.id') },
  { name: 'emergencyAccesses', sql: byPerson('emergency_access', 't.opened_at, t.id') },
  // Notifications carry no content, only the id of a record about the person; the
  // database links each to that person when it is written.
  { name: 'notifications', sql: byPerson('notification', 't.created_at, t.id') },
  {
    // Who has accessed the person's data (GDPR art. 15(1)(c)). The chain columns are left
    // out, and so are the ids of other young people read in the same operation (a search).
    name: 'accessLog',
    sql: `SELECT l.id, l.occurred_at, l.request_id, l.actor_user_id, l.actor_organisation_id,
                 o.name AS actor_organisation_name, l.actor_municipality_code,
                 l.subject_municipality_code, l.action, l.subject_type,
                 ARRAY(SELECT s FROM unnest(l.subject_ids) s
                        WHERE s = $1 OR NOT s = ANY(l.young_person_ids)) AS subject_ids,
                 l.fields, l.legal_basis, l.consent_ids
            FROM access_log l LEFT JOIN organisation o ON o.id = l.actor_organisation_id
           WHERE l.young_person_ids @> ARRAY[$1]::uuid[] ORDER BY l.id`,
  },
];
