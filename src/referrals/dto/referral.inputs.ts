import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { InformationCategory } from '../../consent/consent-category';
import {
  ReferralDeclineReason,
  ReferralDirection,
  ReferralOutcome,
  ReferralPurpose,
  ReferralState,
} from '../referral.enums';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class ReferralSectionInput {
  @Field(() => InformationCategory)
  @IsEnum(InformationCategory)
  category: InformationCategory;

  @Field()
  @Trimmed(5000, { column: 'referral_section.body' })
  body: string;
}

@InputType()
export class SendReferralInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => ID)
  @IsUUID()
  receiverOrganisationId: string;

  @Field(() => ReferralPurpose)
  @IsEnum(ReferralPurpose)
  purpose: ReferralPurpose;

  @Field({ nullable: true, description: 'Required for ASSOCIATION_ACTIVITY' })
  @Trimmed(200, { optional: true, min: 0, column: 'referral.activity' })
  activity?: string;

  @Field(() => [InformationCategory], {
    description: 'Each must be covered by a consent in force naming the receiver',
  })
  @IsEnum(InformationCategory, { each: true })
  @ArrayUnique()
  sharedCategories: InformationCategory[];

  @Field(() => [ReferralSectionInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => ReferralSectionInput)
  @ArrayMaxSize(7)
  sections: ReferralSectionInput[];

  @Field({ description: 'YYYY-MM-DD: the receiver should answer by then' })
  @IsISO8601({ strict: true })
  responseDueDate: string;
}

@InputType()
export class DeclineReferralInput {
  @Field(() => ReferralDeclineReason)
  @IsEnum(ReferralDeclineReason)
  reason: ReferralDeclineReason;

  @Field({ nullable: true, description: 'The receiver’s own note; never shown to the sender' })
  @Trimmed(2000, { optional: true, min: 0, column: 'referral.receiver_note' })
  note?: string;
}

@InputType()
export class CompleteReferralInput {
  @Field(() => ReferralOutcome)
  @IsEnum(ReferralOutcome)
  outcomeCode: ReferralOutcome;

  @Field({ nullable: true, description: 'The receiver’s own note; never shown to the sender' })
  @Trimmed(2000, { optional: true, min: 0, column: 'referral.receiver_note' })
  note?: string;
}

@InputType({
  description:
    'Exactly one: declineReason declines a SENT referral, outcomeCode completes an ACCEPTED one',
})
export class CloseReceivedReferralInput {
  @Field(() => ReferralDeclineReason, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralDeclineReason)
  declineReason?: ReferralDeclineReason;

  @Field(() => ReferralOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralOutcome)
  outcomeCode?: ReferralOutcome;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralDirection, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;

  @Field(() => ReferralState, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralState)
  state?: ReferralState;

  @Field({ nullable: true, description: 'Only SENT referrals past their response due date' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}
