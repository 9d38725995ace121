import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { PageArgs } from '../core/graphql/connection';
import { ConcernReportReadsService } from './concern-report-reads.service';
import { ConcernReportsService } from './concern-reports.service';
import { SendConcernReportInput } from './dto/concern-report.inputs';
import { ConcernReportConnection, ConcernReportModel } from './models/concern-report.model';

@Resolver(() => ConcernReportModel)
export class ConcernReportsResolver {
  constructor(
    private readonly service: ConcernReportsService,
    private readonly reads: ConcernReportReadsService,
  ) {}

  @Allow(Action.Create, 'ConcernReport')
  @Mutation(() => ConcernReportModel, {
    description:
      'Orosanmälan about a child under 18 to the social services of its home municipality; no consent needed',
  })
  sendConcernReport(@Ctx() ctx: RequestContext, @Args('input') input: SendConcernReportInput) {
    return this.service.send(ctx, input);
  }

  @Allow(Action.Read, 'ConcernReport')
  @Query(() => ConcernReportConnection, { description: 'Concern reports sent or received' })
  concernReports(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return this.reads.list(ctx, args);
  }

  @Allow(Action.Read, 'ConcernReport')
  @Query(() => ConcernReportModel)
  concernReport(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ) {
    return this.reads.get(ctx, id);
  }
}
