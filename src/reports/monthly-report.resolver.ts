import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ReportDocumentArgs,
  ReportDocumentModel,
  ReportLanguageEnum,
  ReportRowModel,
} from './document/report-document.model';
import { reportRows } from './document/report-rows';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { MonthlyReportArgs } from './dto/monthly-report.args';
import { MonthlyReportCsvModel, MonthlyReportModel } from './models/monthly-report.model';
import { MonthlyReportService } from './monthly-report.service';
import { MONTHLY_REPORT } from './reports.abilities';

@Resolver(() => MonthlyReportModel)
export class MonthlyReportResolver {
  constructor(private readonly reports: MonthlyReportService) {}

  @Allow(Action.Read, MONTHLY_REPORT)
  @Query(() => MonthlyReportModel, {
    description:
      'YOUTH_COORDINATOR (youth team), MANAGER: the KAA monthly report of the own municipality, ' +
      'month by month (at most 24 months). Aggregates only; cells counting fewer than 5 people ' +
      'show "<5" to everyone but the youth team. Logged (READ, no young-person ids).',
  })
  monthlyReport(@Ctx() ctx: RequestContext, @Args() args: MonthlyReportArgs) {
    return this.reports.report(ctx, args);
  }

  @Allow(Action.Export, MONTHLY_REPORT)
  @Query(() => MonthlyReportCsvModel, {
    description:
      'The monthly report as CSV text, with the same cells and suppression. Logged as EXPORT.',
  })
  monthlyReportCsv(@Ctx() ctx: RequestContext, @Args() args: MonthlyReportArgs) {
    return this.reports.csv(ctx, args);
  }

  @Allow(Action.Export, MONTHLY_REPORT)
  @Query(() => ReportDocumentModel, {
    description:
      'The monthly report as the coordinator hands it in: XLSX, or PDF laid out like seeds/004 (period, free-text sections, month-by-month table with totals, chart of register size and andel vetskap). Swedish by default. The same cells and suppression as monthlyReport. Logged as EXPORT.',
  })
  monthlyReportDocument(@Ctx() ctx: RequestContext, @Args() args: ReportDocumentArgs) {
    return this.reports.document(ctx, args);
  }

  @ResolveField(() => [ReportRowModel], {
    description:
      'The figures as labelled rows in the order of seeds/004, with the period totals; "Aktuella i IKE" is inRegisterAtMonthEnd',
  })
  rows(
    @Parent() report: MonthlyReportModel,
    @Args('language', { type: () => ReportLanguageEnum, defaultValue: ReportLanguageEnum.SV })
    language: ReportLanguageEnum,
  ): ReportRowModel[] {
    return reportRows(report, language);
  }
}
