import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';

/** Auditors (loggkontroll) review unusual access in their own municipality's log. */
@Injectable()
export class AuditToolsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!hasRole(actor, Role.AUDITOR)) return;
    can(Action.Read, 'UnusualAccess', { municipalityCode: actor.municipalityCode });
    can(Action.Read, 'AuditOverview', { municipalityCode: actor.municipalityCode });
  }
}
