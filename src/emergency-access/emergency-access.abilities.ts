import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasPermission, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { CASE_WORKING_ROLES, Permission, Role } from '../identity/role.enum';

/**
 * Which emergency-access operations a role may call. Opening needs the EMERGENCY_ACCESS
 * permission and a case-working role; auditors review. Which openings each sees, what an
 * opening lets its user read (authz.emergency_open) and who may end one are PostgreSQL's
 * decision: anyone may ask to end an opening, and all but its opener get NOT_FOUND.
 */
@Injectable()
export class EmergencyAccessAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (hasRole(actor, Role.AUDITOR)) can([Action.Read, Action.Update], 'EmergencyAccess');
    // The opener ends an opening early, even after losing the permission.
    can(Action.Update, 'EmergencyAccessEnd');
    if (!hasRole(actor, ...CASE_WORKING_ROLES)) return;
    can(Action.Read, 'EmergencyAccess');
    if (hasPermission(actor, Permission.EMERGENCY_ACCESS)) can(Action.Create, 'EmergencyAccess');
  }
}
