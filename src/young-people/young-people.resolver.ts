import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { IdArg } from '../core/graphql/id-arg';
import { requestLoader } from '../core/graphql/request-loader';
import {
  AddSchoolingInput,
  CreateYoungPersonInput,
  EndSchoolingInput,
  GuardianInput,
  UpdateGuardianInput,
  UpdateYoungPersonInput,
  YoungPeopleArgs,
} from './dto/young-person.inputs';
import {
  GuardiansSchoolingService,
  GuardianRow,
  SCHOOLING_COLUMNS,
  SchoolingRow,
  toGuardianModel,
  toSchoolingModel,
} from './guardians-schooling.service';
import {
  GuardianModel,
  SchoolingModel,
  YoungPersonConnection,
  YoungPersonModel,
} from './models/young-person.model';
import { YOUNG_PERSON, YOUNG_PERSON_LOOKUP } from './young-person-fields';
import { YoungPeopleService } from './young-people.service';

@Resolver(() => YoungPersonModel)
export class YoungPeopleResolver {
  constructor(
    private readonly ds: DataSource,
    private readonly people: YoungPeopleService,
    private readonly relations: GuardiansSchoolingService,
  ) {}

  @Allow(Action.Read, YOUNG_PERSON_LOOKUP)
  @Query(() => YoungPersonConnection, {
    description:
      'Young people the caller may see, scoped in SQL: the youth team (YOUTH_COORDINATOR) sees its home municipality’s register under its statutory duty; other organisations see only what another rule (e.g. a consent) grants, everyone else an empty list. Every page is logged.',
  })
  youngPeople(@Ctx() ctx: RequestContext, @Args() args: YoungPeopleArgs) {
    return this.people.list(ctx, args);
  }

  @Allow(Action.Read, YOUNG_PERSON_LOOKUP)
  @Query(() => YoungPersonModel, { description: 'One young person; NOT_FOUND when not visible' })
  youngPerson(@Ctx() ctx: RequestContext, @IdArg() id: string) {
    return this.people.get(ctx, id);
  }

  @Allow(Action.Create, YOUNG_PERSON)
  @Mutation(() => YoungPersonModel, {
    description:
      'YOUTH_COORDINATOR: register a young person of the own municipality. BAD_USER_INPUT names what is wrong with the personnummer; CONFLICT when it is already registered (anywhere).',
  })
  createYoungPerson(@Ctx() ctx: RequestContext, @Args('input') input: CreateYoungPersonInput) {
    return this.people.create(ctx, input);
  }

  @Allow(Action.Update, YOUNG_PERSON)
  @Mutation(() => YoungPersonModel, { description: 'YOUTH_COORDINATOR: change a young person' })
  updateYoungPerson(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: UpdateYoungPersonInput,
  ) {
    return this.people.update(ctx, id, input);
  }

  @Allow(Action.Update, YOUNG_PERSON)
  @Mutation(() => GuardianModel, { description: 'YOUTH_COORDINATOR: add a guardian' })
  addGuardian(
    @Ctx() ctx: RequestContext,
    @IdArg('youngPersonId') youngPersonId: string,
    @Args('input') input: GuardianInput,
  ) {
    return this.relations.addGuardian(ctx, youngPersonId, input);
  }

  @Allow(Action.Update, YOUNG_PERSON)
  @Mutation(() => GuardianModel, {
    description: 'YOUTH_COORDINATOR: change a guardian, e.g. record that they declined contact',
  })
  updateGuardian(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: UpdateGuardianInput,
  ) {
    return this.relations.updateGuardian(ctx, id, input);
  }

  @Allow(Action.Update, YOUNG_PERSON)
  @Mutation(() => SchoolingModel, { description: 'YOUTH_COORDINATOR: add an active schooling' })
  addSchooling(@Ctx() ctx: RequestContext, @Args('input') input: AddSchoolingInput) {
    return this.relations.addSchooling(ctx, input);
  }

  @Allow(Action.Update, YOUNG_PERSON)
  @Mutation(() => SchoolingModel, {
    description: 'YOUTH_COORDINATOR: end a schooling as COMPLETED or INTERRUPTED',
  })
  endSchooling(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: EndSchoolingInput,
  ) {
    return this.relations.endSchooling(ctx, id, input);
  }

  @ResolveField(() => [GuardianModel], {
    nullable: true,
    description: 'Vårdnadshavare; null when the caller may not see them',
  })
  async guardians(
    @Parent() person: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ): Promise<GuardianModel[] | null> {
    if (!person.readable?.has('guardians')) return null;
    const rows = await requestLoader(req, 'youngPersonGuardians', (ids) =>
      this.batch<GuardianRow>(ids, `SELECT g.* FROM guardian g`, 'g', 'g.created_at, g.id'),
    ).load(person.id);
    const showContact = person.readable.has('guardianContact');
    return (rows ?? []).map((g) => toGuardianModel(g, showContact));
  }

  @ResolveField(() => [SchoolingModel], {
    nullable: true,
    description: 'Schooling history, oldest first; null when the caller may not see it',
  })
  async schooling(
    @Parent() person: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ): Promise<SchoolingModel[] | null> {
    if (!person.readable?.has('schooling')) return null;
    const rows = await requestLoader(req, 'youngPersonSchooling', (ids) =>
      this.batch<SchoolingRow>(
        ids,
        `SELECT ${SCHOOLING_COLUMNS} FROM schooling s`,
        's',
        's.start_date, s.created_at, s.id',
      ),
    ).load(person.id);
    return (rows ?? []).map(toSchoolingModel);
  }

  /** One statement per page for a relation; row-level security applies to its rows. */
  private async batch<R extends { young_person_id: string }>(
    ids: readonly string[],
    select: string,
    alias: string,
    order: string,
  ): Promise<Map<string, R[]>> {
    const byPerson = new Map<string, R[]>(ids.map((id) => [id, []]));
    const rows: R[] = await this.ds.query(
      `${select} WHERE ${alias}.young_person_id = ANY($1::uuid[]) ORDER BY ${order}`,
      [[...ids]],
    );
    for (const r of rows) byPerson.get(r.young_person_id)?.push(r);
    return byPerson;
  }
}
