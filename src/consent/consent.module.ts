import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { YoungPersonEntity } from '../young-people/young-person.entity';
import { ConsentAbilities } from './consent.abilities';
import { ConsentEntity, ConsentPolicyEntity, ConsentRecipientEntity } from './consent.entity';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { ConsentAmendmentService } from './consent-amendment.service';
import { ConsentDocumentController } from './consent-document.controller';
import { ConsentDocumentService } from './consent-document.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ConsentEntity,
      ConsentRecipientEntity,
      ConsentPolicyEntity,
      YoungPersonEntity,
    ]),
    AuditModule,
  ],
  providers: [
    ConsentAbilities,
    ConsentService,
    ConsentAmendmentService,
    ConsentDocumentService,
    ConsentResolver,
  ],
  controllers: [ConsentDocumentController],
  exports: [ConsentService],
})
export class ConsentModule {}
