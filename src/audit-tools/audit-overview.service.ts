import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { EmergencyAccessEntity } from '../emergency-access/emergency-access.entity';
import { AuditOverviewModel } from './models/unusual-access.model';
import { UNUSUAL_ACCESS_FROM } from './unusual-access.sql';

/** Counts for the auditor's start page; the lists stay where they are built. */
@Injectable()
export class AuditOverviewService {
  constructor(@InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource) {}

  async overview(ctx: RequestContext): Promise<AuditOverviewModel> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n ${UNUSUAL_ACCESS_FROM} AND l.occurred_at >= app_now() - interval '30 days'`,
      [ctx.actor.municipalityCode],
    );
    // The emergency-access review list's own scope (EmergencyAccessAbilities).
    const qb = this.ds.getRepository(EmergencyAccessEntity).createQueryBuilder('e');
    let awaiting = 0;
    let active = 0;
    if (applyAbilityScope(qb, ctx.ability, Action.Update, 'EmergencyAccess')) {
      const counts = await qb
        .select(`count(*) FILTER (WHERE e.reviewed_at IS NULL)::int`, 'awaiting')
        .addSelect(`count(*) FILTER (WHERE app_now() < e.expires_at)::int`, 'active')
        .getRawOne<{ awaiting: number; active: number }>();
      awaiting = counts?.awaiting ?? 0;
      active = counts?.active ?? 0;
    }
    return Object.assign(new AuditOverviewModel(), {
      unusualAccessesLast30Days: n,
      emergencyAccessesAwaitingReview: awaiting,
      emergencyAccessesActive: active,
    });
  }
}
