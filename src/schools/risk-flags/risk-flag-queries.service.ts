import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { NotFoundError } from '../../core/errors/domain-error';
import { Page, pageSize, toPage } from '../../core/graphql/connection';
import { decodeIdCursor } from '../id-cursor';
import { RiskFlagsArgs } from './dto/risk-flag.inputs';
import { RiskFlagModel } from './models/risk-flag.model';
import { flagAccessEntry, FLAG_FIELDS } from './risk-flag-access';
import { applyFlagScope, GRANTING_CONSENT_IDS, selectGrantingConsents } from './risk-flag-scope';
import { RiskFlagEntity } from './risk-flag.entity';

/** Reading flags: every query is scoped in SQL (risk-flag-scope.ts); what is not visible is not found. */
@Injectable()
export class RiskFlagQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(ctx: RequestContext, args: RiskFlagsArgs): Promise<Page<RiskFlagModel>> {
    const qb = this.ds.getRepository(RiskFlagEntity).createQueryBuilder('f');
    if (!applyFlagScope(qb, ctx, Action.Read)) return toPage([], 0, 0, () => []);
    if (args.status) qb.andWhere('f.status = :status', { status: args.status });
    if (args.youngPersonId) qb.andWhere('f.young_person_id = :yp', { yp: args.youngPersonId });
    const total = await qb.clone().getCount();
    if (args.after) {
      // The cursor row's own timestamp, so microseconds never get lost in a cursor.
      qb.andWhere(
        '(f.created_at, f.id) < (SELECT c.created_at, c.id FROM risk_flag c WHERE c.id = :cId::uuid)',
        { cId: decodeIdCursor(args.after) },
      );
    }
    const size = pageSize(args);
    const rows = await readWithBasis(
      ctx,
      qb
        .orderBy('f.created_at', 'DESC')
        .addOrderBy('f.id', 'DESC')
        .take(size + 1),
    );
    const page = toPage(rows, size, total, (r) => [r.flag.id]);
    const shown = page.edges.map((e) => e.node);
    this.log.read(
      ctx,
      flagAccessEntry(
        ctx,
        AccessAction.SEARCH,
        shown.map((r) => r.flag),
        FLAG_FIELDS,
        shown.flatMap((r) => r.consentIds),
      ),
    );
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: RiskFlagModel.from(e.node.flag) })),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<RiskFlagModel> {
    const qb = this.ds
      .getRepository(RiskFlagEntity)
      .createQueryBuilder('f')
      .where('f.id = :id', { id });
    const [found] = applyFlagScope(qb, ctx, Action.Read) ? await readWithBasis(ctx, qb) : [];
    if (!found) throw new NotFoundError('Risk flag');
    this.log.read(
      ctx,
      flagAccessEntry(ctx, AccessAction.READ, [found.flag], FLAG_FIELDS, found.consentIds),
    );
    return RiskFlagModel.from(found.flag);
  }

  /** The flag if the caller may do `action` on it, locked for update when changing it. */
  async findScoped(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    action: Action,
  ): Promise<RiskFlagEntity> {
    const qb: SelectQueryBuilder<RiskFlagEntity> = em
      .getRepository(RiskFlagEntity)
      .createQueryBuilder('f')
      .where('f.id = :id', { id });
    if (action !== Action.Read) qb.setLock('pessimistic_write');
    const flag = applyFlagScope(qb, ctx, action) ? await qb.getOne() : null;
    if (!flag) throw new NotFoundError('Risk flag');
    return flag;
  }
}

/** The scoped flags, each with the consents that granted the read (none for the school). */
async function readWithBasis(
  ctx: RequestContext,
  qb: SelectQueryBuilder<RiskFlagEntity>,
): Promise<{ flag: RiskFlagEntity; consentIds: string[] }[]> {
  selectGrantingConsents(qb, ctx);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
  const basis = new Map(raw.map((r) => [r.f_id as string, r[GRANTING_CONSENT_IDS] as string[]]));
  return entities.map((flag) => ({ flag, consentIds: basis.get(flag.id) ?? [] }));
}
