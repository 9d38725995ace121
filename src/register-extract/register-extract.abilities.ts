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
 * The register extract is produced by the youth team that keeps the KAA register of the
 * person's home municipality (its statutory duty); the service checks the municipality.
 */
@Injectable()
export class RegisterExtractAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (isRegisterKeeper(actor))
      can(Action.Export, 'RegisterExtract', { municipalityCode: actor.municipalityCode });
  }
}
