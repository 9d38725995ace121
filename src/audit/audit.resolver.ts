import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { AccessLogChainService } from './access-log-chain.service';
import { AccessLogQueryService } from './access-log.query.service';
import {
  AccessLogArgs,
  AccessLogConnection,
  AccessLogVerificationModel,
} from './models/access-log.model';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly queries: AccessLogQueryService,
    private readonly chain: AccessLogChainService,
  ) {}

  @Allow(Action.Read, 'AccessLog')
  @Query(() => AccessLogConnection, {
    description:
      'AUDITOR: access-log rows where the actor or the data belongs to the own municipality',
  })
  accessLog(@Ctx() ctx: RequestContext, @Args() args: AccessLogArgs) {
    return this.queries.search(ctx, args);
  }

  @Allow(Action.Read, 'AccessLog')
  @Query(() => AccessLogVerificationModel, {
    description: 'AUDITOR: recompute the hash chain over the whole log',
  })
  verifyAccessLog() {
    return this.chain.verify();
  }
}
