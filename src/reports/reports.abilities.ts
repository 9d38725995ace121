import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';
import { isYouthCoordinator } from '../outreach/outreach.abilities';

export const MONTHLY_REPORT = 'MonthlyReport';
export const REGION_REPORT = 'RegionReport';

/**
 * DESIGN §6a, aggregates: the municipality's youth team and its managers read and export
 * the monthly report of their own municipality; nobody else does. A MANAGER of an
 * organisation that belongs to a region (kommunförbund) reads and exports the region-wide
 * report of that region only.
 */
@Injectable()
export class ReportsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (isYouthCoordinator(actor) || hasRole(actor, Role.MANAGER)) {
      can([Action.Read, Action.Export], MONTHLY_REPORT, {
        municipalityCode: actor.municipalityCode,
      });
    }
    if (hasRole(actor, Role.MANAGER) && actor.regionCode) {
      can([Action.Read, Action.Export], REGION_REPORT, { regionCode: actor.regionCode });
    }
  }
}
