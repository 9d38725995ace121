import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { AppAbility } from './actions';

export type AbilityRulesBuilder = AbilityBuilder<AppAbility>;

/**
 * A domain contributes the rules for its own subjects. Contributors may read the
 * database (e.g. the consents in force now), so the ability is always current.
 */
export interface AbilityContributor {
  contribute(builder: AbilityRulesBuilder, actor: Actor, em: EntityManager): void | Promise<void>;
}

/** Builds one ability per request from the actor and every registered contributor. */
@Injectable()
export class AbilityFactory {
  private readonly contributors: AbilityContributor[] = [];

  register(contributor: AbilityContributor): void {
    this.contributors.push(contributor);
  }

  async createFor(actor: Actor | null, em: EntityManager): Promise<AppAbility> {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    if (actor) {
      for (const contributor of this.contributors) await contributor.contribute(builder, actor, em);
    }
    return builder.build();
  }
}
