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
 * Staff leave: the admins who manage a user (ORG_ADMIN for the own organisation,
 * MUNICIPALITY_ADMIN for the own municipality) may move that user's open work. Which users
 * they reach is the identity module's 'User' update scope.
 */
@Injectable()
export class StaffLeaveAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (hasRole(actor, Role.ORG_ADMIN, Role.MUNICIPALITY_ADMIN)) can(Action.Update, 'StaffWork');
  }
}
