import { Field, ID, InputType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType({
  description:
    'Identify the child by youngPersonId, or by personalNumber with names and home municipality (used only when the child is not yet in the portal)',
})
export class SendConcernReportInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  personalNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  homeMunicipalityCode?: string;

  @Field({ description: 'What the reporter has seen or heard' })
  @Trimmed(10000, { column: 'concern_report.description' })
  description: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  immediateDanger: boolean;
}
