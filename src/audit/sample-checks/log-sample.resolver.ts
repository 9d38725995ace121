import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { PortalRequest, RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { requestLoader } from '../../core/graphql/request-loader';
import {
  DrawLogSampleInput,
  LogSampleCheckConnection,
  LogSampleCheckModel,
  LogSampleChecksArgs,
  LogSampleItemModel,
  MarkLogSampleItemInput,
  SignOffLogSampleInput,
} from './log-sample.models';
import { LogSampleService } from './log-sample.service';

const ID_ARG = { type: () => ID };

@Resolver(() => LogSampleCheckModel)
export class LogSampleResolver {
  constructor(private readonly service: LogSampleService) {}

  @Allow(Action.Read, 'LogSampleCheck')
  @Query(() => LogSampleCheckConnection, {
    description: "AUDITOR: the own municipality's log sample checks, newest period first",
  })
  logSampleChecks(@Ctx() ctx: RequestContext, @Args() args: LogSampleChecksArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Read, 'LogSampleCheck')
  @Query(() => LogSampleCheckModel)
  logSampleCheck(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.service.get(ctx, id);
  }

  @Allow(Action.Update, 'LogSampleCheck')
  @Mutation(() => LogSampleCheckModel, {
    description:
      'AUDITOR: draw a check now for a period (the scheduled job draws last month’s by itself); CONFLICT when one exists',
  })
  drawLogSampleCheck(@Ctx() ctx: RequestContext, @Args('input') input: DrawLogSampleInput) {
    return this.service.draw(ctx, input);
  }

  @Allow(Action.Update, 'LogSampleCheck')
  @Mutation(() => LogSampleCheckModel, {
    description: 'AUDITOR: mark a drawn read as justified, or as a deviation with a comment',
  })
  markLogSampleItem(@Ctx() ctx: RequestContext, @Args('input') input: MarkLogSampleItemInput) {
    return this.service.mark(ctx, input);
  }

  @Allow(Action.Update, 'LogSampleCheck')
  @Mutation(() => LogSampleCheckModel, {
    description: 'AUDITOR: sign the check off once every read is marked; it is closed after',
  })
  signOffLogSampleCheck(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('input', { nullable: true }) input?: SignOffLogSampleInput,
  ) {
    return this.service.signOff(ctx, id, input ?? {});
  }

  @ResolveField(() => [LogSampleItemModel], { description: 'The drawn reads, oldest first' })
  async items(@Parent() c: LogSampleCheckModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'logSampleItems', (ids) => this.service.itemsOf(ids)).load(c.id)) ??
      []
    );
  }
}
