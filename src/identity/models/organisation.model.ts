import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { OrganisationEntity } from '../organisation.entity';
import { OrganisationKind } from '../role.enum';
import { UserModel } from './user.model';

@ObjectType('Organisation')
export class OrganisationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field()
  municipalityCode: string;

  @Field(() => String, {
    nullable: true,
    description: 'Functional mailbox or switchboard shown in the directory (never a person)',
  })
  contactPoint: string | null;

  static from(e: OrganisationEntity): OrganisationModel {
    return Object.assign(new OrganisationModel(), {
      id: e.id,
      name: e.name,
      kind: e.kind,
      municipalityCode: e.municipalityCode,
      contactPoint: e.contactPoint ?? null,
    });
  }
}

@ObjectType()
export class OrganisationConnection extends Connection(OrganisationModel, 'Organisation') {}

@ObjectType()
export class UserConnection extends Connection(UserModel, 'User') {}

@ObjectType('Municipality')
export class MunicipalityModel {
  @Field({ description: 'Kommunkod, four digits' })
  code: string;

  @Field()
  name: string;
}
