import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { ALL_CATEGORIES } from '../consent/consent-category';

/**
 * Referrals (DESIGN.md §6a): the sender always sees its referral (state, dates, outcome
 * and what it shared); the receiver sees it while a consent in force names it, and each
 * shared section only when that consent covers the section's category. Associations
 * receive name, contact and the activity only: never the sections.
 */
@Injectable()
export class ReferralAbilities implements AbilityContributor, OnModuleInit {
  constructor(
    private readonly factory: AbilityFactory,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  async contribute({ can }: AbilityRulesBuilder, actor: Actor, em: EntityManager): Promise<void> {
    const s = await this.snapshots.load(actor, em);
    if (!s.caseWorker) return;
    const org = actor.organisationId;
    can(Action.Create, 'Referral');
    can(Action.Read, 'Referral', { senderOrganisationId: org });
    can(Action.Read, 'Referral', {
      receiverOrganisationId: org,
      youngPersonId: { $in: [...s.categoriesByPerson.keys()] },
    });
    can(Action.Read, 'ReferralSection', { senderOrganisationId: org });
    if (!s.isAssociation) {
      for (const category of ALL_CATEGORIES) {
        const persons = s.personsWith(category);
        if (persons.length)
          can(Action.Read, 'ReferralSection', {
            receiverOrganisationId: org,
            category,
            youngPersonId: { $in: persons },
          });
      }
    }
    // Emergency access covers the referrals of the opened cases, for its duration.
    if (s.emergencyReferralIds.length) {
      can(Action.Read, 'Referral', { id: { $in: s.emergencyReferralIds } });
      can(Action.Read, 'ReferralSection', { referralId: { $in: s.emergencyReferralIds } });
    }
  }
}
