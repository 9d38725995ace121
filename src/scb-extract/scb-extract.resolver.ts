import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ScbExtractArgs, ScbExtractModel } from './models/scb-extract.model';
import { ScbExtractService } from './scb-extract.service';

@Resolver()
export class ScbExtractResolver {
  constructor(private readonly extracts: ScbExtractService) {}

  @Allow(Action.Export, 'ScbExtract')
  @Query(() => ScbExtractModel, {
    description:
      'YOUTH_COORDINATOR: the half-year KAA extract for SCB of the own municipality (logged as EXPORT)',
  })
  scbExtract(@Ctx() ctx: RequestContext, @Args() { year, half }: ScbExtractArgs) {
    return this.extracts.extract(ctx, year, half);
  }
}
