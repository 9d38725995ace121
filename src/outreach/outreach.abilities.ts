import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isRegisterKeeper } from '../core/authorization/statutory-youth-team';

/** The register keeper of the statutory youth team; one rule, in statutory-youth-team.ts. */
export const isYouthCoordinator = isRegisterKeeper;

/**
 * Contacts and the work list belong to the youth team of the young person's home
 * municipality only (statutory duty, Skollagen 29 kap. 9 §). Conditions are on the young
 * person (see youth-register-scope.ts).
 */
@Injectable()
export class OutreachAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!isRegisterKeeper(actor)) return;
    const own = { homeMunicipalityCode: actor.municipalityCode };
    can([Action.Read, Action.Create], 'ContactAttempt', own);
    can([Action.Read, Action.Create], 'OutreachRound', own);
    can([Action.Read, Action.Update], 'WorkList', own);
  }
}
