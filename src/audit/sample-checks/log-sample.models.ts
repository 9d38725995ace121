import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';
import { AccessLogModel } from '../models/access-log.model';
import { Trimmed } from '../../core/graphql/trimmed';

export enum SampleVerdict {
  JUSTIFIED = 'JUSTIFIED',
  /** Not justified by the work: needs a comment on what was wrong. */
  DEVIATION = 'DEVIATION',
}
registerEnumType(SampleVerdict, { name: 'SampleVerdict' });

@ObjectType('LogSampleItem', { description: 'One drawn read and the auditor’s verdict' })
export class LogSampleItemModel {
  @Field(() => ID)
  id: string;

  @Field(() => AccessLogModel)
  entry: AccessLogModel;

  @Field(() => SampleVerdict, { nullable: true })
  verdict: SampleVerdict | null;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => ID, { nullable: true })
  reviewedByUserId: string | null;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;
}

@ObjectType('LogSampleCheck', {
  description: 'A recurring log check: reads drawn at random from a period, marked and signed off',
})
export class LogSampleCheckModel {
  @Field(() => ID)
  id: string;

  @Field()
  municipalityCode: string;

  @Field({ description: 'First day of the period (Stockholm date)' })
  periodStart: string;

  @Field({ description: 'Day after the period' })
  periodEnd: string;

  @Field(() => Int)
  sampleSize: number;

  @Field()
  drawnAt: Date;

  @Field(() => ID, { nullable: true, description: 'Null when the scheduled job drew it' })
  drawnByUserId: string | null;

  @Field(() => Date, { nullable: true })
  signedOffAt: Date | null;

  @Field(() => ID, { nullable: true })
  signedOffByUserId: string | null;

  @Field(() => String, { nullable: true })
  signOffComment: string | null;

  @Field(() => Int, { description: 'Items marked as deviations' })
  deviations: number;

  @Field(() => Int, { description: 'Items not yet marked' })
  unmarked: number;
}

@ObjectType()
export class LogSampleCheckConnection extends Connection(LogSampleCheckModel, 'LogSampleCheck') {}

@ArgsType()
export class LogSampleChecksArgs extends PageArgs {}

@InputType()
export class DrawLogSampleInput {
  @Field({ description: 'YYYY-MM-DD, first day' })
  @IsDateString({ strict: true })
  periodStart: string;

  @Field({ description: 'YYYY-MM-DD, the day after the period; not in the future' })
  @IsDateString({ strict: true })
  periodEnd: string;

  @Field(() => Int, { nullable: true, description: 'Reads to draw, 1–200 (default 20)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  sampleSize?: number;
}

@InputType()
export class MarkLogSampleItemInput {
  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field(() => SampleVerdict)
  @IsEnum(SampleVerdict)
  verdict: SampleVerdict;

  @Field({ nullable: true, description: 'Required for a deviation; no personal data' })
  @Trimmed(2000, { optional: true, column: 'log_sample_item.comment' })
  comment?: string;
}

@InputType()
export class SignOffLogSampleInput {
  @Field({ nullable: true })
  @Trimmed(2000, { optional: true, column: 'log_sample_check.sign_off_comment' })
  comment?: string;
}
