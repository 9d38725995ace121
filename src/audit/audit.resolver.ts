import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { AccessLogChainService } from './access-log-chain.service';
import { AccessLogQueryService } from './access-log.query.service';
import { AccessLogExportService } from './access-log-export.service';
import {
  AccessLogArgs,
  AccessLogConnection,
  AccessLogExportArgs,
  AccessLogExportModel,
  AccessLogVerificationModel,
  VerifyAccessLogArgs,
} from './models/access-log.model';
import { BadInputError } from '../core/errors/domain-error';

@Resolver()
export class AuditResolver {
  constructor(
    private readonly queries: AccessLogQueryService,
    private readonly chain: AccessLogChainService,
    private readonly exports: AccessLogExportService,
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
    description:
      'AUDITOR: recompute the hash chain over the whole log; with the anchor of an export kept outside, also check that no row up to it was cut off',
  })
  async verifyAccessLog(@Args() { anchorSeq, anchorHash }: VerifyAccessLogArgs) {
    if ((anchorSeq === undefined) !== (anchorHash === undefined))
      throw new BadInputError('anchorSeq and anchorHash go together');
    const result = await this.chain.verify();
    if (anchorSeq === undefined || !result.valid) return result;
    if (await this.exports.holdsAnchor(anchorSeq, anchorHash!)) return result;
    return { ...result, valid: false, firstInvalidSeq: anchorSeq };
  }

  @Allow(Action.Read, 'AccessLog')
  @Query(() => AccessLogExportModel, {
    description:
      'AUDITOR: export sealed rows after a chain position as JSON lines with the hash chain, for an outside log archive',
  })
  accessLogExport(@Ctx() ctx: RequestContext, @Args() args: AccessLogExportArgs) {
    return this.exports.export(ctx, args.afterSeq, args.first);
  }
}
