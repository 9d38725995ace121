import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { ContactChannel, ContactOutcome, WorkListReason } from '../outreach.enums';

@ObjectType('WorkListItem', {
  description:
    'A young person in an open KAA period whose occupation is unknown (or who is overdue for contact under the municipality’s rule), and why they are where they are on the list',
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

  @Field(() => Int, { description: '1 (most urgent) to 8, the rank of `reason`' })
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

  @Field(() => Int, {
    description: 'Stockholm days since the last contact of the period, or since entry if none',
  })
  daysSinceLastContact: number;

  @Field({
    description: 'The occupation is known (on the list only through the contact-frequency rule)',
  })
  occupationKnown: boolean;

  @Field(() => Date, { nullable: true, description: 'The next booked home visit, if any' })
  nextHomeVisitAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Address and phone: null when protected identity hides them (contactHidden)',
  })
  streetAddress: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field()
  contactHidden: boolean;

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
