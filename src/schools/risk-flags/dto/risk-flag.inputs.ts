import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsDateString,
  IsEnum,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../../core/graphql/connection';
import { ConsentGiver, ConsentMethod, ConsentWithdrawnBy } from '../../../consent/consent-category';
import { MeetingStatus, RiskFlagStatus, RiskIndicator, RiskSeverity } from '../risk-flag.enums';
import { Trimmed } from '../../../core/graphql/trimmed';

@InputType({
  description:
    'A consent to share the flag: documented as a consent record (category SCHOOL) naming the home municipality youth team',
})
export class FlagConsentInput {
  @Field(() => [ConsentGiver], {
    description:
      "E.g. YOUNG_PERSON or [YOUNG_PERSON, ONE_GUARDIAN]; the home municipality's consent policy decides what suffices",
  })
  @IsEnum(ConsentGiver, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  givenBy: ConsentGiver[];

  @Field(() => ConsentMethod)
  @IsEnum(ConsentMethod)
  method: ConsentMethod;

  @Field({ description: 'The day the consent was given (YYYY-MM-DD), not in the future' })
  @IsDateString({ strict: true })
  givenOn: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The first day it no longer holds (YYYY-MM-DD); defaults to the 20th birthday, at least a year after givenOn',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  validUntil?: string;
}

@InputType({ description: 'The withdrawal of a flag consent, as WithdrawConsentInput' })
export class WithdrawFlagConsentInput {
  @Field(() => ConsentWithdrawnBy, {
    nullable: true,
    description: 'Defaults to whoever gave the consent (the young person first)',
  })
  @IsOptional()
  @IsEnum(ConsentWithdrawnBy)
  withdrawnBy?: ConsentWithdrawnBy;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@InputType()
export class RaiseRiskFlagInput {
  @Field(() => ID, { description: 'A young person with an active schooling at your school' })
  @IsUUID()
  youngPersonId: string;

  @Field(() => [RiskIndicator])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsEnum(RiskIndicator, { each: true })
  indicators: RiskIndicator[];

  @Field(() => Float, { nullable: true, description: 'Required with HIGH_ABSENCE, 0–100' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  absencePercentage?: number;

  @Field(() => RiskSeverity)
  @IsEnum(RiskSeverity)
  severity: RiskSeverity;

  @Field({ nullable: true, description: 'A short note; no health details' })
  @Trimmed(500, { optional: true, min: 0, column: 'risk_flag.note' })
  note?: string;

  @Field(() => FlagConsentInput, {
    nullable: true,
    description: 'Consent to share the flag with the home municipality youth team',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FlagConsentInput)
  consent?: FlagConsentInput;
}

@InputType()
export class BookPreventiveMeetingInput {
  @Field(() => ID)
  @IsUUID()
  riskFlagId: string;

  @Field()
  @IsDate()
  meetingAt: Date;

  @Field(() => [String], { description: 'Who takes part, e.g. "elev", "mentor", "vårdnadshavare"' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  participants: string[];
}

@InputType()
export class UpdatePreventiveMeetingInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field(() => MeetingStatus, { description: 'HELD or CANCELLED' })
  @IsIn([MeetingStatus.HELD, MeetingStatus.CANCELLED])
  status: MeetingStatus;
}

@InputType()
export class ChangeRiskFlagStatusInput {
  @Field(() => ID)
  @IsUUID()
  riskFlagId: string;

  @Field(() => RiskFlagStatus, {
    description:
      'PLAN_AGREED or RESOLVED; MEETING_BOOKED comes from booking a meeting, ESCALATED from sending a notice',
  })
  @IsEnum(RiskFlagStatus)
  status: RiskFlagStatus;
}

@ArgsType()
export class RiskFlagsArgs extends PageArgs {
  @Field(() => RiskFlagStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RiskFlagStatus)
  status?: RiskFlagStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;
}

@ArgsType()
export class RiskFlagIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
