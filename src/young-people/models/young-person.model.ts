import type { PersonBasis } from '../young-person.access';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { OccupationModel } from '../../kaa-register/models/occupation.model';
import { ProgrammeType, SchoolingStatus } from '../schooling.entity';

registerEnumType(ProgrammeType, {
  name: 'ProgrammeType',
  description:
    'NATIONAL: a national upper-secondary programme; INTRODUCTION: introduktionsprogram (does not take a person out of KAA); COMPULSORY: grundskola',
});
registerEnumType(SchoolingStatus, { name: 'SchoolingStatus' });

const HIDDEN = 'null when the caller may not see it';

@ObjectType('YoungPerson', {
  description:
    'A young person. Fields the caller may not read are null: address and contact of a person with protected identity are null for every user without the PROTECTED_IDENTITY permission.',
})
export class YoungPersonModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: `Personnummer/samordningsnummer, 12 digits; ${HIDDEN}`,
  })
  personalNumber: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Samordningsnummer (day + 60)' })
  coordinationNumber: boolean | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, derived from the personnummer' })
  birthDate: string | null;

  @Field(() => Int, { nullable: true, description: 'Age today (Swedish time), in whole years' })
  age: number | null;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true, description: 'Folkbokföringskommun (4-digit code)' })
  homeMunicipalityCode: string | null;

  @Field(() => String, { nullable: true, description: HIDDEN })
  streetAddress: string | null;

  @Field(() => String, { nullable: true, description: HIDDEN })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: HIDDEN })
  city: string | null;

  @Field(() => String, { nullable: true, description: HIDDEN })
  phone: string | null;

  @Field(() => String, { nullable: true, description: HIDDEN })
  email: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Skyddade personuppgifter: address and contact are hidden and never exported',
  })
  protectedIdentity: boolean | null;

  @Field({
    description: 'True when address or contact fields were withheld from the caller',
  })
  contactHidden: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'In an open KAA period of the home municipality; null outside the register view',
  })
  inKaa: boolean | null;

  @Field(() => OccupationModel, {
    nullable: true,
    description: 'The latest occupation record valid today (home municipality register)',
  })
  currentOccupation: OccupationModel | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Vetskap: a current occupation exists and is not UNKNOWN',
  })
  known: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Latest contact attempt (any channel)' })
  lastContactAt: Date | null;

  @Field()
  createdAt: Date;

  /** Field permissions of this row for the caller (not exposed). */
  readable: Set<string>;

  /** The legal basis of the caller's read, decided with the row (not exposed). */
  access?: PersonBasis;
}

@ObjectType('YoungPersonConnection')
export class YoungPersonConnection extends Connection(YoungPersonModel, 'YoungPerson') {}

@ObjectType('Guardian', { description: 'Vårdnadshavare; contact is null under protected identity' })
export class GuardianModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  streetAddress: string | null;

  @Field({ description: 'The guardian declined contact with the youth team' })
  declinedContact: boolean;

  @Field(() => Date, { nullable: true })
  declinedContactAt: Date | null;
}

@ObjectType('Schooling', { description: 'One school placement in the schooling history' })
export class SchoolingModel {
  @Field(() => ID)
  id: string;

  @Field()
  schoolName: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The school organisation, when it uses the portal',
  })
  schoolOrganisationId: string | null;

  @Field({
    description: 'National programme code (e.g. EK) or introduktionsprogram code (e.g. IMA)',
  })
  programmeCode: string;

  @Field(() => ProgrammeType)
  programmeType: ProgrammeType;

  @Field()
  startDate: string;

  @Field(() => String, { nullable: true })
  endDate: string | null;

  @Field(() => SchoolingStatus)
  status: SchoolingStatus;
}
