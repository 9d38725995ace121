import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../audit/audit.module';
import { DuplicateMergeService } from './duplicate-merge.service';
import { PossibleDuplicateEntity } from './possible-duplicate.entity';
import { PossibleDuplicateAbilities } from './possible-duplicates.abilities';
import { PossibleDuplicatesResolver } from './possible-duplicates.resolver';
import { PossibleDuplicatesService } from './possible-duplicates.service';

/** Possible duplicates (DESIGN §6): linked for the home municipality's youth team to merge. */
@Module({
  imports: [TypeOrmModule.forFeature([PossibleDuplicateEntity]), AuditModule],
  providers: [
    PossibleDuplicateAbilities,
    PossibleDuplicatesService,
    DuplicateMergeService,
    PossibleDuplicatesResolver,
  ],
})
export class DuplicatesModule {}
