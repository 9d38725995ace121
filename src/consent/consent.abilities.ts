import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { Role } from '../identity/role.enum';
import { AccessSnapshotService } from './access-snapshot.service';
import { InformationCategory } from './consent-category';
import { CONTACT_FIELDS, IDENTITY_FIELDS } from '../young-people/young-person-fields';

/**
 * Consent records are seen by the documenting organisation, the organisations they name
 * and the youth team of the home municipality. Consents in force also open the young
 * person's identity (IDENTITY) and contact details (CONTACT) to the named organisation;
 * the young-people queries apply this through the 'YoungPerson' scope.
 */
@Injectable()
export class ConsentAbilities implements AbilityContributor, OnModuleInit {
  constructor(
    private readonly factory: AbilityFactory,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  async contribute({ can }: AbilityRulesBuilder, actor: Actor, em: EntityManager): Promise<void> {
    can(Action.Read, 'ConsentPolicy', { municipalityCode: actor.municipalityCode });
    if (hasRole(actor, Role.MUNICIPALITY_ADMIN))
      can(Action.Update, 'ConsentPolicy', { municipalityCode: actor.municipalityCode });
    const s = await this.snapshots.load(actor, em);
    if (!s.caseWorker) return;
    // Which consent records: row-level security (authz.consent_record_basis).
    can([Action.Create, Action.Read, Action.Update], 'Consent');

    const identity = s.personsWith(InformationCategory.IDENTITY);
    const contact = s.personsWith(InformationCategory.CONTACT);
    if (identity.length)
      can(Action.Read, 'YoungPerson', IDENTITY_FIELDS, { id: { $in: identity } });
    if (contact.length)
      can(Action.Read, 'YoungPerson', ['id', ...CONTACT_FIELDS], { id: { $in: contact } });
  }
}
