import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { ContactChannel, ContactOutcome, WorkListReason } from '../outreach.enums';

@ObjectType('WorkListItem', {
  description:
    'A young person in an open KAA period whose occupation is unknown, and why they are where they are on the list',
})
export class WorkListItemModel {
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

  @Field(() => WorkListReason, {
    description: 'The reason that decides the position (highest priority)',
  })
  reason: WorkListReason;

  @Field(() => [WorkListReason], {
    description: 'Every reason that applies, highest priority first',
  })
  reasons: WorkListReason[];

  @Field(() => Int, { description: '1 (most urgent) to 7, the rank of `reason`' })
  priority: number;

  @Field()
  entryDate: string;

  @Field(() => ID, { nullable: true })
  responsibleUserId: string | null;

  @Field(() => String, { nullable: true })
  responsibleName: string | null;

  @Field(() => String, { nullable: true })
  nextFollowUpDate: string | null;

  @Field(() => Int, { description: 'Contact attempts in the current period' })
  contactCount: number;

  @Field(() => Date, { nullable: true })
  lastContactAt: Date | null;

  @Field(() => ContactChannel, { nullable: true })
  lastContactChannel: ContactChannel | null;

  @Field(() => ContactOutcome, { nullable: true })
  lastContactOutcome: ContactOutcome | null;

  /** Keyset position, not exposed. */
  sortKey: string;
}

@ObjectType()
export class WorkListConnection extends Connection(WorkListItemModel, 'WorkListItem') {}

@ObjectType('FollowUpPlan', { description: 'Who is responsible and when the next follow-up is' })
export class FollowUpPlanModel {
  @Field(() => ID)
  kaaPeriodId: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ID, { nullable: true })
  responsibleUserId: string | null;

  @Field(() => String, { nullable: true })
  nextFollowUpDate: string | null;
}
