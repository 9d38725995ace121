import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { AuditOverviewService } from './audit-overview.service';
import {
  AuditOverviewModel,
  UnusualAccessArgs,
  UnusualAccessConnection,
} from './models/unusual-access.model';
import { UnusualAccessService } from './unusual-access.service';

@Resolver()
export class AuditToolsResolver {
  constructor(
    private readonly unusual: UnusualAccessService,
    private readonly overviews: AuditOverviewService,
  ) {}

  @Allow(Action.Read, 'UnusualAccess')
  @Query(() => UnusualAccessConnection, {
    description:
      'AUDITOR: reads of young people by organisations with no relation to them (own municipality), newest first',
  })
  unusualAccesses(@Ctx() ctx: RequestContext, @Args() args: UnusualAccessArgs) {
    return this.unusual.list(ctx, args);
  }

  @Allow(Action.Read, 'AuditOverview')
  @Query(() => AuditOverviewModel, {
    description: 'AUDITOR: counts of unusual reads and emergency openings awaiting review',
  })
  auditOverview(@Ctx() ctx: RequestContext) {
    return this.overviews.overview(ctx);
  }
}
