import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConsentModule } from '../consent/consent.module';
import { ConcernReportEntity } from './concern-report.entity';
import { ConcernReportAbilities } from './concern-reports.abilities';
import { ConcernReportsResolver } from './concern-reports.resolver';
import { ConcernReportsService } from './concern-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ConcernReportEntity]), AuditModule, ConsentModule],
  providers: [ConcernReportAbilities, ConcernReportsService, ConcernReportsResolver],
})
export class ConcernReportsModule {}
