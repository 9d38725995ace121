import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';

/** Auditors read the log of their municipality: what its users did and what was done to its data. */
@Injectable()
export class AuditAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!hasRole(actor, Role.AUDITOR)) return;
    can(Action.Read, 'AccessLog', { subjectMunicipalityCode: actor.municipalityCode });
    can(Action.Read, 'AccessLog', { actorMunicipalityCode: actor.municipalityCode });
    // Sample checks of the own municipality (the service scopes by it).
    can(Action.Read, 'LogSampleCheck');
    can(Action.Update, 'LogSampleCheck');
  }
}
