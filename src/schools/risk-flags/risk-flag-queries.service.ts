import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { NotFoundError } from '../../core/errors/domain-error';
import { Page, pageSize, toPage } from '../../core/graphql/connection';
import { decodeIdCursor } from '../id-cursor';
import { RISK_FLAG } from '../schools.abilities';
import { RiskFlagsArgs } from './dto/risk-flag.inputs';
import { RiskFlagModel } from './models/risk-flag.model';
import { flagAccessEntry } from './risk-flag-access';
import { RiskFlagEntity } from './risk-flag.entity';
import { Clock } from '../../core/clock/clock';

/** Reading flags: every query is scoped by the ability in SQL; what is not visible is not found. */
@Injectable()
export class RiskFlagQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, args: RiskFlagsArgs): Promise<Page<RiskFlagModel>> {
    const qb = this.ds.getRepository(RiskFlagEntity).createQueryBuilder('f');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, RISK_FLAG))
      return toPage([], 0, 0, () => []);
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
    const rows = await qb
      .orderBy('f.created_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .take(size + 1)
      .getMany();
    const today = this.clock.today();
    const page = toPage(rows, size, total, (f) => [f.id]);
    this.log.read(
      ctx,
      flagAccessEntry(
        ctx,
        AccessAction.SEARCH,
        page.edges.map((e) => e.node),
      ),
    );
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: RiskFlagModel.from(e.node, today) })),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<RiskFlagModel> {
    const flag = await this.findScoped(this.ds.manager, ctx, id, Action.Read);
    this.log.read(ctx, flagAccessEntry(ctx, AccessAction.READ, [flag]));
    return RiskFlagModel.from(flag, this.clock.today());
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
    const flag = applyAbilityScope(qb, ctx.ability, action, RISK_FLAG) ? await qb.getOne() : null;
    if (!flag) throw new NotFoundError('Risk flag');
    return flag;
  }
}
