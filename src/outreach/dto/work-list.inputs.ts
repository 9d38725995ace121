import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { WorkListReason } from '../outreach.enums';

@ArgsType()
export class WorkListArgs extends PageArgs {
  @Field(() => WorkListReason, {
    nullable: true,
    description: 'Only rows to which this reason applies (in `reasons`)',
  })
  @IsOptional()
  @IsEnum(WorkListReason)
  reason?: WorkListReason;

  @Field({ nullable: true, description: 'Only young people the caller is responsible for' })
  @IsOptional()
  @IsBoolean()
  responsibleIsMe?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string;

  @Field(() => Int, { nullable: true, description: 'Age band: at least this age today' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  minAge?: number;

  @Field(() => Int, { nullable: true, description: 'Age band: at most this age today' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  maxAge?: number;

  @Field({ nullable: true, description: 'true: only under 18; false: only 18 and over' })
  @IsOptional()
  @IsBoolean()
  under18?: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only those with `daysSinceLastContact` at least this (no contact for so many days)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  minDaysSinceLastContact?: number;
}

@InputType()
export class AssignResponsibleCoordinatorInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => ID, { description: 'A YOUTH_COORDINATOR of the caller’s own youth team' })
  @IsUUID()
  userId: string;
}

@InputType()
export class ScheduleFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field({ description: 'YYYY-MM-DD, today or later' })
  @IsISO8601({ strict: true })
  date: string;
}
