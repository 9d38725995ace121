import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { OrganisationKind } from '../../identity/role.enum';
import { RISK_FLAG } from '../schools.abilities';

/** The column (of a scoped read) with the ids of the consents that let the reader see the flag. */
export const GRANTING_CONSENT_IDS = 'granting_consent_ids';

/**
 * Which flags a reader sees is decided by PostgreSQL (row-level security,
 * authz.sees_risk_flag: the school that raised it; the home municipality's youth team
 * while a consent for SCHOOL names it), on every request, so a withdrawal or a stricter
 * policy counts on the next one. This only narrows the scan to the candidates an index
 * finds: the school's own flags, or the flags about the team's residents. Changes stay
 * with the raising school (the ability's rule). False: nothing is allowed, skip the query.
 */
export function applyFlagScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ctx: RequestContext,
  action: Action,
): boolean {
  if (!readsSharedFlags(ctx, action)) return applyAbilityScope(qb, ctx.ability, action, RISK_FLAG);
  qb.andWhere(
    `${qb.alias}.young_person_id IN (SELECT yp.id FROM young_person yp
       WHERE yp.home_municipality_code = :flagReaderMunicipality)`,
    { flagReaderMunicipality: ctx.actor.municipalityCode },
  );
  return true;
}

/** Selects GRANTING_CONSENT_IDS with each flag, from the same decision: the basis to log. */
export function selectGrantingConsents<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ctx: RequestContext,
): void {
  if (readsSharedFlags(ctx, Action.Read))
    qb.addSelect(
      `(authz.consent_grant(${qb.alias}.young_person_id, ARRAY['SCHOOL'])).consent_ids::text[]`,
      GRANTING_CONSENT_IDS,
    );
  else qb.addSelect(`ARRAY[]::text[]`, GRANTING_CONSENT_IDS);
}

/** A youth team never raises flags: it reads the ones a consent shares with it. */
function readsSharedFlags(ctx: RequestContext, action: Action): boolean {
  return (
    action === Action.Read &&
    ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
    ctx.ability.can(Action.Read, RISK_FLAG)
  );
}
