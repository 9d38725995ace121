import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ScimController } from './scim.controller';
import { ScimGroupsService } from './scim-groups.service';
import { ScimUsersService } from './scim-users.service';

/** SCIM 2.0 provisioning from the municipalities' directories. */
@Module({
  imports: [AuditModule],
  controllers: [ScimController],
  providers: [ScimUsersService, ScimGroupsService],
})
export class ScimModule {}
