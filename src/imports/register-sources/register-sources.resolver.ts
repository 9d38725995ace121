import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { ImportResultModel } from '../models/import-result.model';
import { ImportRegisterSourceInput, RegisterSourceModel } from './register-source.models';
import { RegisterSourcesService } from './register-sources.service';

@Resolver()
export class RegisterSourcesResolver {
  constructor(private readonly sources: RegisterSourcesService) {}

  @Allow(Action.Create, 'Import')
  @Mutation(() => ImportResultModel, {
    description:
      'YOUTH_COORDINATOR: import a reconciliation source (population extract, enrolment or admissions list) as a named, dated source; the facts it adds remember it. All or nothing. A population row folkbokförd in another municipality of the deployment hands the resident over there (both youth teams are told). Large files: POST /imports/register-sources?kind=&name=&sourceDate=.',
  })
  importRegisterSource(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ImportRegisterSourceInput,
  ) {
    return this.sources.import(
      ctx,
      { kind: input.kind, name: input.name, sourceDate: input.sourceDate },
      [input.csv],
      input.dryRun,
    );
  }

  @Allow(Action.Read, 'RegisterSource')
  @Query(() => [RegisterSourceModel], {
    description:
      'YOUTH_COORDINATOR: the municipality’s imported sources, newest first (at most 200)',
  })
  registerSources(@Ctx() ctx: RequestContext) {
    return this.sources.list(ctx);
  }
}
