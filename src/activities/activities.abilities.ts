import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isRegisterKeeper } from '../core/authorization/statutory-youth-team';
import { OrganisationKind, Role } from '../identity/role.enum';

/**
 * Activities and summer jobs hold counts, not people, so everyone in the municipality may
 * read them. The youth team runs the programme; an association leader manages the
 * activities it hosts and reports its own membership.
 */
@Injectable()
export class ActivitiesAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    const municipality = { municipalityCode: actor.municipalityCode };
    can(Action.Read, 'Activity', municipality);
    if (isRegisterKeeper(actor)) {
      can([Action.Create, Action.Update], 'Activity', municipality);
      can([Action.Read, Action.Create, Action.Update], 'SummerJobOffer', municipality);
      can(Action.Read, 'MembershipReport', municipality);
    }
    if (hasRole(actor, Role.MANAGER)) {
      can(Action.Read, 'SummerJobOffer', municipality);
      can(Action.Read, 'MembershipReport', municipality);
    }
    if (
      hasRole(actor, Role.ASSOCIATION_LEADER) &&
      actor.organisationKind === OrganisationKind.ASSOCIATION
    ) {
      const own = { ...municipality, hostOrganisationId: actor.organisationId };
      can([Action.Create, Action.Update], 'Activity', own);
      can([Action.Read, Action.Create], 'MembershipReport', {
        organisationId: actor.organisationId,
      });
    }
  }
}
