import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';

export const REGISTERED_DOCUMENT = 'RegisteredDocument';

/** A municipality admin registers the operations of its integrations (trusted documents). */
@Injectable()
export class IntegrationsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (hasRole(actor, Role.MUNICIPALITY_ADMIN))
      can([Action.Create, Action.Read], REGISTERED_DOCUMENT);
  }
}
