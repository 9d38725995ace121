import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConsentModule } from '../consent/consent.module';
import { SchoolFiguresResolver } from './figures/school-figures.resolver';
import { SchoolFiguresService } from './figures/school-figures.service';
import { NoticeInboxService } from './notices/notice-inbox.service';
import { NoticesResolver } from './notices/notices.resolver';
import { SchoolNoticeEntity } from './notices/school-notice.entity';
import { SendNoticeService } from './notices/send-notice.service';
import { PreventiveMeetingEntity } from './risk-flags/preventive-meeting.entity';
import { RiskFlagConsentService } from './risk-flags/risk-flag-consent.service';
import { RiskFlagQueriesService } from './risk-flags/risk-flag-queries.service';
import { RiskFlagEntity } from './risk-flags/risk-flag.entity';
import { RiskFlagsResolver } from './risk-flags/risk-flags.resolver';
import { RiskFlagsService } from './risk-flags/risk-flags.service';
import { SchoolsAbilities } from './schools.abilities';
import { StudentsResolver } from './students/students.resolver';
import { StudentsService } from './students/students.service';
import { YouthTeamNotifier } from './youth-team-notifier';

/** Schools: dropout-risk flags, notices to the home municipality, monthly figures. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RiskFlagEntity, PreventiveMeetingEntity, SchoolNoticeEntity]),
    AuditModule,
    ConsentModule,
  ],
  providers: [
    SchoolsAbilities,
    YouthTeamNotifier,
    StudentsService,
    StudentsResolver,
    RiskFlagQueriesService,
    RiskFlagConsentService,
    RiskFlagsService,
    RiskFlagsResolver,
    SendNoticeService,
    NoticeInboxService,
    NoticesResolver,
    SchoolFiguresService,
    SchoolFiguresResolver,
  ],
})
export class SchoolsModule {}
