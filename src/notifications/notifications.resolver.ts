import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import {
  MarkNotificationsReadArgs,
  MarkNotificationsReadResult,
  NotificationConnection,
  NotificationModel,
  NotificationsArgs,
} from './models/notification.model';
import { NotificationBus, PublishedNotification } from './notification-bus';
import { eventStream, mapStream } from './notification-stream';
import { NOTIFICATION } from './notifications.abilities';
import { NotificationsService } from './notifications.service';

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly feed: NotificationsService,
    private readonly bus: NotificationBus,
  ) {}

  @Allow(Action.Read, NOTIFICATION)
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first' })
  notifications(@Ctx() ctx: RequestContext, @Args() args: NotificationsArgs) {
    return this.feed.list(ctx, args);
  }

  @Allow(Action.Read, NOTIFICATION)
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: RequestContext) {
    return this.feed.unreadCount(ctx);
  }

  @Allow(Action.Update, NOTIFICATION)
  @Mutation(() => MarkNotificationsReadResult, {
    description: 'Marks your notifications read; ids that are not yours are ignored',
  })
  markNotificationsRead(@Ctx() ctx: RequestContext, @Args() { ids }: MarkNotificationsReadArgs) {
    return this.feed.markRead(ctx, ids);
  }

  /**
   * New notifications of the subscriber (graphql-ws, connectionParams.authorization =
   * 'Bearer <token>'). Each event is reloaded from the database for the subscriber, so
   * a notification of someone else, or for a since-disabled user, is never delivered, and
   * each delivered event is a read logged like the feed's (NotificationsService.shown).
   */
  @Allow(Action.Read, NOTIFICATION)
  @Subscription(() => NotificationModel, {
    resolve: (payload: NotificationModel) => payload,
  })
  notificationAdded(@Ctx() ctx: RequestContext) {
    const userId = ctx.actor.userId;
    const events = eventStream<PublishedNotification>((push) => this.bus.subscribe(userId, push));
    return mapStream(events, (e) => this.feed.ownById(ctx, e.id));
  }
}
