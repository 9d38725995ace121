import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';

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
  @IsString()
  @MaxLength(2000)
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
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
