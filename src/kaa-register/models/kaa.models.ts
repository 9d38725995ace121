import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { KaaEntryReason, KaaExitReason } from '../kaa-period.entity';
import { ClosureKind, MeasureEndReason, MeasureStatus, MeasureType, PlanParty } from '../kaa.enums';
import { OccupationField, StudyProgramme } from '../closure-codes';
import { ReconciliationReasonModel } from '../reconciliation/reconciliation.models';

@ObjectType('KaaPeriod', { description: 'A period in the KAA register of one municipality' })
export class KaaPeriodModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field()
  municipalityCode: string;

  @Field()
  entryDate: string;

  @Field(() => KaaEntryReason)
  entryReason: KaaEntryReason;

  @Field(() => String, { nullable: true })
  exitDate: string | null;

  @Field(() => KaaExitReason, { nullable: true })
  exitReason: KaaExitReason | null;

  @Field({ description: 'No exit date yet' })
  open: boolean;

  @Field(() => ID, { nullable: true, description: 'The coordinator who makes sure nobody is lost' })
  responsibleUserId: string | null;

  @Field(() => String, { nullable: true })
  nextFollowUpDate: string | null;
}

@ObjectType('KaaMeasure', { description: 'An åtgärd/insats offered to the young person' })
export class KaaMeasureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ID, { nullable: true, description: 'The individual plan the measure serves' })
  planId: string | null;

  @Field(() => MeasureType)
  type: MeasureType;

  @Field()
  provider: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  offeredOn: string;

  @Field(() => String, { nullable: true })
  startDate: string | null;

  @Field(() => String, { nullable: true })
  endDate: string | null;

  @Field(() => MeasureStatus)
  status: MeasureStatus;

  @Field(() => MeasureEndReason, { nullable: true })
  endReason: MeasureEndReason | null;

  @Field(() => String, { nullable: true })
  endNote: string | null;
}

@ObjectType('KaaPlanResponsibility', { description: 'Who is responsible for what in the plan' })
export class KaaPlanResponsibilityModel {
  @Field(() => PlanParty)
  party: PlanParty;

  @Field(() => String, { nullable: true, description: 'The other actor (OTHER_ACTOR only)' })
  actorName: string | null;

  @Field()
  task: string;

  @Field(() => String, { nullable: true })
  followUpDate: string | null;
}

@ObjectType('KaaPlanVersion', { description: 'One revision of the individual plan; never changed' })
export class KaaPlanVersionModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field({ description: 'The young person’s goal' })
  goal: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  nextFollowUpDate: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was revised (versions after 1)' })
  revisionReason: string | null;

  @Field(() => ID, { nullable: true })
  createdBy: string | null;

  @Field()
  createdAt: Date;

  @Field(() => [KaaPlanResponsibilityModel])
  responsibilities: KaaPlanResponsibilityModel[];
}

@ObjectType('KaaPlan', {
  description: 'The individual plan and goal of one register period, with all its revisions',
})
export class KaaPlanModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ID)
  kaaPeriodId: string;

  @Field(() => KaaPlanVersionModel, { description: 'The latest version' })
  current: KaaPlanVersionModel;

  @Field(() => [KaaPlanVersionModel], { description: 'Every version, oldest first' })
  versions: KaaPlanVersionModel[];
}

@ObjectType('KaaClosure', { description: 'Avslut: to work, to studies or other, by which measure' })
export class KaaClosureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ClosureKind)
  kind: ClosureKind;

  @Field()
  closedOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'WORK: the occupation, e.g. restaurangbiträde',
  })
  occupationTitle: string | null;

  @Field(() => String, { nullable: true, description: 'STUDIES: the programme' })
  programme: string | null;

  @Field(() => OccupationField, { nullable: true, description: 'WORK: the occupation field' })
  occupationField: OccupationField | null;

  @Field(() => StudyProgramme, { nullable: true, description: 'STUDIES: the programme code' })
  programmeCode: StudyProgramme | null;

  @Field(() => ID, { nullable: true, description: 'The measure that led there' })
  measureId: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType('KaaRegisterCandidate', {
  description:
    'Someone who should be in the KAA register but is not: registered in the caller’s municipality, under 20, finished compulsory school (a completed COMPULSORY schooling row or any later schooling), not in and not through a national programme (ACTIVE or COMPLETED NATIONAL schooling; introduktionsprogram do not count), and no open period.',
})
export class KaaRegisterCandidateModel {
  @Field(() => ID)
  youngPersonId: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => Int)
  age: number;

  @Field(() => KaaEntryReason, {
    description:
      'MOVED_IN when handed over from another municipality, INTERRUPTED_STUDIES when an upper-secondary schooling was interrupted, else NEVER_STARTED',
  })
  suggestedEntryReason: KaaEntryReason;

  @Field(() => [ReconciliationReasonModel], {
    description: 'The facts that put the person on the list, each with its source and date',
  })
  reasons: ReconciliationReasonModel[];
}

@ObjectType('KaaRegisterLeaver', {
  description:
    'An open period that should end: the person turned 20, moved away (home municipality differs from the register’s, or the latest population extract does not list them), or started/completed a national programme.',
})
export class KaaRegisterLeaverModel {
  @Field(() => ID)
  kaaPeriodId: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => Int)
  age: number;

  @Field()
  homeMunicipalityCode: string;

  @Field(() => KaaExitReason, {
    description:
      'TURNED_20 first, then MOVED_AWAY (also when the latest population extract does not list the person), COMPLETED_STUDIES, STARTED_STUDIES',
  })
  suggestedExitReason: KaaExitReason;

  @Field(() => [ReconciliationReasonModel], {
    description: 'The facts that say the period should end, each with its source and date',
  })
  reasons: ReconciliationReasonModel[];
}

@ObjectType('KaaRegisterCandidateConnection')
export class KaaRegisterCandidateConnection extends Connection(
  KaaRegisterCandidateModel,
  'KaaRegisterCandidate',
) {}

@ObjectType('KaaRegisterLeaverConnection')
export class KaaRegisterLeaverConnection extends Connection(
  KaaRegisterLeaverModel,
  'KaaRegisterLeaver',
) {}
