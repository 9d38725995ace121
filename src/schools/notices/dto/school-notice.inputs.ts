import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEnum,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../../core/graphql/connection';
import { NewStudentInput } from '../../students/student.inputs';
import { NoticeKind, NoticeReasonCategory, NoticeStatus } from '../school-notice.enums';
import { Trimmed } from '../../../core/graphql/trimmed';

@InputType()
export class SendSchoolNoticeInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A student of the own school; or give newStudent instead',
  })
  @IsOptional()
  @IsUUID()
  youngPersonId?: string;

  @Field(() => NewStudentInput, {
    nullable: true,
    description: 'A student the portal does not know yet: created and enrolled at the own school',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewStudentInput)
  newStudent?: NewStudentInput;

  @Field(() => NoticeKind)
  @IsEnum(NoticeKind)
  kind: NoticeKind;

  @Field({ description: 'Last day the student attended (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  lastAttendanceDate: string;

  @Field(() => NoticeReasonCategory)
  @IsEnum(NoticeReasonCategory)
  reasonCategory: NoticeReasonCategory;

  @Field()
  @IsBoolean()
  leftWithPlan: boolean;

  @Field({ nullable: true, description: 'Short and factual; no health details' })
  @Trimmed(500, { optional: true, min: 0, column: 'school_notice.note' })
  note?: string;

  @Field(() => ID, { nullable: true, description: 'The risk flag this notice escalates' })
  @IsOptional()
  @IsUUID()
  riskFlagId?: string;
}

@ArgsType()
export class SchoolNoticesArgs extends PageArgs {
  @Field(() => NoticeStatus, { nullable: true })
  @IsOptional()
  @IsEnum(NoticeStatus)
  status?: NoticeStatus;

  @Field(() => NoticeKind, { nullable: true })
  @IsOptional()
  @IsEnum(NoticeKind)
  kind?: NoticeKind;
}

@ArgsType()
export class SchoolNoticeIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
