import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../../core/authorization/ability.factory';
import { Action } from '../../core/authorization/actions';
import { isRegisterKeeper } from '../../core/authorization/statutory-youth-team';

export const POSSIBLE_DUPLICATE = 'PossibleDuplicate';

/**
 * Only the youth team of the existing person's home municipality sees a possible
 * duplicate and may merge it (Update) or undo the merge: it keeps that person's register.
 */
@Injectable()
export class PossibleDuplicateAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!isRegisterKeeper(actor)) return;
    can([Action.Read, Action.Update], POSSIBLE_DUPLICATE, {
      municipalityCode: actor.municipalityCode,
    });
  }
}
