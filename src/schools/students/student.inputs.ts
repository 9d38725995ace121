import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { ProgrammeType } from '../../young-people/schooling.entity';
import { Trimmed } from '../../core/graphql/trimmed';

/**
 * What a counsellor knows about a student the portal may not have yet. A student the
 * school already sees (same personnummer) is reused as registered; otherwise the record
 * is made from what is given here, whatever the register elsewhere holds.
 */
@InputType()
export class NewStudentInput {
  @Field({ description: 'Personnummer or samordningsnummer (10 or 12 digits)' })
  @IsString()
  @MaxLength(13)
  personalNumber: string;

  @Field()
  @Trimmed(100, { column: 'young_person.given_name' })
  givenName: string;

  @Field()
  @Trimmed(100, { column: 'young_person.family_name' })
  familyName: string;

  @Field({ description: 'Kommunkod of the folkbokföring (home municipality)' })
  @Matches(/^[0-9]{4}$/)
  homeMunicipalityCode: string;

  @Field({ description: 'National programme code or introduction programme code, e.g. SA, IMV' })
  @Matches(/^[A-Z0-9]{2,10}$/)
  programmeCode: string;

  // A plain string: the programme-type enum belongs to the young-people domain's schema.
  @Field(() => String, {
    nullable: true,
    description: 'NATIONAL (default), INTRODUCTION, COMPULSORY or OTHER',
  })
  @IsOptional()
  @IsEnum(ProgrammeType)
  programmeType?: ProgrammeType;

  @Field({ description: 'First day at the school (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  startDate: string;
}

@ArgsType()
export class StudentsArgs extends PageArgs {}
