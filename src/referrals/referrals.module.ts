import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { ReferralAbilities } from './referral.abilities';
import {
  ReferralEntity,
  ReferralSectionEntity,
  ReferralTransitionEntity,
} from './referral.entities';
import { ReferralTransitionsService } from './referral-transitions.service';
import { CaseReferralsResolver, ReferralsResolver } from './referrals.resolver';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReferralEntity, ReferralSectionEntity, ReferralTransitionEntity]),
    AuditModule,
    CasesModule,
  ],
  providers: [
    ReferralAbilities,
    ReferralsService,
    ReferralTransitionsService,
    ReferralsResolver,
    CaseReferralsResolver,
  ],
  exports: [ReferralsService, ReferralTransitionsService],
})
export class ReferralsModule {}
