import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { OutreachModule } from '../outreach/outreach.module';
import { YoungPeopleModule } from '../young-people/young-people.module';
import { AnswerService } from './answer/answer.service';
import { BulkRegisterService } from './bulk/bulk-register.service';
import { RegisterExportResolver, RegisterExportService } from './export/register-export';
import { RegisterAtScaleResolver } from './bulk/register-at-scale.resolver';
import { KaaClosureEntity } from './kaa-closure.entity';
import { KaaMeasureEntity } from './kaa-measure.entity';
import { KaaPeriodEntity } from './kaa-period.entity';
import { KaaPersonFieldsResolver } from './kaa-person-fields.resolver';
import {
  KaaPlanEntity,
  KaaPlanResponsibilityEntity,
  KaaPlanVersionEntity,
} from './kaa-plan.entity';
import { KaaRegisterResolver } from './kaa-register.resolver';
import { KaaRegisterService } from './kaa-register.service';
import { MeasuresPlansService } from './measures-plans.service';
import { OccupationEntity } from './occupation.entity';
import { RegisterRulesService } from './register-rules.service';

/**
 * The KAA register (kommunala aktivitetsansvaret, DESIGN.md §2): periods, occupations,
 * measures, the individual plan and closures, and the register rules. Its ability rules
 * (KaaRegister, KaaPerson) are contributed by YoungPeopleAbilities.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      KaaPeriodEntity,
      OccupationEntity,
      KaaMeasureEntity,
      KaaPlanEntity,
      KaaPlanVersionEntity,
      KaaPlanResponsibilityEntity,
      KaaClosureEntity,
    ]),
    AuditModule,
    YoungPeopleModule,
    OutreachModule,
  ],
  providers: [
    KaaRegisterService,
    MeasuresPlansService,
    RegisterRulesService,
    KaaRegisterResolver,
    KaaPersonFieldsResolver,
    BulkRegisterService,
    AnswerService,
    RegisterAtScaleResolver,
    RegisterExportService,
    RegisterExportResolver,
  ],
})
export class KaaRegisterModule {}
