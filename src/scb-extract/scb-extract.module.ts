import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { YoungPersonEntity } from '../young-people/young-person.entity';
import { ScbExtractAbilities } from './scb-extract.abilities';
import { ScbExtractController } from './scb-extract.controller';
import { ScbExtractResolver } from './scb-extract.resolver';
import { ScbExtractService } from './scb-extract.service';

/** Half-year KAA reporting to SCB. */
@Module({
  imports: [TypeOrmModule.forFeature([YoungPersonEntity]), AuditModule],
  controllers: [ScbExtractController],
  providers: [ScbExtractAbilities, ScbExtractService, ScbExtractResolver],
})
export class ScbExtractModule {}
