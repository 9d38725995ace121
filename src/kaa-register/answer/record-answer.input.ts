import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsUUID, Matches, ValidateNested } from 'class-validator';
import { ContactChannel, ContactDirection, ContactOutcome } from '../../outreach/outreach.enums';
import { OccupationCategory, OccupationSource } from '../occupation.entity';
import { Trimmed } from '../../core/graphql/trimmed';

@InputType()
export class AnswerOccupationInput {
  @Field(() => OccupationCategory)
  @IsEnum(OccupationCategory)
  category: OccupationCategory;

  @Field({ description: 'YYYY-MM-DD: from when it holds' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be YYYY-MM-DD' })
  validFrom: string;

  @Field(() => OccupationSource, { defaultValue: OccupationSource.YOUNG_PERSON })
  @IsEnum(OccupationSource)
  source: OccupationSource;

  @Field(() => String, { nullable: true, description: 'Short note; no sensitive data' })
  @Trimmed(500, { optional: true, min: 0, column: 'occupation.note' })
  note?: string;
}

@InputType({
  description: 'An answer (to a letter, a call...) and the occupation it told, recorded together',
})
export class RecordAnswerInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => ContactChannel, { description: 'How the answer came, e.g. PHONE' })
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactDirection, { defaultValue: ContactDirection.INBOUND })
  @IsEnum(ContactDirection)
  direction: ContactDirection;

  @Field({ description: 'When the answer came; not in the future' })
  @IsDate()
  occurredAt: Date;

  @Field(() => ContactOutcome, { defaultValue: ContactOutcome.REACHED })
  @IsEnum(ContactOutcome)
  outcome: ContactOutcome;

  @Field(() => String, { nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'contact_attempt.note' })
  note?: string | null;

  @Field(() => AnswerOccupationInput)
  @ValidateNested()
  @Type(() => AnswerOccupationInput)
  occupation: AnswerOccupationInput;
}
