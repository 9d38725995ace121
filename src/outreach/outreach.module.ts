import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { YoungPersonEntity } from '../young-people/young-person.entity';
import { ContactAttemptsService } from './contact-attempts.service';
import { HomeVisitsResolver } from './home-visits/home-visits.resolver';
import { HomeVisitsService } from './home-visits/home-visits.service';
import {
  ContactFrequencyResolver,
  ContactFrequencyService,
} from './contact-frequency/contact-frequency';
import { LettersResolver } from './letters/letters.resolver';
import { LettersService } from './letters/letters.service';
import { WorkListExportResolver, WorkListExportService } from './work-list-export';
import { FollowUpService } from './follow-up.service';
import { OutreachRoundsService } from './outreach-rounds.service';
import { OutreachAbilities } from './outreach.abilities';
import { OutreachResolver } from './outreach.resolver';
import { WorkListClockJob } from './work-list-clock.job';
import { WorkListService } from './work-list.service';

/** Outreach (DESIGN.md §3): contact attempts, bulk rounds and the youth team's work list. */
@Module({
  imports: [TypeOrmModule.forFeature([YoungPersonEntity]), AuditModule],
  providers: [
    OutreachAbilities,
    ContactAttemptsService,
    OutreachRoundsService,
    WorkListService,
    WorkListClockJob,
    FollowUpService,
    OutreachResolver,
    HomeVisitsService,
    HomeVisitsResolver,
    ContactFrequencyService,
    ContactFrequencyResolver,
    LettersService,
    LettersResolver,
    WorkListExportService,
    WorkListExportResolver,
  ],
  exports: [ContactAttemptsService],
})
export class OutreachModule {}
