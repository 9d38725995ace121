import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { IdArg } from '../../core/graphql/id-arg';
import { DuplicateMergeService } from './duplicate-merge.service';
import {
  PossibleDuplicateConnection,
  PossibleDuplicateModel,
  PossibleDuplicatesArgs,
} from './possible-duplicate.model';
import { POSSIBLE_DUPLICATE } from './possible-duplicates.abilities';
import { PossibleDuplicatesService } from './possible-duplicates.service';

@Resolver(() => PossibleDuplicateModel)
export class PossibleDuplicatesResolver {
  constructor(
    private readonly duplicates: PossibleDuplicatesService,
    private readonly merges: DuplicateMergeService,
  ) {}

  @Allow(Action.Read, POSSIBLE_DUPLICATE)
  @Query(() => PossibleDuplicateConnection, {
    description:
      'YOUTH_COORDINATOR: records others created for personnummer of people in the own register, to merge',
  })
  possibleDuplicates(@Ctx() ctx: RequestContext, @Args() args: PossibleDuplicatesArgs) {
    return this.duplicates.list(ctx, args);
  }

  @Allow(Action.Update, POSSIBLE_DUPLICATE)
  @Mutation(() => PossibleDuplicateModel, {
    description:
      'YOUTH_COORDINATOR: move everything held on the new record to the existing person and retire the record (logged, undoable)',
  })
  mergePossibleDuplicate(@Ctx() ctx: RequestContext, @IdArg() id: string) {
    return this.merges.merge(ctx, id);
  }

  @Allow(Action.Update, POSSIBLE_DUPLICATE)
  @Mutation(() => PossibleDuplicateModel, {
    description: 'YOUTH_COORDINATOR: undo a merge: restore the record and move its rows back',
  })
  undoDuplicateMerge(@Ctx() ctx: RequestContext, @IdArg() id: string) {
    return this.merges.undo(ctx, id);
  }
}
