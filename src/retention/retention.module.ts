import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '../audit/audit.module';
import { RetentionAbilities } from './retention.abilities';
import { RetentionPurgeService } from './retention-purge.service';
import { RetentionResolver } from './retention.resolver';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionSettingsService } from './retention-settings.service';

/** Retention (gallring): settings per municipality, the purge, its daily schedule. */
@Module({
  imports: [ScheduleModule.forRoot(), AuditModule],
  providers: [
    RetentionAbilities,
    RetentionSettingsService,
    RetentionResolver,
    RetentionPurgeService,
    RetentionScheduler,
  ],
  exports: [RetentionPurgeService],
})
export class RetentionModule {}
