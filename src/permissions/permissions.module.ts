import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PermissionGrantsAbilities } from './permission-grants.abilities';
import { PermissionGrantsResolver } from './permission-grants.resolver';
import { PermissionGrantsService } from './permission-grants.service';

@Module({
  imports: [AuditModule],
  providers: [PermissionGrantsAbilities, PermissionGrantsService, PermissionGrantsResolver],
})
export class PermissionsModule {}
