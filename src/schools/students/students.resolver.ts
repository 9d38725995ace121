import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { STUDENT } from '../schools.abilities';
import { NewStudentInput, StudentsArgs } from './student.inputs';
import { StudentConnection, StudentModel } from './student.model';
import { StudentsService } from './students.service';

@Resolver(() => StudentModel)
export class StudentsResolver {
  constructor(private readonly students: StudentsService) {}

  @Allow(Action.Read, STUDENT)
  @Query(() => StudentConnection, {
    description: 'COUNSELLOR: students with an active schooling at the own school',
  })
  schoolStudents(@Ctx() ctx: RequestContext, @Args() args: StudentsArgs) {
    return this.students.list(ctx, args);
  }

  @Allow(Action.Create, STUDENT)
  @Mutation(() => StudentModel, {
    description:
      'COUNSELLOR: enrol a student at the own school, creating the young person when the personnummer is new',
  })
  registerStudent(@Ctx() ctx: RequestContext, @Args('input') input: NewStudentInput) {
    return this.students.register(ctx, input);
  }
}
