import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { AuditOverviewModel } from './models/unusual-access.model';
import { UNUSUAL_ACCESS_FROM } from './unusual-access.sql';

/** Counts for the auditor's start page; the lists stay where they are built. */
@Injectable()
export class AuditOverviewService {
  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    /** The request's own, under row-level security: the openings the auditor reviews. */
    private readonly request: DataSource,
  ) {}

  async overview(ctx: RequestContext): Promise<AuditOverviewModel> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n ${UNUSUAL_ACCESS_FROM} AND u.occurred_at >= app_now() - interval '30 days'`,
      [ctx.actor.municipalityCode],
    );
    // The emergency-access review list's own rule (authz.reviews_emergency_opening).
    const [{ awaiting, active }]: { awaiting: number; active: number }[] = await this.request.query(
      `SELECT count(*) FILTER (WHERE e.reviewed_at IS NULL)::int AS awaiting,
              count(*) FILTER (WHERE app_now() < e.expires_at)::int AS active
         FROM emergency_access e
        WHERE authz.reviews_emergency_opening(e.municipality_code, e.opener_municipality_code)`,
    );
    return Object.assign(new AuditOverviewModel(), {
      unusualAccessesLast30Days: n,
      emergencyAccessesAwaitingReview: awaiting,
      emergencyAccessesActive: active,
    });
  }
}
