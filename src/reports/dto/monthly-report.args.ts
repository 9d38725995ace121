import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
export class MonthlyReportArgs {
  @Field({ description: 'First month, YYYY-MM' })
  @Matches(MONTH, { message: 'fromMonth must be YYYY-MM' })
  fromMonth: string;

  @Field({ description: 'Last month (inclusive), YYYY-MM; at most 24 months in all' })
  @Matches(MONTH, { message: 'toMonth must be YYYY-MM' })
  toMonth: string;
}
