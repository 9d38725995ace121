import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { ContactChannel, ContactDirection, ContactOutcome } from '../outreach.enums';

/** A row of contact_attempt joined with the performer's display name. */
export interface ContactAttemptRow {
  id: string;
  young_person_id: string;
  channel: ContactChannel;
  direction: ContactDirection;
  occurred_at: Date;
  outcome: ContactOutcome;
  note: string | null;
  performed_by: string | null;
  performed_by_name: string | null;
  outreach_round_id: string | null;
}

@ObjectType('ContactAttempt', { description: 'One attempt to reach a young person (outreach)' })
export class ContactAttemptModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactDirection)
  direction: ContactDirection;

  @Field()
  occurredAt: Date;

  @Field(() => ContactOutcome)
  outcome: ContactOutcome;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The coordinator who made the attempt' })
  performedByUserId: string | null;

  @Field(() => String, { nullable: true })
  performedByName: string | null;

  @Field(() => ID, { nullable: true, description: 'Set when recorded as part of a bulk round' })
  outreachRoundId: string | null;

  static from(r: ContactAttemptRow): ContactAttemptModel {
    return Object.assign(new ContactAttemptModel(), {
      id: r.id,
      youngPersonId: r.young_person_id,
      channel: r.channel,
      direction: r.direction,
      occurredAt: r.occurred_at,
      outcome: r.outcome,
      note: r.note,
      performedByUserId: r.performed_by,
      performedByName: r.performed_by_name,
      outreachRoundId: r.outreach_round_id,
    });
  }
}

@ObjectType()
export class ContactAttemptConnection extends Connection(ContactAttemptModel, 'ContactAttempt') {}

@ObjectType('OutreachRound', {
  description: 'A bulk contact (e.g. a letter to many young people) recorded at once',
})
export class OutreachRoundModel {
  @Field(() => ID)
  id: string;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactDirection)
  direction: ContactDirection;

  @Field(() => ContactOutcome)
  outcome: ContactOutcome;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int)
  recipientCount: number;

  @Field(() => ID)
  createdByUserId: string;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class OutreachRoundConnection extends Connection(OutreachRoundModel, 'OutreachRound') {}
