import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { MonthlyReportArgs } from './monthly-report.args';

@ArgsType()
export class RegionReportArgs extends MonthlyReportArgs {
  @Field({ description: "The region's code (kommunförbund), e.g. SYDVASTRA-SKANE" })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'regionCode must be a region code' })
  regionCode: string;
}
