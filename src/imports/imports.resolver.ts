import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { ImportResultModel, ImportYoungPeopleInput } from './models/import-result.model';
import { YoungPeopleImportService } from './young-people-import.service';

@Resolver()
export class ImportsResolver {
  constructor(private readonly imports: YoungPeopleImportService) {}

  @Allow(Action.Create, 'Import')
  @Mutation(() => ImportResultModel, {
    description:
      'YOUTH_COORDINATOR: import young people and schooling from CSV text (small files; large files: POST /imports/young-people). Nothing is written when any row fails.',
  })
  importYoungPeople(@Ctx() ctx: RequestContext, @Args('input') input: ImportYoungPeopleInput) {
    return this.imports.run(ctx, [input.csv], { dryRun: input.dryRun });
  }
}
