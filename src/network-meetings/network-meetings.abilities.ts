import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { isRegisterKeeper } from '../core/authorization/statutory-youth-team';

export const NETWORK_MEETING = 'NetworkMeeting';

/**
 * The youth team's coordinators record and list their own municipality's meetings. A
 * manager sees them only as the monthly report's figures; nobody else sees them at all
 * (row-level security: authz.youth_team_of).
 */
@Injectable()
export class NetworkMeetingsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    if (isRegisterKeeper(actor))
      can([Action.Read, Action.Create], NETWORK_MEETING, {
        municipalityCode: actor.municipalityCode,
      });
  }
}
