import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { isStatutoryYouthTeam } from '../core/authorization/statutory-youth-team';
import { SqlParams } from '../core/database/sql-params';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { ScbRow, SCB_COLUMNS, toCsv } from './scb-extract.columns';
import { measureEventsSql, scbExtractSql } from './scb-extract.sql';
import { ScbExtractModel } from './models/scb-extract.model';

/** The half-year's first and last day: half 1 = January–June, 2 = July–December. */
export function halfYearRange(year: number, half: number): { start: string; end: string } {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new BadInputError('year must be between 2000 and 2100', { field: 'year' });
  }
  if (half !== 1 && half !== 2) throw new BadInputError('half must be 1 or 2', { field: 'half' });
  return half === 1
    ? { start: `${year}-01-01`, end: `${year}-06-30` }
    : { start: `${year}-07-01`, end: `${year}-12-31` };
}

/**
 * The half-year KAA extract for SCB (DESIGN.md §2): registration data, contacts with the
 * occupation at contact, measures started and ended, register exits with reason. Logged
 * as one EXPORT row before the file leaves.
 */
@Injectable()
export class ScbExtractService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async extract(ctx: RequestContext, year: number, half: number): Promise<ScbExtractModel> {
    const { start, end } = halfYearRange(year, half);
    // The municipality's own register periods, including those of people who have since
    // moved away: their MOVED_AWAY exit is this municipality's to report.
    if (!isStatutoryYouthTeam(ctx.actor)) throw new NotFoundError('Register');
    const p = new SqlParams();
    const range = { start: p.add(start), end: p.add(end) };
    const sql = scbExtractSql({
      municipality: p.add(ctx.actor.municipalityCode),
      ...range,
      measures: measureEventsSql(range),
    });
    const rows: (ScbRow & { young_person_id: string })[] = await this.ds.query(sql, p.values);
    const youngPersonIds = [...new Set(rows.map((r) => r.young_person_id))];
    if (youngPersonIds.length > 0) {
      await this.log.record(this.ds.manager, ctx, [
        {
          action: AccessAction.EXPORT,
          subjectType: 'SCB_EXTRACT',
          subjectIds: youngPersonIds,
          youngPersonIds,
          fields: SCB_COLUMNS.map((c) => c.name),
          legalBasis: LegalBasis.STATUTORY_DUTY,
          subjectMunicipalityCode: ctx.actor.municipalityCode,
        },
      ]);
    }
    return Object.assign(new ScbExtractModel(), {
      fileName: `kaa-scb-${ctx.actor.municipalityCode}-${year}-H${half}.csv`,
      periodStart: start,
      periodEnd: end,
      rowCount: rows.length,
      youngPersonCount: youngPersonIds.length,
      csv: toCsv(rows),
    });
  }

}
