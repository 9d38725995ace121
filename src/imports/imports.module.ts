import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { YoungPersonEntity } from '../young-people/young-person.entity';
import { ImportsAbilities } from './imports.abilities';
import { ImportsController } from './imports.controller';
import { ImportsResolver } from './imports.resolver';
import { YoungPeopleImportService } from './young-people-import.service';
import { RegisterSourcesResolver } from './register-sources/register-sources.resolver';
import { RegisterSourcesService } from './register-sources/register-sources.service';

/** CSV import of young people and schooling (school lists, population-register extracts). */
@Module({
  imports: [TypeOrmModule.forFeature([YoungPersonEntity]), AuditModule],
  controllers: [ImportsController],
  providers: [
    ImportsAbilities,
    YoungPeopleImportService,
    ImportsResolver,
    RegisterSourcesService,
    RegisterSourcesResolver,
  ],
})
export class ImportsModule {}
