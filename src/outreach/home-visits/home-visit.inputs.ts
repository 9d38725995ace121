import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { ContactOutcome } from '../outreach.enums';
import { Trimmed } from '../../core/graphql/trimmed';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class BookHomeVisitInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field({ description: 'When the visit is planned; not in the past' })
  @IsDate()
  plannedAt: Date;

  @Field(() => [ID], {
    description:
      'The staff who go: 2–4 coordinators of the caller’s own youth team (two is the routine)',
  })
  @ArrayMinSize(2, { message: 'a home visit needs two staff' })
  @ArrayMaxSize(4)
  @IsUUID('all', { each: true })
  staffUserIds: string[];

  @Field(() => String, { nullable: true, description: 'Short note; no sensitive data' })
  @Trimmed(500, { optional: true, min: 0, column: 'home_visit.note' })
  note?: string | null;
}

@InputType()
export class RecordHomeVisitInput {
  @Field(() => ContactOutcome, { description: 'What the visit came to' })
  @IsEnum(ContactOutcome)
  outcome: ContactOutcome;

  @Field({ nullable: true, description: 'When it happened; defaults to now; not in the future' })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;

  @Field(() => String, { nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'contact_attempt.note' })
  note?: string | null;
}

@ArgsType()
export class HomeVisitAgendaArgs {
  @Field({ description: 'First day, YYYY-MM-DD (Stockholm)' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from: string;

  @Field({ description: 'Last day, YYYY-MM-DD; at most 62 days after `from`' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Whose agenda: a coordinator of the own team; defaults to the caller',
  })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;

  @Field({ defaultValue: false, description: 'The whole team’s planned visits instead' })
  @IsBoolean()
  wholeTeam: boolean;
}
