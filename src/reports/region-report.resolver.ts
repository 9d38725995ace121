import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { RegionReportArgs } from './dto/region-report.args';
import { MonthlyReportCsvModel } from './models/monthly-report.model';
import { RegionReportModel } from './models/region-report.model';
import { RegionReportService } from './region-report.service';
import { REGION_REPORT } from './reports.abilities';

@Resolver(() => RegionReportModel)
export class RegionReportResolver {
  constructor(private readonly reports: RegionReportService) {}

  @Allow(Action.Read, REGION_REPORT)
  @Query(() => RegionReportModel, {
    description:
      "MANAGER of a region's organisation (kommunförbund): the region-wide monthly report of " +
      'that region, the region and each member municipality month by month (at most 24 ' +
      'months). Aggregates only; cells counting fewer than 5 people show "<5", and so do region ' +
      'cells that would give such a cell away. Another region answers NOT_FOUND. Logged (READ, ' +
      'one row per member municipality, no young-person ids).',
  })
  regionReport(@Ctx() ctx: RequestContext, @Args() args: RegionReportArgs) {
    return this.reports.report(ctx, args);
  }

  @Allow(Action.Export, REGION_REPORT)
  @Query(() => MonthlyReportCsvModel, {
    description:
      "The region-wide report as CSV text: the monthly report's rows with an `area` column " +
      "first (the region's code, then each member's kommunkod), the same cells. Logged as EXPORT.",
  })
  regionReportCsv(@Ctx() ctx: RequestContext, @Args() args: RegionReportArgs) {
    return this.reports.csv(ctx, args);
  }
}
