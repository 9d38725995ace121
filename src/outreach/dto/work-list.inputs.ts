import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsUUID } from 'class-validator';
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
