import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isRegisterKeeper } from '../core/authorization/statutory-youth-team';

/**
 * The youth team reports its own register (its KAA periods, conditions on KaaPeriodEntity)
 * to SCB; nobody else exports it.
 */
@Injectable()
export class ScbExtractAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!isRegisterKeeper(actor)) return;
    can(Action.Export, 'ScbExtract', { municipalityCode: actor.municipalityCode });
  }
}
