import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';

/**
 * A municipality admin grants and revokes permissions for its own municipality's users;
 * its auditors list them (the service scopes every statement to the actor's municipality).
 */
@Injectable()
export class PermissionGrantsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (hasRole(actor, Role.MUNICIPALITY_ADMIN)) can(Action.Manage, 'PermissionGrant');
    if (hasRole(actor, Role.AUDITOR)) can(Action.Read, 'PermissionGrant');
  }
}
