import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsUUID } from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { ContactChannel, ContactDirection, ContactOutcome } from '../outreach.enums';
import { Trimmed } from '../../core/graphql/trimmed';

export const MAX_ROUND_RECIPIENTS = 2000;

@InputType()
export class RecordContactAttemptInput {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactDirection, { defaultValue: ContactDirection.OUTBOUND })
  @IsEnum(ContactDirection)
  direction: ContactDirection;

  @Field({ description: 'When the attempt happened; not in the future' })
  @IsDate()
  occurredAt: Date;

  @Field(() => ContactOutcome)
  @IsEnum(ContactOutcome)
  outcome: ContactOutcome;

  @Field(() => String, {
    nullable: true,
    description: 'Short note, at most 500 characters; no sensitive data',
  })
  @Trimmed(500, { optional: true, min: 0, column: 'contact_attempt.note' })
  note?: string | null;
}

@InputType()
export class RecordOutreachRoundInput {
  @Field(() => [ID], { description: `The recipients, 1–${MAX_ROUND_RECIPIENTS}` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROUND_RECIPIENTS)
  @IsUUID('all', { each: true })
  youngPersonIds: string[];

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactDirection, { defaultValue: ContactDirection.OUTBOUND })
  @IsEnum(ContactDirection)
  direction: ContactDirection;

  @Field()
  @IsDate()
  occurredAt: Date;

  @Field(() => ContactOutcome, {
    defaultValue: ContactOutcome.NO_RESPONSE,
    description: 'A letter just sent has no response yet: NO_RESPONSE',
  })
  @IsEnum(ContactOutcome)
  outcome: ContactOutcome;

  @Field(() => String, { nullable: true })
  @Trimmed(500, { optional: true, min: 0, column: 'outreach_round.note' })
  note?: string | null;
}

@ArgsType()
export class ContactAttemptsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  youngPersonId: string;
}

@ArgsType()
export class OutreachRoundsArgs extends PageArgs {}
