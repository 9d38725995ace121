import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { NotFoundError } from '../core/errors/domain-error';
import { RegionReportArgs } from './dto/region-report.args';
import { MonthlyReportCsvModel } from './models/monthly-report.model';
import { RegionMunicipalityModel, RegionReportModel } from './models/region-report.model';
import { reportToCsv } from './monthly-report.csv';
import { monthSpan, MonthlyReportService, toReport } from './monthly-report.service';
import { protectRegionTotals, sumCounts } from './region-totals';
import { CellFactory, csvLine } from './report-cells';
import { REGION_REPORT } from './reports.abilities';

/**
 * The region-wide (kommunförbund) report for a MANAGER of an organisation of the region:
 * the region's figures and each member municipality's monthly report, from the same eight
 * statements as one municipality's report. Cells under 5 are suppressed (a region manager
 * is never the youth team), and region cells that would give a hidden member cell away
 * too (region-totals.ts). Logged as the monthly report is, one row per member municipality
 * so that each member's auditors see the read of its figures.
 */
@Injectable()
export class RegionReportService {
  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    private readonly reports: MonthlyReportService,
    private readonly log: AccessLogWriter,
  ) {}

  async report(ctx: RequestContext, args: RegionReportArgs): Promise<RegionReportModel> {
    const report = await this.build(ctx, args, Action.Read);
    await this.logRequest(ctx, report, AccessAction.READ);
    return report;
  }

  /** One CSV: the monthly report's rows with an `area` column first (the region, then each member). */
  async csv(ctx: RequestContext, args: RegionReportArgs): Promise<MonthlyReportCsvModel> {
    const report = await this.build(ctx, args, Action.Export);
    const lines: string[] = [];
    for (const area of [report.region, ...report.municipalities]) {
      const [head, ...rows] = reportToCsv(area).trimEnd().split('\r\n');
      if (!lines.length) lines.push(`${csvLine(['area'])},${head}`);
      for (const row of rows) lines.push(`${csvLine([area.municipalityCode])},${row}`);
    }
    await this.logRequest(ctx, report, AccessAction.EXPORT);
    return Object.assign(new MonthlyReportCsvModel(), {
      fileName: `kaa-region-report-${report.regionCode}-${args.fromMonth}-${args.toMonth}.csv`,
      csv: lines.join('\r\n') + '\r\n',
    });
  }

  private async build(
    ctx: RequestContext,
    args: RegionReportArgs,
    action: Action,
  ): Promise<RegionReportModel> {
    monthSpan(args.fromMonth, args.toMonth);
    // Another region, and one that does not exist, answer alike (NOT_FOUND).
    if (!ctx.ability.can(action, subject(REGION_REPORT, { regionCode: args.regionCode })))
      throw new NotFoundError('Region');
    const rows: { region_name: string; code: string; name: string }[] = await this.ds.query(
      `SELECT r.name AS region_name, m.code, m.name
         FROM region r
         JOIN region_municipality rm ON rm.region_code = r.code
         JOIN municipality m ON m.code = rm.municipality_code
        WHERE r.code = $1
        ORDER BY m.code`,
      [args.regionCode],
    );
    if (!rows.length) throw new NotFoundError('Region');
    const codes = rows.map((r) => r.code);
    const counts = await this.reports.countsOf(codes, args.fromMonth, args.toMonth);
    const cells = new CellFactory(true);
    const municipalities = codes.map((code) => toReport(code, counts.get(code)!, args, cells));
    const region = protectRegionTotals(
      toReport(args.regionCode, sumCounts([...counts.values()], args.regionCode), args, cells),
      municipalities,
      cells,
    );
    return Object.assign(new RegionReportModel(), {
      regionCode: args.regionCode,
      name: rows[0].region_name,
      fromMonth: args.fromMonth,
      toMonth: args.toMonth,
      smallCountsSuppressed: true,
      members: rows.map((r) =>
        Object.assign(new RegionMunicipalityModel(), { code: r.code, name: r.name }),
      ),
      region,
      municipalities,
    });
  }

  private logRequest(ctx: RequestContext, report: RegionReportModel, action: AccessAction) {
    return this.log.record(
      this.ds.manager,
      ctx,
      report.members.map((m) => ({
        action,
        subjectType: 'MONTHLY_REPORT',
        subjectIds: [],
        fields: [`region:${report.regionCode}`, `months:${report.fromMonth}..${report.toMonth}`],
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: m.code,
      })),
    );
  }
}
