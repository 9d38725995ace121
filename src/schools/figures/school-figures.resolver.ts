import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { OWN_SCHOOL_FIGURES, SCHOOL_FIGURES } from '../schools.abilities';
import { SchoolFiguresArgs, SchoolFiguresModel } from './school-figures.model';
import { SchoolFiguresService } from './school-figures.service';

@Resolver(() => SchoolFiguresModel)
export class SchoolFiguresResolver {
  constructor(private readonly figures: SchoolFiguresService) {}

  @Allow(Action.Read, SCHOOL_FIGURES)
  @Query(() => SchoolFiguresModel, {
    description:
      'YOUTH_COORDINATOR, MANAGER: monthly school figures of the own municipality (aggregates only)',
  })
  schoolFigures(@Ctx() ctx: RequestContext, @Args() args: SchoolFiguresArgs) {
    return this.figures.monthly(ctx, args);
  }

  @Allow(Action.Read, OWN_SCHOOL_FIGURES)
  @Query(() => SchoolFiguresModel, {
    description:
      "COUNSELLOR: the same monthly figures for the caller's own school only (its flags, their meetings, the notices it sent); nothing is suppressed: every count is of rows the counsellor reads",
  })
  ownSchoolFigures(@Ctx() ctx: RequestContext, @Args() args: SchoolFiguresArgs) {
    return this.figures.ownSchool(ctx, args);
  }
}
