import { Field, ID, InputType, Int, ArgsType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { ProgrammeType, SchoolingStatus } from '../schooling.entity';
import '../models/young-person.model';
import { Trimmed } from '../../core/graphql/trimmed';

const PHONE = /^\+?[0-9 ()-]{5,20}$/;
const MUNICIPALITY = /^[0-9]{4}$/;

@InputType()
export class GuardianInput {
  @Field()
  @Trimmed(200, { column: 'guardian.name' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be digits, spaces, +, - or parentheses' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streetAddress?: string | null;

  @Field({ defaultValue: false, description: 'The guardian declined contact with the youth team' })
  @IsBoolean()
  declinedContact: boolean;
}

/** Address, contact and language: the same optional, clearable fields on create and update. */
@InputType({ isAbstract: true })
abstract class YoungPersonContactInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{3} ?[0-9]{2}$/, { message: 'postalCode must be 5 digits (e.g. 231 42)' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be digits, spaces, +, - or parentheses' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. sv, ar, so' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  preferredLanguage?: string | null;
}

@InputType()
export class CreateYoungPersonInput extends YoungPersonContactInput {
  @Field({
    description:
      'Personnummer or samordningsnummer in any common form: YYMMDD-NNNN, YYMMDD+NNNN (100 or older), YYMMDDNNNN, YYYYMMDDNNNN, YYYYMMDD-NNNN',
  })
  @IsString()
  @MaxLength(20)
  personalNumber: string;

  @Field()
  @Trimmed(100, { column: 'young_person.given_name' })
  givenName: string;

  @Field()
  @Trimmed(100, { column: 'young_person.family_name' })
  familyName: string;

  @Field(() => String, {
    nullable: true,
    description: 'Folkbokföringskommun; defaults to, and must be, the caller’s municipality',
  })
  @IsOptional()
  @Matches(MUNICIPALITY, { message: 'homeMunicipalityCode must be 4 digits' })
  homeMunicipalityCode?: string;

  @Field({ defaultValue: false, description: 'Skyddade personuppgifter' })
  @IsBoolean()
  protectedIdentity: boolean;

  @Field(() => [GuardianInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => GuardianInput)
  guardians?: GuardianInput[];
}

@InputType({ description: 'Only the fields given change; null clears an optional field' })
export class UpdateYoungPersonInput extends YoungPersonContactInput {
  @Field(() => String, { nullable: true, description: 'A corrected personnummer, any common form' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  personalNumber?: string;

  @Field(() => String, { nullable: true })
  @Trimmed(100, { optional: true, column: 'young_person.given_name' })
  givenName?: string;

  @Field(() => String, { nullable: true })
  @Trimmed(100, { optional: true, column: 'young_person.family_name' })
  familyName?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A new folkbokföringskommun (moved away): the person leaves the caller’s view, the open KAA period stays until closed with MOVED_AWAY',
  })
  @IsOptional()
  @Matches(MUNICIPALITY, { message: 'homeMunicipalityCode must be 4 digits' })
  homeMunicipalityCode?: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  protectedIdentity?: boolean;
}

@InputType()
export class UpdateGuardianInput {
  @Field(() => String, { nullable: true })
  @Trimmed(200, { optional: true, column: 'guardian.name' })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be digits, spaces, +, - or parentheses' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streetAddress?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  declinedContact?: boolean;
}

export enum YoungPeopleSort {
  NAME = 'NAME',
  AGE_ASC = 'AGE_ASC',
  AGE_DESC = 'AGE_DESC',
  LAST_CONTACT = 'LAST_CONTACT',
  NEWEST = 'NEWEST',
}

registerEnumType(YoungPeopleSort, {
  name: 'YoungPeopleSort',
  description:
    'NAME: family then given name; AGE_ASC: youngest first; AGE_DESC: oldest first; LAST_CONTACT: never contacted first, then longest since contact; NEWEST: most recently registered first',
});

@ArgsType()
export class YoungPeopleArgs extends PageArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: in an open KAA period of the home municipality; false: not',
  })
  @IsOptional()
  @IsBoolean()
  inKaa?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: current occupation known (vetskap); false: unknown or never recorded',
  })
  @IsOptional()
  @IsBoolean()
  known?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  minAge?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(130)
  maxAge?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name of a school where the person is enrolled now',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  school?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A school organisation with an active enrolment',
  })
  @IsOptional()
  @IsUUID()
  schoolOrganisationId?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Last contact before this time (never-contacted people do not match)',
  })
  @IsOptional()
  @IsDate()
  lastContactBefore?: Date;

  @Field(() => Date, { nullable: true, description: 'Last contact at or after this time' })
  @IsOptional()
  @IsDate()
  lastContactAfter?: Date;

  @Field(() => Boolean, { nullable: true, description: 'true: never contacted; false: contacted' })
  @IsOptional()
  @IsBoolean()
  neverContacted?: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the name, or a personnummer (any form, or its first digits). Never matches address or contact.',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;

  @Field(() => YoungPeopleSort, { defaultValue: YoungPeopleSort.NAME })
  @IsEnum(YoungPeopleSort)
  sort: YoungPeopleSort;
}

@InputType()
export class AddSchoolingInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field()
  @Trimmed(200, { column: 'schooling.school_name' })
  schoolName: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  schoolOrganisationId?: string | null;

  @Field({ description: 'National programme code (EK, NA, ...) or IM code (IMA, IMV, IMS, ...)' })
  @Matches(/^[A-Z0-9]{2,10}$/, { message: 'programmeCode must be 2–10 capital letters or digits' })
  programmeCode: string;

  @Field(() => ProgrammeType)
  @IsEnum(ProgrammeType)
  programmeType: ProgrammeType;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be YYYY-MM-DD' })
  startDate: string;
}

@InputType()
export class EndSchoolingInput {
  @Field({ description: 'YYYY-MM-DD, not before the start' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be YYYY-MM-DD' })
  endDate: string;

  @Field(() => SchoolingStatus, { description: 'COMPLETED or INTERRUPTED' })
  @IsEnum(SchoolingStatus)
  status: SchoolingStatus;
}
