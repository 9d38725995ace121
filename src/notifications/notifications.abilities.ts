import { Injectable, OnModuleInit } from '@nestjs/common';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';

export const NOTIFICATION = 'Notification';

/** Every user reads and marks their own notifications, and nobody else's. */
@Injectable()
export class NotificationsAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    can([Action.Read, Action.Update], NOTIFICATION, { recipientUserId: actor.userId });
  }
}
