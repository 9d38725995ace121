import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { IdArg } from '../core/graphql/id-arg';
import { KAA_REGISTER, YOUNG_PERSON_LOOKUP } from '../young-people/young-person-fields';
import {
  AddMeasureInput,
  CloseKaaPeriodInput,
  CreatePlanInput,
  OpenKaaPeriodInput,
  RecordClosureInput,
  RecordOccupationInput,
  RevisePlanInput,
  UpdateMeasureInput,
} from './dto/kaa.inputs';
import { KaaRegisterService } from './kaa-register.service';
import { MeasuresPlansService } from './measures-plans.service';
import {
  KaaClosureModel,
  KaaMeasureModel,
  KaaPeriodModel,
  KaaPlanModel,
  KaaRegisterCandidateConnection,
  KaaRegisterLeaverConnection,
} from './models/kaa.models';
import { OccupationModel } from './models/occupation.model';
import { RegisterRuleArgs, RegisterRulesService } from './register-rules.service';

const KEEPER = 'YOUTH_COORDINATOR of the home municipality’s youth team (statutory duty, logged)';

@Resolver()
export class KaaRegisterResolver {
  constructor(
    private readonly register: KaaRegisterService,
    private readonly measures: MeasuresPlansService,
    private readonly rules: RegisterRulesService,
  ) {}

  @Allow(Action.Read, YOUNG_PERSON_LOOKUP)
  @Query(() => KaaRegisterCandidateConnection, {
    description: `${KEEPER}: who should be in the KAA register but is not — registered in the municipality, under 20, finished compulsory school (a completed COMPULSORY schooling or any later schooling), not in and not through a national programme (ACTIVE or COMPLETED NATIONAL schooling; introduktionsprogram do not count), without an open period, and not left out of the latest population extract (importRegisterSource). Each row gives its reasons with their sources and dates. Ordered by name. Empty for everyone else.`,
  })
  kaaRegisterCandidates(@Ctx() ctx: RequestContext, @Args() args: RegisterRuleArgs) {
    return this.rules.candidates(ctx, args);
  }

  @Allow(Action.Read, YOUNG_PERSON_LOOKUP)
  @Query(() => KaaRegisterLeaverConnection, {
    description: `${KEEPER}: open periods that should end — the person turned 20, moved away (home municipality differs from the register’s municipality, e.g. handed over by a population extract), is not in the latest population extract, or is in or through a national programme. Each row gives its reasons with their sources and dates. Ordered by name. Empty for everyone else.`,
  })
  kaaRegisterLeavers(@Ctx() ctx: RequestContext, @Args() args: RegisterRuleArgs) {
    return this.rules.leavers(ctx, args);
  }

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => KaaPeriodModel, {
    description: `${KEEPER}: enter a young person in the register; one open period per person and municipality (CONFLICT otherwise)`,
  })
  openKaaPeriod(@Ctx() ctx: RequestContext, @Args('input') input: OpenKaaPeriodInput) {
    return this.register.openPeriod(ctx, input);
  }

  @Allow(Action.Update, KAA_REGISTER)
  @Mutation(() => KaaPeriodModel, { description: `${KEEPER}: close a period with an exit reason` })
  closeKaaPeriod(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: CloseKaaPeriodInput,
  ) {
    return this.register.closePeriod(ctx, id, input);
  }

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => OccupationModel, {
    description: `${KEEPER}: record the occupation from a date (the timeline keeps every record)`,
  })
  recordOccupation(@Ctx() ctx: RequestContext, @Args('input') input: RecordOccupationInput) {
    return this.register.recordOccupation(ctx, input);
  }

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => KaaMeasureModel, { description: `${KEEPER}: offer or start a measure` })
  addMeasure(@Ctx() ctx: RequestContext, @Args('input') input: AddMeasureInput) {
    return this.measures.addMeasure(ctx, input);
  }

  @Allow(Action.Update, KAA_REGISTER)
  @Mutation(() => KaaMeasureModel, {
    description: `${KEEPER}: move a measure on (start, decline, complete, abort with end reason)`,
  })
  updateMeasure(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: UpdateMeasureInput,
  ) {
    return this.measures.updateMeasure(ctx, id, input);
  }

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => KaaPlanModel, {
    description: `${KEEPER}: the individual plan and goal of the open period, with who is responsible for what and follow-up dates`,
  })
  createKaaPlan(@Ctx() ctx: RequestContext, @Args('input') input: CreatePlanInput) {
    return this.measures.createPlan(ctx, input);
  }

  @Allow(Action.Update, KAA_REGISTER)
  @Mutation(() => KaaPlanModel, {
    description: `${KEEPER}: revise the plan by adding a new version; earlier versions are kept`,
  })
  reviseKaaPlan(
    @Ctx() ctx: RequestContext,
    @IdArg() id: string,
    @Args('input') input: RevisePlanInput,
  ) {
    return this.measures.revisePlan(ctx, id, input);
  }

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => KaaClosureModel, {
    description: `${KEEPER}: record a closure (avslut) to work or studies, optionally closing the open period`,
  })
  recordKaaClosure(@Ctx() ctx: RequestContext, @Args('input') input: RecordClosureInput) {
    return this.register.recordClosure(ctx, input);
  }
}
