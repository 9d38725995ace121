import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationBus } from './notification-bus';
import { NotificationEntity } from './notification.entity';
import { NotificationWriter } from './notification.writer';
import { NotificationsAbilities } from './notifications.abilities';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

/** Global so every domain can notify without importing this module. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), AuditModule],
  providers: [
    NotificationWriter,
    NotificationsAbilities,
    NotificationsService,
    NotificationBus,
    NotificationsResolver,
  ],
  exports: [NotificationWriter],
})
export class NotificationsModule {}
