import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { CASE_WORKING_ROLES, Role } from '../identity/role.enum';

/**
 * Which consent operations a role may call. Which consent records it sees (the
 * documenting organisation, the organisations named, the home municipality's youth team)
 * and what a consent in force opens of a young person are decided in SQL, by row-level
 * security and authz.person_access (core/authorization/entitlement).
 */
@Injectable()
export class ConsentAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    can(Action.Read, 'ConsentPolicy', { municipalityCode: actor.municipalityCode });
    if (hasRole(actor, Role.MUNICIPALITY_ADMIN))
      can(Action.Update, 'ConsentPolicy', { municipalityCode: actor.municipalityCode });
    if (hasRole(actor, ...CASE_WORKING_ROLES))
      can([Action.Create, Action.Read, Action.Update], 'Consent');
  }
}
