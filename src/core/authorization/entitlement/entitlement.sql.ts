/**
 * Who sees what (DESIGN.md §6a), decided once, in SQL, from relations.
 *
 * Every rule is a predicate on the row: an EXISTS over the consents in force and their
 * recipients, case participation, current enrolment, concern reports received, the
 * actor's active emergency openings, or the statutory youth team of the row's home
 * municipality. The actor is read from the request transaction's settings (see
 * request-transaction.ts), so nothing is loaded per request and no id list grows with an
 * organisation's history.
 *
 * The row-level security policies (row-policies.sql.ts) and the services' field-level
 * decisions (contact or not, which categories of a note or referral, the legal basis to
 * log) all call these functions: there is no second copy of a rule.
 *
 * The actor's relations to people are views owned by the tables' owner
 * (relations.sql.ts: authz.actor_consent, actor_person_relation, actor_person_basis): they
 * read the tables as owner, so the young_person policy is an EXISTS over them that
 * PostgreSQL plans into the statement, and authz.person_row_access is plain SQL inlined
 * where a list joins it. The other functions that read tables are SECURITY DEFINER (they
 * run as the owner): a policy on young_person that read consent through consent's own
 * policy, which reads young_person, would recurse. They return decisions, never rows. They are PL/pgSQL:
 * PostgreSQL 17 plans a SQL function's body again each time another function calls it
 * (once per row of a list), while PL/pgSQL keeps its plans for the session. `#variable_conflict
 * use_column` keeps SQL's reading of a name that is both a column and a parameter.
 *
 * Changing a rule: edit it here and add a migration that calls installEntitlement()
 * again (CREATE OR REPLACE keeps every policy that uses it).
 */

import { ACTOR_SQL } from './actor.sql';
import { CASES_SQL } from './cases.sql';
import { CONSENT_SQL } from './consent.sql';
import { NOTIFICATION_SQL } from './notification.sql';
import { PERSON_SQL } from './person.sql';
import { RECORDS_SQL } from './records.sql';
import { REFERRALS_SQL } from './referrals.sql';
import { RELATIONS_SQL } from './relations.sql';

/** In dependency order: the actor, the relations, then each kind of record. */
export const ENTITLEMENT_SQL = [
  ACTOR_SQL,
  RELATIONS_SQL,
  PERSON_SQL,
  CASES_SQL,
  CONSENT_SQL,
  RECORDS_SQL,
  REFERRALS_SQL,
  NOTIFICATION_SQL,
];
