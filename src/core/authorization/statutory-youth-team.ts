import { Actor, hasRole } from '../auth/actor';
import { CASE_WORKING_ROLES, OrganisationKind, Role } from '../../identity/role.enum';

/**
 * TypeScript twins of authz.case_worker() and authz.youth_team_of() (entitlement/actor.sql.ts).
 * PostgreSQL decides rows; these decide which actions a request may call and answer in
 * code what the SQL decides in a query. test/authorization/statutory-twin.e2e-spec.ts holds
 * each twin and its SQL function together.
 */
export function isCaseWorker(actor: Actor): boolean {
  return hasRole(actor, ...CASE_WORKING_ROLES);
}

/** The statutory youth team of `municipalityCode` (KAA, Skollagen 29 kap. 9 §). */
export function isYouthTeamOf(actor: Actor, municipalityCode: string): boolean {
  return (
    isCaseWorker(actor) &&
    actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
    actor.municipalityCode === municipalityCode
  );
}

/** The statutory youth team of its own municipality, which keeps that municipality's register. */
export function isStatutoryYouthTeam(actor: Actor): boolean {
  return isYouthTeamOf(actor, actor.municipalityCode);
}

/**
 * Who keeps the register (action checks: changes, exports, outreach): a YOUTH_COORDINATOR
 * of the statutory youth team. Reads of rows are PostgreSQL's (authz.youth_team_of).
 */
export function isRegisterKeeper(actor: Actor): boolean {
  return hasRole(actor, Role.YOUTH_COORDINATOR) && isStatutoryYouthTeam(actor);
}
