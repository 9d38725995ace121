import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { InformationCategory } from '../../consent/consent-category';
import {
  CaseClosureOutcome,
  CaseStatus,
  GoalResponsible,
  GoalStatus,
  MeetingKind,
  NoteVisibility,
  TaskStatus,
} from '../case.enums';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class OpenCaseInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field()
  @Trimmed(200, { column: 'joint_case.title' })
  title: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A user of the own organisation; default the caller',
  })
  @IsOptional()
  @IsUUID()
  leadUserId?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  @ArrayUnique()
  participantOrganisationIds?: string[];
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;
}

@InputType()
export class CloseCaseInput {
  @Field(() => CaseClosureOutcome)
  @IsEnum(CaseClosureOutcome)
  outcome: CaseClosureOutcome;

  @Field({ nullable: true })
  @Trimmed(1000, { optional: true, min: 0, column: 'joint_case.closure_note' })
  note?: string;
}

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => InformationCategory)
  @IsEnum(InformationCategory)
  category: InformationCategory;

  @Field(() => NoteVisibility, {
    defaultValue: NoteVisibility.CASE,
    description: 'AUTHOR_ORGANISATION keeps the text inside the own organisation',
  })
  @IsEnum(NoteVisibility)
  visibility: NoteVisibility;

  @Field()
  @Trimmed(10000, { column: 'case_note.body' })
  body: string;
}

@InputType()
export class CorrectCaseNoteInput {
  @Field(() => ID, { description: 'The current version being corrected' })
  @IsUUID()
  noteId: string;

  @Field()
  @Trimmed(10000, { column: 'case_note.body' })
  body: string;
}

@ArgsType()
export class CaseNotesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  caseId: string;
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => MeetingKind)
  @IsEnum(MeetingKind)
  kind: MeetingKind;

  @Field()
  @IsDate()
  scheduledAt: Date;

  @Field(() => [ID])
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  @ArrayUnique()
  participantOrganisationIds: string[];
}

@InputType()
export class RecordMinutesInput {
  @Field(() => ID)
  @IsUUID()
  meetingId: string;

  @Field()
  @IsDate()
  heldAt: Date;

  @Field()
  @Trimmed(10000, { column: 'case_meeting.minutes' })
  minutes: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  youngPersonAttended?: boolean;
}

@InputType()
export class SetGoalInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Set for a sub-goal; its target date must not be after the goal’s',
  })
  @IsOptional()
  @IsUUID()
  parentGoalId?: string;

  @Field()
  @Trimmed(1000, { column: 'case_goal.description' })
  description: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  targetDate: string;

  @Field(() => GoalResponsible)
  @IsEnum(GoalResponsible)
  responsible: GoalResponsible;

  @Field(() => ID, { nullable: true, description: 'Required when responsible is ORGANISATION' })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;
}

@InputType()
export class UpdateGoalStatusInput {
  @Field(() => ID)
  @IsUUID()
  goalId: string;

  @Field(() => GoalStatus)
  @IsEnum(GoalStatus)
  status: GoalStatus;
}

@InputType()
export class AddTaskInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field()
  @Trimmed(300, { column: 'case_task.title' })
  title: string;

  @Field(() => ID)
  @IsUUID()
  ownerOrganisationId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueDate: string;
}

@ArgsType()
export class ConsentAlertsArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Consents ending within this many days' })
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays: number;
}

@ArgsType()
export class MyTasksArgs extends PageArgs {
  @Field(() => TaskStatus, { nullable: true, defaultValue: TaskStatus.OPEN })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;
}
