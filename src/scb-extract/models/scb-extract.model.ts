import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@ObjectType('ScbExtract', { description: 'The half-year KAA extract for SCB as CSV' })
export class ScbExtractModel {
  @Field()
  fileName: string;

  @Field()
  periodStart: string;

  @Field()
  periodEnd: string;

  @Field(() => Int)
  rowCount: number;

  @Field(() => Int)
  youngPersonCount: number;

  @Field({
    description: 'CSV, comma-separated, header first, CRLF line ends; columns in README.md',
  })
  csv: string;
}

@ArgsType()
export class ScbExtractArgs {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => Int, { description: '1 = January–June, 2 = July–December' })
  @IsInt()
  @Min(1)
  @Max(2)
  half: number;
}
