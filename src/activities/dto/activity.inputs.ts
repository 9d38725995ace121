import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { ActivityKind } from '../activity.entity';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class CreateActivityInput {
  @Field(() => ActivityKind)
  @IsEnum(ActivityKind)
  kind: ActivityKind;

  @Field()
  @Trimmed(200, { column: 'activity.title' })
  title: string;

  @Field({ nullable: true })
  @Trimmed(200, { optional: true, min: 0, column: 'activity.place' })
  place?: string;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => Int, {
    nullable: true,
    description: 'Youngest age the activity is for (default 15)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  ageMin?: number;

  @Field(() => Int, { nullable: true, description: 'Oldest age the activity is for (default 25)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  ageMax?: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'Host organisation (often an association); an association leader always hosts its own',
  })
  @IsOptional()
  @IsUUID()
  hostOrganisationId?: string;
}

@InputType()
export class AttendanceInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100000)
  total: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  age15to17: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  age18to20: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  age21to25: number;

  @Field(() => Int, { defaultValue: 0, description: 'Attendees who came for the first time' })
  @IsInt()
  @Min(0)
  @Max(100000)
  firstTimers: number;
}

@ArgsType()
export class ActivitiesArgs extends PageArgs {
  @Field({ nullable: true, description: 'Activities starting at or after this instant' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Activities starting before this instant' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => ActivityKind, { nullable: true })
  @IsOptional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  hostOrganisationId?: string;
}
