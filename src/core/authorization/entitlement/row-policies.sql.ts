import { seesPersonRow } from './person.sql';

/**
 * Row-level security for every table that holds personal data, generated from the
 * entitlement functions (entitlement.sql.ts): a policy only names which function decides
 * its table, so the rule itself is never written twice.
 *
 * `visible` decides which rows the application role reads, updates and deletes. `insert`
 * decides what it may add; it looks only at the new row's own columns, because a function
 * reading the table would not yet see the row being inserted. An update may change a
 * visible row freely (e.g. hand a case to another organisation's lead).
 *
 * The application role (APPLICATION_ROLE) does not own the tables and has no BYPASSRLS.
 * Migrations, seeding, retention and the scheduled jobs run as the owner, whom these
 * policies do not restrict (RLS is enabled, not forced).
 */
export const APPLICATION_ROLE = 'portal_app';

interface RowPolicy {
  visible: string;
  insert?: string;
}

/**
 * `cheap OR full`, where `full` already includes `cheap`: the same rule, but a row that
 * the row's own columns decide (the organisation's own case, the youth team's resident)
 * never pays for the function's lookups. `cheap` must be an inlinable SQL function.
 */
function fastFirst(cheap: string, full: string): string {
  return `${cheap} OR ${full}`;
}

const CASE_CHILD: RowPolicy = { visible: 'authz.sees_case(case_id)' };

export const ROW_POLICIES: Record<string, RowPolicy> = {
  young_person: {
    visible: seesPersonRow('young_person.id', 'home_municipality_code'),
    insert: 'authz.case_worker()',
  },
  // Guardians' names go with the person; their contact details are masked like the person's.
  guardian: { visible: 'authz.sees_person(young_person_id)' },
  schooling: { visible: 'authz.sees_schooling(school_organisation_id, young_person_id)' },

  kaa_period: { visible: 'authz.youth_team_of(municipality_code)' },
  // youth_team_of(municipality_code), as kaa_period, in a form decided once per statement
  // (an index condition and an init plan): the work list counts the whole municipality.
  work_list_entry: {
    visible:
      'municipality_code = authz.municipality_code() AND (SELECT authz.youth_team_of(authz.municipality_code()))',
  },
  occupation: { visible: 'authz.youth_team_of(municipality_code)' },
  kaa_measure: { visible: 'authz.youth_team_of(municipality_code)' },
  kaa_plan: { visible: 'authz.youth_team_of(municipality_code)' },
  kaa_plan_version: { visible: 'authz.sees_kaa_plan(plan_id)' },
  kaa_plan_responsibility: { visible: 'authz.sees_kaa_plan_version(plan_version_id)' },
  kaa_closure: { visible: 'authz.youth_team_of(municipality_code)' },
  contact_attempt: { visible: 'authz.youth_team_of(municipality_code)' },
  home_visit: { visible: 'authz.youth_team_of(municipality_code)' },
  // A reconciliation source names no person, but what a municipality was sent is its own.
  register_source: { visible: 'authz.youth_team_of(municipality_code)' },
  // Professional and network meetings name no young person either; they are the youth team's work.
  network_meeting: { visible: 'authz.youth_team_of(municipality_code)' },

  risk_flag: { visible: 'authz.sees_risk_flag(school_organisation_id, young_person_id)' },
  preventive_meeting: { visible: 'authz.sees_risk_flag_id(risk_flag_id)' },
  school_notice: { visible: 'authz.sees_notice(school_organisation_id, home_municipality_code)' },

  joint_case: {
    visible: fastFirst(
      'authz.own_organisation(lead_organisation_id)',
      '(authz.case_access(id, lead_organisation_id, young_person_id)).visible',
    ),
    insert: 'authz.own_organisation(lead_organisation_id)',
  },
  case_participant: CASE_CHILD,
  case_note: CASE_CHILD,
  case_goal: CASE_CHILD,
  case_meeting: CASE_CHILD,
  case_task: CASE_CHILD,
  case_meeting_participant: {
    visible: 'authz.sees_case((SELECT m.case_id FROM case_meeting m WHERE m.id = meeting_id))',
  },

  referral: {
    visible:
      'authz.sees_referral(sender_organisation_id, receiver_organisation_id, young_person_id, case_id)',
    insert: 'authz.own_organisation(sender_organisation_id)',
  },
  referral_section: {
    visible:
      'authz.sees_referral_section(sender_organisation_id, receiver_organisation_id, young_person_id, category)',
    insert: 'authz.own_organisation(sender_organisation_id)',
  },
  referral_transition: { visible: 'authz.sees_referral_id(referral_id)' },

  concern_report: {
    visible: 'authz.sees_concern_report(sender_organisation_id, receiver_organisation_ids)',
    insert: 'authz.own_organisation(sender_organisation_id)',
  },
  consent: {
    visible: fastFirst(
      'authz.own_organisation(documented_by_organisation_id)',
      'authz.sees_consent(id, documented_by_organisation_id, young_person_id)',
    ),
    insert: 'authz.own_organisation(documented_by_organisation_id)',
  },
  consent_recipient: { visible: 'authz.sees_consent_id(consent_id)' },
  // The signed document goes with the consent: whoever may not see it cannot tell it exists.
  consent_document: { visible: 'authz.sees_consent_id(consent_id)' },

  // Only the youth team that may merge sees the link: telling the creating organisation
  // that its record duplicates someone would be the existence oracle again.
  possible_duplicate: {
    visible: 'authz.youth_team_of(municipality_code)',
    insert: 'authz.case_worker()',
  },

  emergency_access: {
    visible: 'authz.sees_emergency_opening(user_id, municipality_code, opener_municipality_code)',
    insert: 'user_id = authz.user_id()',
  },
};

/**
 * The statements that (re)create the policies of `tables` (default: all); safe to run
 * again. A migration installs the tables that exist at its point in the history.
 */
export function rowPolicyStatements(tables = Object.keys(ROW_POLICIES)): string[] {
  const role = APPLICATION_ROLE;
  return tables
    .map((t) => [t, ROW_POLICIES[t]] as const)
    .flatMap(([table, p]) => [
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
      `DROP POLICY IF EXISTS entitled_read ON ${table}`,
      `DROP POLICY IF EXISTS entitled_insert ON ${table}`,
      `DROP POLICY IF EXISTS entitled_update ON ${table}`,
      `DROP POLICY IF EXISTS entitled_delete ON ${table}`,
      `CREATE POLICY entitled_read ON ${table} FOR SELECT TO ${role} USING (${p.visible})`,
      `CREATE POLICY entitled_insert ON ${table} FOR INSERT TO ${role} WITH CHECK (${p.insert ?? p.visible})`,
      `CREATE POLICY entitled_update ON ${table} FOR UPDATE TO ${role} USING (${p.visible}) WITH CHECK (true)`,
      `CREATE POLICY entitled_delete ON ${table} FOR DELETE TO ${role} USING (${p.visible})`,
    ]);
}
