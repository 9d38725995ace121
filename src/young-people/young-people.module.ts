import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { ConsentModule } from '../consent/consent.module';
import { GuardianEntity } from './guardian.entity';
import { YoungPersonHistoryResolver } from './history/history.resolver';
import { GuardiansSchoolingService } from './guardians-schooling.service';
import { YoungPeopleAbilities } from './young-people.abilities';
import { YoungPeopleResolver } from './young-people.resolver';
import { YoungPeopleService } from './young-people.service';
import { YoungPersonLogService } from './young-person-log.service';
import { SchoolingEntity } from './schooling.entity';
import { YoungPersonEntity } from './young-person.entity';

/** Young people (DESIGN.md §2): identity, contact with protected identity, guardians, schooling. */
@Module({
  imports: [
    TypeOrmModule.forFeature([YoungPersonEntity, GuardianEntity, SchoolingEntity]),
    AuditModule,
    ConsentModule,
    DuplicatesModule,
  ],
  providers: [
    YoungPeopleAbilities,
    YoungPersonLogService,
    YoungPeopleService,
    GuardiansSchoolingService,
    YoungPeopleResolver,
    YoungPersonHistoryResolver,
  ],
  exports: [YoungPersonLogService, YoungPeopleService],
})
export class YoungPeopleModule {}
