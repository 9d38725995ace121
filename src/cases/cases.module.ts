import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConsentModule } from '../consent/consent.module';
import { CaseAbilities } from './case.abilities';
import {
  CaseGoalEntity,
  CaseMeetingEntity,
  CaseMeetingParticipantEntity,
  CaseNoteEntity,
  CaseParticipantEntity,
  CaseTaskEntity,
  JointCaseEntity,
} from './case.entities';
import { CaseNotesService } from './case-notes.service';
import { CasePlanService } from './case-plan.service';
import { CaseNoteResolver, CaseParticipantResolver, CasesResolver } from './cases.resolver';
import { CasesService } from './cases.service';
import { CaseLeadService } from './case-lead.service';
import { ReconsentService } from './reconsent.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      JointCaseEntity,
      CaseParticipantEntity,
      CaseNoteEntity,
      CaseMeetingEntity,
      CaseMeetingParticipantEntity,
      CaseGoalEntity,
      CaseTaskEntity,
    ]),
    AuditModule,
    ConsentModule,
  ],
  providers: [
    CaseAbilities,
    CasesService,
    CaseLeadService,
    CaseNotesService,
    CasePlanService,
    ReconsentService,
    CasesResolver,
    CaseParticipantResolver,
    CaseNoteResolver,
  ],
  exports: [CasesService, CaseNotesService, ReconsentService],
})
export class CasesModule {}
