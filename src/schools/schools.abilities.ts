import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { CASE_WORKING_ROLES, OrganisationKind, Role } from '../identity/role.enum';

/** Subjects of the schools domain; conditions use entity property names. */
export const RISK_FLAG = 'RiskFlag';
export const SCHOOL_NOTICE = 'SchoolNotice';
export const STUDENT = 'Student';
export const SCHOOL_FIGURES = 'SchoolFigures';
/** One school's own figures: counts of the rows its counsellors read anyway. */
export const OWN_SCHOOL_FIGURES = 'OwnSchoolFigures';

/**
 * DESIGN §6a: a risk flag is visible to the school that raised it and to the home
 * municipality's youth team while a consent in force for SCHOOL names it (the rows:
 * risk-flags/risk-flag-scope.ts); a notice to the sending school and the receiving youth
 * team. Rebuilt per request, so a withdrawn consent ends access on the next request.
 */
@Injectable()
export class SchoolsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    // Any case worker may ask for a flag or notice; row-level security answers, so one it
    // may not see is NOT_FOUND, exactly like an id that does not exist (DESIGN §6).
    if (hasRole(actor, ...CASE_WORKING_ROLES)) can(Action.Read, [RISK_FLAG, SCHOOL_NOTICE]);
    if (actor.organisationKind === OrganisationKind.SCHOOL && hasRole(actor, Role.COUNSELLOR)) {
      const own = { schoolOrganisationId: actor.organisationId };
      can([Action.Read, Action.Create, Action.Update], RISK_FLAG, own);
      can([Action.Read, Action.Create], SCHOOL_NOTICE, own);
      can([Action.Read, Action.Create], STUDENT);
      can(Action.Read, OWN_SCHOOL_FIGURES);
    }
    if (
      actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
      hasRole(actor, Role.YOUTH_COORDINATOR)
    ) {
      // Which flags: those a consent in force for SCHOOL shares with the team, decided in
      // SQL with the rows (risk-flags/risk-flag-scope.ts), never from a list.
      can(Action.Read, RISK_FLAG);
      const received = { homeMunicipalityCode: actor.municipalityCode };
      can([Action.Read, Action.Update], SCHOOL_NOTICE, received);
      can(Action.Read, SCHOOL_FIGURES);
    }
    // Managers see aggregates of their own municipality, never records.
    if (hasRole(actor, Role.MANAGER)) can(Action.Read, SCHOOL_FIGURES);
  }
}
