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
import { IDENTITY_FIELDS } from '../young-people/young-person-fields';

/**
 * Any professional may send a concern report; it is seen by the sending organisation and
 * the receiving social services, which may then see the child's identity.
 */
@Injectable()
export class ConcernReportAbilities implements AbilityContributor, OnModuleInit {
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
    can(Action.Create, 'ConcernReport');
    can(Action.Read, 'ConcernReport', { senderOrganisationId: actor.organisationId });
    if (s.concernReportIds.length) {
      can(Action.Read, 'ConcernReport', { id: { $in: s.concernReportIds } });
      can(Action.Read, 'YoungPerson', IDENTITY_FIELDS, { id: { $in: s.concernReportPersonIds } });
    }
  }
}
