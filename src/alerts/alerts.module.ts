import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { AlertsJob } from './alerts.job';
import { DueAlertsService } from './due-alerts.service';

@Module({
  // SchedulerRegistry comes from the global ScheduleModule (retention.module.ts).
  imports: [CasesModule, ReferralsModule, NotificationsModule],
  providers: [DueAlertsService, AlertsJob],
  exports: [AlertsJob],
})
export class AlertsModule {}
