import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, hasPermission, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { Permission, Role } from '../identity/role.enum';

/**
 * Opening needs the EMERGENCY_ACCESS permission (and a case-working role); the opened
 * person is readable for the opening's duration (cases, notes and referrals add their
 * own rules from the same snapshot). Auditors review openings of their municipality's
 * residents and of their municipality's users; the opener may end an opening early.
 */
@Injectable()
export class EmergencyAccessAbilities implements AbilityContributor, OnModuleInit {
  constructor(
    private readonly factory: AbilityFactory,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  async contribute({ can }: AbilityRulesBuilder, actor: Actor, em: EntityManager): Promise<void> {
    // Auditors of both the subject's and the opener's municipality review an opening.
    if (hasRole(actor, Role.AUDITOR)) {
      can([Action.Read, Action.Update], 'EmergencyAccess', {
        municipalityCode: actor.municipalityCode,
      });
      can([Action.Read, Action.Update], 'EmergencyAccess', {
        openerMunicipalityCode: actor.municipalityCode,
      });
    }
    // Only the opener ends an opening early, even after losing the permission.
    can(Action.Update, 'EmergencyAccessEnd', { userId: actor.userId });
    const s = await this.snapshots.load(actor, em);
    if (!s.caseWorker) return;
    can(Action.Read, 'EmergencyAccess', { userId: actor.userId });
    if (hasPermission(actor, Permission.EMERGENCY_ACCESS)) can(Action.Create, 'EmergencyAccess');
    if (s.emergencyPersonIds.length)
      can(Action.Read, 'YoungPerson', { id: { $in: s.emergencyPersonIds } });
  }
}
