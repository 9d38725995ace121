import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';

export const RETENTION_SETTINGS = 'RetentionSettings';

/** Only the municipality admin sees and sets its own municipality's retention periods. */
@Injectable()
export class RetentionAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!hasRole(actor, Role.MUNICIPALITY_ADMIN)) return;
    can([Action.Read, Action.Update], RETENTION_SETTINGS, {
      municipalityCode: actor.municipalityCode,
    });
  }
}
