import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

/** Periods in months, 0–240 (20 years). */
@InputType()
export class RetentionSettingsInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(240)
  kaaMonths: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(240)
  closedCaseMonths: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(240)
  noticeFlagMonths: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(240)
  withdrawnConsentMonths: number;
}
