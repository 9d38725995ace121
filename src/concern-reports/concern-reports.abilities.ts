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
 * Any professional (a case-working role) may send a concern report. Which reports it sees
 * (the sender's, the receiving social services') and the child's identity for the
 * receivers are PostgreSQL's decision (authz.concern_report_basis, authz.person_row_access).
 */
@Injectable()
export class ConcernReportAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!hasRole(actor, ...CASE_WORKING_ROLES)) return;
    can(Action.Create, 'ConcernReport');
    can(Action.Read, 'ConcernReport');
  }
}
