import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { StaffLeaveAbilities } from './staff-leave.abilities';
import { StaffLeaveResolver } from './staff-leave.resolver';
import { StaffLeaveService } from './staff-leave.service';

@Module({
  imports: [AuditModule],
  providers: [StaffLeaveAbilities, StaffLeaveService, StaffLeaveResolver],
})
export class StaffLeaveModule {}
