import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MonthlyReportResolver } from './monthly-report.resolver';
import { MonthlyReportService } from './monthly-report.service';
import { RegionReportResolver } from './region-report.resolver';
import { RegionReportService } from './region-report.service';
import { ReportsAbilities } from './reports.abilities';

/** Aggregate reports (DESIGN §8): the KAA monthly report of a municipality, and of a region. */
@Module({
  imports: [AuditModule],
  providers: [
    ReportsAbilities,
    MonthlyReportService,
    MonthlyReportResolver,
    RegionReportService,
    RegionReportResolver,
  ],
  exports: [MonthlyReportService],
})
export class ReportsModule {}
