import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('StaffWorkReassignment', {
  description: 'How many open items moved from one user to another, per kind',
})
export class StaffWorkReassignmentModel {
  @Field(() => ID)
  fromUserId: string;

  @Field(() => ID)
  toUserId: string;

  @Field(() => Int, { description: 'Open joint cases the user led (lead user)' })
  cases: number;

  @Field(() => Int, {
    description: 'Open risk flags (OPEN, MEETING_BOOKED, PLAN_AGREED) the user is responsible for',
  })
  riskFlags: number;

  @Field(() => Int, { description: 'Open referrals (SENT, ACCEPTED) the user sent' })
  referrals: number;

  @Field(() => Int, { description: 'Open case tasks the user owned' })
  tasks: number;

  @Field(() => Int, { description: 'Open KAA register periods the user was responsible for' })
  kaaPeriods: number;
}
