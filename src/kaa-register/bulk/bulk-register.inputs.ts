import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { KaaEntryReason, KaaExitReason } from '../kaa-period.entity';

export const MAX_BULK_REGISTER_ROWS = 2000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class BulkEntryRowInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => KaaEntryReason)
  @IsEnum(KaaEntryReason)
  entryReason: KaaEntryReason;
}

@InputType()
export class OpenKaaPeriodsInput {
  @Field(() => [BulkEntryRowInput], { description: `1–${MAX_BULK_REGISTER_ROWS} people` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_REGISTER_ROWS)
  @ValidateNested({ each: true })
  @Type(() => BulkEntryRowInput)
  entries: BulkEntryRowInput[];

  @Field({ description: 'YYYY-MM-DD, the entry date of every new period' })
  @Matches(DATE, { message: 'entryDate must be YYYY-MM-DD' })
  entryDate: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A YOUTH_COORDINATOR of the caller’s team; defaults to the caller',
  })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'nextFollowUpDate must be YYYY-MM-DD' })
  nextFollowUpDate?: string;
}

@InputType()
export class BulkExitRowInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => KaaExitReason)
  @IsEnum(KaaExitReason)
  exitReason: KaaExitReason;
}

@InputType()
export class CloseKaaPeriodsInput {
  @Field(() => [BulkExitRowInput], { description: `1–${MAX_BULK_REGISTER_ROWS} people` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_REGISTER_ROWS)
  @ValidateNested({ each: true })
  @Type(() => BulkExitRowInput)
  exits: BulkExitRowInput[];

  @Field({ description: 'YYYY-MM-DD, the exit date of every closed period' })
  @Matches(DATE, { message: 'exitDate must be YYYY-MM-DD' })
  exitDate: string;
}
