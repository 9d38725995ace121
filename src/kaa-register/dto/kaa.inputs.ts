import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { KaaEntryReason, KaaExitReason } from '../kaa-period.entity';
import { ClosureKind, MeasureEndReason, MeasureStatus, MeasureType, PlanParty } from '../kaa.enums';
import { OccupationField, StudyProgramme } from '../closure-codes';
import { OccupationCategory, OccupationSource } from '../occupation.entity';
import { Trimmed } from '../../core/graphql/trimmed';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be YYYY-MM-DD` });

@InputType()
export class OpenKaaPeriodInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, dateMessage('entryDate'))
  entryDate: string;

  @Field(() => KaaEntryReason)
  @IsEnum(KaaEntryReason)
  entryReason: KaaEntryReason;

  @Field(() => ID, {
    nullable: true,
    description: 'A YOUTH_COORDINATOR of the caller’s team; defaults to the caller',
  })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, dateMessage('nextFollowUpDate'))
  nextFollowUpDate?: string;
}

@InputType()
export class CloseKaaPeriodInput {
  @Field({ description: 'YYYY-MM-DD, not before the entry date' })
  @Matches(DATE, dateMessage('exitDate'))
  exitDate: string;

  @Field(() => KaaExitReason)
  @IsEnum(KaaExitReason)
  exitReason: KaaExitReason;
}

@InputType()
export class RecordOccupationInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => OccupationCategory)
  @IsEnum(OccupationCategory)
  category: OccupationCategory;

  @Field({ description: 'YYYY-MM-DD: from when it holds' })
  @Matches(DATE, dateMessage('validFrom'))
  validFrom: string;

  @Field(() => OccupationSource)
  @IsEnum(OccupationSource)
  source: OccupationSource;

  @Field(() => String, { nullable: true, description: 'Short note; no sensitive data' })
  @Trimmed(500, { optional: true, min: 0, column: 'occupation.note' })
  note?: string;
}

@InputType()
export class AddMeasureInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => MeasureType)
  @IsEnum(MeasureType)
  type: MeasureType;

  @Field({ description: 'Who provides it, e.g. Ungdomsteamet, Arbetsförmedlingen, Trelleborgs FF' })
  @Trimmed(200, { column: 'kaa_measure.provider' })
  provider: string;

  @Field(() => String, { nullable: true })
  @Trimmed(1000, { optional: true, min: 0, column: 'kaa_measure.description' })
  description?: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, dateMessage('offeredOn'))
  offeredOn: string;

  @Field(() => MeasureStatus, { defaultValue: MeasureStatus.OFFERED })
  @IsEnum(MeasureStatus)
  status: MeasureStatus;

  @Field(() => String, { nullable: true, description: 'Required unless OFFERED or DECLINED' })
  @IsOptional()
  @Matches(DATE, dateMessage('startDate'))
  startDate?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The plan it serves; defaults to the plan of the open period',
  })
  @IsOptional()
  @IsUUID()
  planId?: string;
}

@InputType({
  description: 'Moves a measure on: OFFERED → ONGOING | DECLINED, ONGOING → COMPLETED | ABORTED',
})
export class UpdateMeasureInput {
  @Field(() => MeasureStatus, { nullable: true })
  @IsOptional()
  @IsEnum(MeasureStatus)
  status?: MeasureStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, dateMessage('startDate'))
  startDate?: string;

  @Field(() => String, { nullable: true, description: 'Required for COMPLETED and ABORTED' })
  @IsOptional()
  @Matches(DATE, dateMessage('endDate'))
  endDate?: string;

  @Field(() => MeasureEndReason, {
    nullable: true,
    description: 'Required for DECLINED, COMPLETED and ABORTED',
  })
  @IsOptional()
  @IsEnum(MeasureEndReason)
  endReason?: MeasureEndReason;

  @Field(() => String, { nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'kaa_measure.end_note' })
  endNote?: string;

  @Field(() => String, { nullable: true })
  @Trimmed(200, { optional: true, column: 'kaa_measure.provider' })
  provider?: string;
}

@InputType()
export class PlanResponsibilityInput {
  @Field(() => PlanParty)
  @IsEnum(PlanParty)
  party: PlanParty;

  @Field(() => String, {
    nullable: true,
    description: 'Required for OTHER_ACTOR, e.g. Arbetsförmedlingen',
  })
  @Trimmed(200, { optional: true, column: 'kaa_plan_responsibility.actor_name' })
  actorName?: string;

  @Field()
  @Trimmed(1000, { column: 'kaa_plan_responsibility.task' })
  task: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, dateMessage('followUpDate'))
  followUpDate?: string;
}

@InputType()
export class PlanContentInput {
  @Field({ description: 'The young person’s own goal (EOR: challenging, with a date)' })
  @Trimmed(1000, { column: 'kaa_plan_version.goal' })
  goal: string;

  @Field(() => String, { nullable: true })
  @Trimmed(4000, { optional: true, min: 0, column: 'kaa_plan_version.description' })
  description?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Also becomes the next follow-up date of the open register period',
  })
  @IsOptional()
  @Matches(DATE, dateMessage('nextFollowUpDate'))
  nextFollowUpDate?: string;

  @Field(() => [PlanResponsibilityInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanResponsibilityInput)
  responsibilities: PlanResponsibilityInput[];
}

@InputType()
export class CreatePlanInput extends PlanContentInput {
  @Field(() => ID, { description: 'Needs an open register period in the home municipality' })
  @IsUUID()
  youngPersonId: string;
}

@InputType()
export class RevisePlanInput extends PlanContentInput {
  @Field({ description: 'Why the plan changes (e.g. a measure ended)' })
  @Trimmed(1000, { column: 'kaa_plan_version.revision_reason' })
  revisionReason: string;
}

@InputType()
export class RecordClosureInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => ClosureKind)
  @IsEnum(ClosureKind)
  kind: ClosureKind;

  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE, dateMessage('closedOn'))
  closedOn: string;

  @Field(() => String, { nullable: true, description: 'Required for WORK, e.g. restaurangbiträde' })
  @Trimmed(200, { optional: true, column: 'kaa_closure.occupation_title' })
  occupationTitle?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Required for STUDIES, e.g. Vård- och omsorgsprogrammet',
  })
  @Trimmed(200, { optional: true, column: 'kaa_closure.programme' })
  programme?: string;

  @Field(() => OccupationField, {
    nullable: true,
    description:
      'WORK: the occupation field (yrkesområde). The monthly report splits closures by it; without it the closure counts as not stated',
  })
  @IsOptional()
  @IsEnum(OccupationField)
  occupationField?: OccupationField;

  @Field(() => StudyProgramme, {
    nullable: true,
    description:
      'STUDIES: the programme as a code. The monthly report splits closures by it; without it the closure counts as not stated',
  })
  @IsOptional()
  @IsEnum(StudyProgramme)
  programmeCode?: StudyProgramme;

  @Field(() => ID, { nullable: true, description: 'The measure that led there' })
  @IsOptional()
  @IsUUID()
  measureId?: string;

  @Field(() => String, { nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'kaa_closure.note' })
  note?: string;

  @Field(() => KaaExitReason, {
    nullable: true,
    description: 'Also close the open register period on closedOn with this reason',
  })
  @IsOptional()
  @IsEnum(KaaExitReason)
  closePeriodWith?: KaaExitReason;
}
