import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isYouthCoordinator } from '../outreach/outreach.abilities';

/** The youth team imports young people of its own municipality into its register. */
@Injectable()
export class ImportsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (!isYouthCoordinator(actor)) return;
    can(Action.Create, 'Import', { homeMunicipalityCode: actor.municipalityCode });
    can(Action.Read, 'RegisterSource');
  }
}
