import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

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

  @Field(() => Int, {
    nullable: true,
    description:
      'Years the access log is kept, 1–100, on its own period (default 5; omitted: unchanged)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  accessLogYears?: number;
}
