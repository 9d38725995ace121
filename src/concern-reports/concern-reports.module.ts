import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConcernReportEntity } from './concern-report.entity';
import { ConcernReportReadsService } from './concern-report-reads.service';
import { ConcernReportAbilities } from './concern-reports.abilities';
import { ConcernReportsResolver } from './concern-reports.resolver';
import { ConcernReportsService } from './concern-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ConcernReportEntity]), AuditModule],
  providers: [
    ConcernReportAbilities,
    ConcernReportsService,
    ConcernReportReadsService,
    ConcernReportsResolver,
  ],
})
export class ConcernReportsModule {}
