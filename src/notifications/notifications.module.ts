import { Global, Module } from '@nestjs/common';
import { NotificationWriter } from './notification.writer';

/** Global so every domain can notify without importing this module. */
@Global()
@Module({ providers: [NotificationWriter], exports: [NotificationWriter] })
export class NotificationsModule {}
