import { Field, InputType, Int } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsInt, Max, Min } from 'class-validator';
import { SummerJobSector } from '../summer-job.entity';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class SummerJobOfferInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => SummerJobSector)
  @IsEnum(SummerJobSector)
  sector: SummerJobSector;

  @Field()
  @Trimmed(200, { column: 'summer_job_offer.employer_name' })
  employerName: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100000)
  positions: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  placements: number;
}

@InputType()
export class MembershipReportInput {
  @Field({ description: 'First day of the period (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  periodStart: string;

  @Field({ description: 'Last day of the period (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  periodEnd: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000000)
  membersBefore: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000000)
  membersAfter: number;
}
