import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { KAA_REGISTER } from '../../young-people/young-person-fields';
import { RecordedAnswerModel } from '../answer/answer.model';
import { AnswerService } from '../answer/answer.service';
import { RecordAnswerInput } from '../answer/record-answer.input';
import { CloseKaaPeriodsInput, OpenKaaPeriodsInput } from './bulk-register.inputs';
import { BulkRegisterResultModel } from './bulk-register.models';
import { BulkRegisterService } from './bulk-register.service';

const KEEPER = 'YOUTH_COORDINATOR of the home municipality’s youth team (statutory duty, logged)';

/** The register at the scale of a month's work: many people per call. */
@Resolver()
export class RegisterAtScaleResolver {
  constructor(
    private readonly bulk: BulkRegisterService,
    private readonly answers: AnswerService,
  ) {}

  @Allow(Action.Create, KAA_REGISTER)
  @Mutation(() => BulkRegisterResultModel, {
    description: `${KEEPER}: enter many young people in the register at once (e.g. imported candidates or the reconciliation's "should enter" list). One transaction and one logged operation; a result per person (OPENED, ALREADY_OPEN, NOT_FOUND).`,
  })
  openKaaPeriods(@Ctx() ctx: RequestContext, @Args('input') input: OpenKaaPeriodsInput) {
    return this.bulk.open(ctx, input);
  }

  @Allow(Action.Update, KAA_REGISTER)
  @Mutation(() => BulkRegisterResultModel, {
    description: `${KEEPER}: close the open periods of many young people at once (e.g. the reconciliation's "should leave" list). One transaction and one logged operation; a result per person (CLOSED, NO_OPEN_PERIOD, EXIT_BEFORE_ENTRY, NOT_FOUND).`,
  })
  closeKaaPeriods(@Ctx() ctx: RequestContext, @Args('input') input: CloseKaaPeriodsInput) {
    return this.bulk.close(ctx, input);
  }

  @Allow(Action.Create, 'ContactAttempt')
  @Mutation(() => RecordedAnswerModel, {
    description: `${KEEPER}: an answer (e.g. to a letter) and the occupation it told, both or neither`,
  })
  recordAnswer(@Ctx() ctx: RequestContext, @Args('input') input: RecordAnswerInput) {
    return this.answers.record(ctx, input);
  }
}
