import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isRegisterKeeper } from '../core/authorization/statutory-youth-team';
import { KAA_REGISTER, YOUNG_PERSON, YOUNG_PERSON_LOOKUP } from './young-person-fields';

/**
 * Who may change the register (kommunala aktivitetsansvaret, Skollagen 29 kap. 9 §); one
 * rule, in statutory-youth-team.ts. Which rows and fields anyone reads is PostgreSQL's
 * decision (authz.person_row_access), not this.
 */
export const isStatutoryRegisterKeeper = isRegisterKeeper;

@Injectable()
export class YoungPeopleAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    // Anyone may ask; row-level security answers (empty list / NOT_FOUND without rows).
    can(Action.Read, YOUNG_PERSON_LOOKUP);
    if (!isRegisterKeeper(actor)) return;
    // Action checks: the register keeper changes people and the register of its own municipality.
    const home = { homeMunicipalityCode: actor.municipalityCode };
    can([Action.Read, Action.Create, Action.Update], YOUNG_PERSON, home);
    can([Action.Read, Action.Create, Action.Update], KAA_REGISTER, {
      municipalityCode: actor.municipalityCode,
    });
  }
}
