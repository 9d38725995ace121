import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from './role.enum';

/**
 * Administration: a municipality admin manages organisations and users of its own
 * municipality, an organisation admin the users of its own organisation. Nobody
 * manages another municipality.
 */
@Injectable()
export class IdentityAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    can(Action.Read, 'Me');
    can(Action.Read, 'Organisation', { id: actor.organisationId });
    if (hasRole(actor, Role.MUNICIPALITY_ADMIN)) {
      can(Action.Read, 'Municipality', { code: actor.municipalityCode });
      can([Action.Read, Action.Create, Action.Update], 'Organisation', {
        municipalityCode: actor.municipalityCode,
      });
      can([Action.Read, Action.Create, Action.Update], 'User', {
        municipalityCode: actor.municipalityCode,
      });
      can(Action.Manage, 'AnyRole');
      can([Action.Read, Action.Update, Action.Delete], 'IdentityProvider', {
        municipalityCode: actor.municipalityCode,
      });
    }
    if (hasRole(actor, Role.ORG_ADMIN)) {
      can([Action.Read, Action.Create, Action.Update], 'User', {
        organisationId: actor.organisationId,
      });
    }
  }
}
