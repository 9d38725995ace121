import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { AppAbility } from './actions';

export type AbilityRulesBuilder = AbilityBuilder<AppAbility>;

/**
 * A domain contributes which actions each role may call on its own subjects. Rules look
 * at the actor only (roles, organisation, municipality, permissions): which rows an
 * action reaches is decided in SQL by row-level security (authorization/entitlement), so
 * building the ability reads nothing and costs the same for every organisation.
 */
export interface AbilityContributor {
  contribute(builder: AbilityRulesBuilder, actor: Actor): void;
}

/** Builds one ability per request from the actor and every registered contributor. */
@Injectable()
export class AbilityFactory {
  private readonly contributors: AbilityContributor[] = [];

  register(contributor: AbilityContributor): void {
    this.contributors.push(contributor);
  }

  createFor(actor: Actor | null): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    if (actor) for (const contributor of this.contributors) contributor.contribute(builder, actor);
    return builder.build();
  }
}
