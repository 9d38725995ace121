import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, PageArgs, pageSize, toPage } from '../core/graphql/connection';
import { groupedEntries } from '../consent/access-basis';
import { ConcernReportEntity } from './concern-report.entity';
import { ConcernReportModel } from './models/concern-report.model';

/** A report the caller sees, with the legal basis authz.concern_report_basis gave it. */
type VisibleConcernReport = ConcernReportEntity & { basis: LegalBasis };

/** Reading concern reports: the sender and the receiving social services (DESIGN.md §6a). */
@Injectable()
export class ConcernReportReadsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  /**
   * Reports the caller sent or received, newest first. Row-level security decides which
   * (authz.sees_concern_report); the narrowing only lets PostgreSQL start from the sender
   * or receiver instead of judging every report.
   */
  async list(ctx: RequestContext, args: PageArgs): Promise<Page<ConcernReportModel>> {
    const qb = this.visible().where(
      '(r.sender_organisation_id = :org OR r.receiver_organisation_ids @> ARRAY[:org]::uuid[])',
      { org: ctx.actor.organisationId },
    );
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(r.created_at, r.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await withBasis(
      qb
        .orderBy('r.created_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(size + 1),
    );
    this.logRead(ctx, rows.slice(0, size));
    return toPage(
      rows.map((r) => ConcernReportModel.from(r, ctx.actor.organisationId)),
      size,
      total,
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ConcernReportModel> {
    const [found] = await withBasis(this.visible().where('r.id = :id', { id }));
    if (!found) throw new NotFoundError('Concern report');
    this.logRead(ctx, [found]);
    return ConcernReportModel.from(found, ctx.actor.organisationId);
  }

  /** Reports as row-level security lets them through, with authz.concern_report_basis. */
  private visible() {
    return this.ds
      .getRepository(ConcernReportEntity)
      .createQueryBuilder('r')
      .addSelect(
        'authz.concern_report_basis(r.sender_organisation_id, r.receiver_organisation_ids)',
        'basis',
      );
  }

  private logRead(ctx: RequestContext, rows: VisibleConcernReport[]): void {
    const items = rows.map((r) => ({
      subjectId: r.id,
      youngPersonId: r.youngPersonId,
      municipalityCode: r.municipalityCode,
      legalBasis: r.basis,
      consentIds: [],
    }));
    for (const e of groupedEntries(AccessAction.READ, 'CONCERN_REPORT', items))
      this.log.read(ctx, e);
  }
}

async function withBasis(
  qb: SelectQueryBuilder<ConcernReportEntity>,
): Promise<VisibleConcernReport[]> {
  const { entities, raw } = await qb.getRawAndEntities<{ basis: LegalBasis }>();
  return entities.map((e, i) => Object.assign(e, { basis: raw[i].basis }));
}
