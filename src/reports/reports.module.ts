import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MonthlyReportResolver } from './monthly-report.resolver';
import { MonthlyReportService } from './monthly-report.service';
import { ReportsAbilities } from './reports.abilities';

/** Aggregate reports of a municipality (DESIGN §8): the KAA monthly report. */
@Module({
  imports: [AuditModule],
  providers: [ReportsAbilities, MonthlyReportService, MonthlyReportResolver],
  exports: [MonthlyReportService],
})
export class ReportsModule {}
