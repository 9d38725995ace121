import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { Trimmed } from '../../core/graphql/trimmed';

export const MIN_REASON_LENGTH = 20;

@InputType()
export class OpenEmergencyAccessInput {
  @Field(() => ID, { nullable: true, description: 'Open everything about this young person' })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;

  @Field(() => ID, { nullable: true, description: 'Or open one case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @Field({ description: `Why, in writing: at least ${MIN_REASON_LENGTH} characters` })
  @Trimmed(2000, {
    min: MIN_REASON_LENGTH,
    column: 'emergency_access.reason',
    message: `Emergency access needs a written reason of ${MIN_REASON_LENGTH} to 2000 characters`,
  })
  reason: string;
}

@ArgsType()
export class EmergencyReviewArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'false: awaiting review (default); true: reviewed' })
  @IsBoolean()
  reviewed: boolean;
}

@InputType()
export class ReviewEmergencyAccessInput {
  @Field({ nullable: true })
  @Trimmed(2000, { optional: true, min: 0, column: 'emergency_access.review_note' })
  note?: string;
}
