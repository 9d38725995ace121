import { Module } from '@nestjs/common';
import { AuditToolsAbilities } from './audit-tools.abilities';
import { AuditToolsResolver } from './audit-tools.resolver';
import { AuditOverviewService } from './audit-overview.service';
import { UnusualAccessService } from './unusual-access.service';

@Module({
  providers: [AuditToolsAbilities, UnusualAccessService, AuditOverviewService, AuditToolsResolver],
})
export class AuditToolsModule {}
