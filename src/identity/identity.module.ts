import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { IdentityAbilities } from './identity.abilities';
import { OrganisationsResolver, UsersResolver } from './identity.resolver';
import { MunicipalityEntity } from './municipality.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsService } from './organisations.service';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MunicipalityEntity, OrganisationEntity, UserEntity]),
    AuditModule,
  ],
  providers: [
    IdentityAbilities,
    OrganisationsService,
    UsersService,
    OrganisationsResolver,
    UsersResolver,
  ],
  exports: [UsersService, OrganisationsService],
})
export class IdentityModule {}
