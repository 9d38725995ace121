import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { OrganisationKind } from '../../identity/role.enum';
import { RISK_FLAG } from '../schools.abilities';

/** The column (of a scoped read) with the ids of the consents that let the reader see the flag. */
export const GRANTING_CONSENT_IDS = 'granting_consent_ids';

/**
 * The consents in force (consent_in_force: valid now, not withdrawn, sufficient under the
 * home municipality's age policy) that name the reader's organisation for SCHOOL, about
 * the young person of the flag row `f`.
 */
const granting = (f: string) => `
  SELECT cif.id FROM consent_in_force cif
    JOIN consent_recipient r ON r.consent_id = cif.id AND r.organisation_id = :flagReaderOrg
   WHERE cif.young_person_id = ${f}.young_person_id AND 'SCHOOL' = ANY(cif.categories)`;

/**
 * DESIGN §6a for risk flags, as SQL on the query's flag rows. The school that raised a
 * flag works with it (the ability's rule). The home municipality's youth team reads it
 * while a consent for SCHOOL names the team: decided by the database on every request,
 * so a withdrawal or a stricter policy counts on the next one. Which roles may read flags
 * at all is the ability's (SchoolsAbilities). False: nothing is allowed, skip the query.
 */
export function applyFlagScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ctx: RequestContext,
  action: Action,
): boolean {
  if (!readsSharedFlags(ctx, action)) return applyAbilityScope(qb, ctx.ability, action, RISK_FLAG);
  const f = qb.alias;
  qb.andWhere(
    `EXISTS (${granting(f)}) AND EXISTS (SELECT 1 FROM young_person yp
       WHERE yp.id = ${f}.young_person_id AND yp.home_municipality_code = :flagReaderMunicipality)`,
    readerParams(ctx),
  );
  return true;
}

/** Selects GRANTING_CONSENT_IDS with each flag: the legal basis of the read, for the log. */
export function selectGrantingConsents<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ctx: RequestContext,
): void {
  if (readsSharedFlags(ctx, Action.Read))
    qb.addSelect(`ARRAY(${granting(qb.alias)})::text[]`, GRANTING_CONSENT_IDS);
  else qb.addSelect(`ARRAY[]::text[]`, GRANTING_CONSENT_IDS);
  qb.setParameters(readerParams(ctx));
}

/** A youth team never raises flags: it reads the ones a consent shares with it. */
function readsSharedFlags(ctx: RequestContext, action: Action): boolean {
  return (
    action === Action.Read &&
    ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
    ctx.ability.can(Action.Read, RISK_FLAG)
  );
}

function readerParams(ctx: RequestContext): Record<string, string> {
  return {
    flagReaderOrg: ctx.actor.organisationId,
    flagReaderMunicipality: ctx.actor.municipalityCode,
  };
}
