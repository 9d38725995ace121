import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { CASE_WORKING_ROLES } from '../identity/role.enum';

/**
 * Which case operations a role may call. Which cases and notes it sees is PostgreSQL's
 * decision (row-level security and authz.case_access / authz.note_access, DESIGN.md §6a):
 * a case worker that may not see a case gets NOT_FOUND, exactly as for a random id.
 */
@Injectable()
export class CaseAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!hasRole(actor, ...CASE_WORKING_ROLES)) return;
    can(Action.Create, 'Case');
    can(Action.Read, 'Case');
    can(Action.Read, 'CaseNote');
  }
}
