import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EmergencyAccessAbilities } from './emergency-access.abilities';
import { EmergencyAccessEntity } from './emergency-access.entity';
import { EmergencyAccessResolver } from './emergency-access.resolver';
import { EmergencyAccessService } from './emergency-access.service';

@Module({
  imports: [TypeOrmModule.forFeature([EmergencyAccessEntity]), AuditModule],
  providers: [EmergencyAccessAbilities, EmergencyAccessService, EmergencyAccessResolver],
})
export class EmergencyAccessModule {}
