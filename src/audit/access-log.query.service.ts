import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { AccessLogEntity } from './access-log.entity';
import { AccessLogArgs, AccessLogModel } from './models/access-log.model';

/** The auditor's search: rows of the own municipality, newest first. */
@Injectable()
export class AccessLogQueryService {
  constructor(private readonly ds: DataSource) {}

  async search(ctx: RequestContext, args: AccessLogArgs): Promise<Page<AccessLogModel>> {
    const qb = this.ds.getRepository(AccessLogEntity).createQueryBuilder('l');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'AccessLog'))
      return toPage([], 0, 0, () => []);
    if (args.userId) qb.andWhere('l.actor_user_id = :userId', { userId: args.userId });
    if (args.organisationId)
      qb.andWhere('l.actor_organisation_id = :orgId', { orgId: args.organisationId });
    if (args.youngPersonId)
      qb.andWhere('l.young_person_ids @> ARRAY[:yp]::uuid[]', { yp: args.youngPersonId });
    if (args.subjectId)
      qb.andWhere('l.subject_ids @> ARRAY[:sid]::uuid[]', { sid: args.subjectId });
    if (args.action) qb.andWhere('l.action = :action', { action: args.action });
    if (args.requestId) qb.andWhere('l.request_id = :requestId', { requestId: args.requestId });
    if (args.legalBasis) qb.andWhere('l.legal_basis = :basis', { basis: args.legalBasis });
    if (args.subjectType) qb.andWhere('l.subject_type = :type', { type: args.subjectType });
    if (args.from) qb.andWhere('l.occurred_at >= :from', { from: args.from });
    if (args.to) qb.andWhere('l.occurred_at < :to', { to: args.to });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [id] = decodeCursor(args.after, 1);
      qb.andWhere('l.id < :cursorId', { cursorId: String(id) });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('l.id', 'DESC')
      .take(size + 1)
      .getMany();
    return toPage(rows.map(AccessLogModel.from), size, total, (r) => [r.id]);
  }
}
