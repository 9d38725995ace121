import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { CaseGoalEntity, CaseMeetingEntity, CaseTaskEntity } from '../case.entities';
import { GoalResponsible, GoalStatus, MeetingKind, TaskKind, TaskStatus } from '../case.enums';

@ObjectType('CaseMeeting')
export class CaseMeetingModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field()
  scheduledAt: Date;

  @Field(() => Date, { nullable: true })
  heldAt: Date | null;

  @Field(() => String, { nullable: true })
  minutes: string | null;

  @Field(() => Boolean, { nullable: true })
  youngPersonAttended: boolean | null;

  @Field(() => [ID])
  participantOrganisationIds: string[];

  static from(e: CaseMeetingEntity, participants: string[]): CaseMeetingModel {
    return Object.assign(new CaseMeetingModel(), {
      id: e.id,
      caseId: e.caseId,
      kind: e.kind,
      scheduledAt: e.scheduledAt,
      heldAt: e.heldAt,
      minutes: e.minutes,
      youngPersonAttended: e.youngPersonAttended,
      participantOrganisationIds: participants,
    });
  }
}

@ObjectType('CaseGoal', {
  description: 'EOR: a challenging goal; subGoals are planned backwards from its target date',
})
export class CaseGoalModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { nullable: true })
  parentGoalId: string | null;

  @Field()
  description: string;

  @Field()
  targetDate: string;

  @Field(() => GoalResponsible)
  responsible: GoalResponsible;

  @Field(() => ID, { nullable: true })
  ownerOrganisationId: string | null;

  @Field(() => GoalStatus)
  status: GoalStatus;

  @Field(() => [CaseGoalModel], { description: 'Sub-goals, latest target date first' })
  subGoals: CaseGoalModel[];

  static from(e: CaseGoalEntity, subGoals: CaseGoalModel[] = []): CaseGoalModel {
    return Object.assign(new CaseGoalModel(), {
      id: e.id,
      caseId: e.caseId,
      parentGoalId: e.parentGoalId,
      description: e.description,
      targetDate: e.targetDate,
      responsible: e.responsible,
      ownerOrganisationId: e.ownerOrganisationId,
      status: e.status,
      subGoals,
    });
  }
}

@ObjectType('CaseTask')
export class CaseTaskModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => TaskKind)
  kind: TaskKind;

  @Field()
  title: string;

  @Field(() => ID)
  ownerOrganisationId: string;

  @Field(() => ID, { nullable: true })
  ownerUserId: string | null;

  @Field()
  dueDate: string;

  @Field(() => TaskStatus)
  status: TaskStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'RE_CONSENT: the consent that no longer suffices',
  })
  consentId: string | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  static from(e: CaseTaskEntity): CaseTaskModel {
    return Object.assign(new CaseTaskModel(), {
      id: e.id,
      caseId: e.caseId,
      kind: e.kind,
      title: e.title,
      ownerOrganisationId: e.ownerOrganisationId,
      ownerUserId: e.ownerUserId,
      dueDate: e.dueDate,
      status: e.status,
      consentId: e.consentId,
      completedAt: e.completedAt,
    });
  }
}

@ObjectType()
export class CaseTaskConnection extends Connection(CaseTaskModel, 'CaseTask') {}
