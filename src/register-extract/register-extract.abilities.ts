import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { OrganisationKind, Role } from '../identity/role.enum';

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
    if (
      hasRole(actor, Role.YOUTH_COORDINATOR) &&
      actor.organisationKind === OrganisationKind.YOUTH_TEAM
    )
      can(Action.Export, 'RegisterExtract', { municipalityCode: actor.municipalityCode });
  }
}
