import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageArgs } from '../core/graphql/connection';
import { OrganisationKind } from '../identity/role.enum';

@ArgsType()
export class OrganisationDirectoryArgs extends PageArgs {
  @Field({ nullable: true, description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @Field(() => OrganisationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field({ nullable: true, description: 'Kommunkod, four digits' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be four digits' })
  municipalityCode?: string;
}
