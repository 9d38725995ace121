import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** The open work of a user, per kind: what a reassignment moves (or moved). */
@ObjectType({ isAbstract: true })
export abstract class StaffWorkCounts {
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

@ObjectType('StaffWorkReassignment', {
  description: 'How many open items moved from one user to another, per kind',
})
export class StaffWorkReassignmentModel extends StaffWorkCounts {
  @Field(() => ID)
  fromUserId: string;

  @Field(() => ID)
  toUserId: string;
}

@ObjectType('StaffWorkPreview', {
  description:
    'What a reassignment would move now, per kind (counts only, no young people); nothing changes',
})
export class StaffWorkPreviewModel extends StaffWorkCounts {
  @Field(() => ID)
  fromUserId: string;

  @Field(() => ID, { nullable: true, description: 'The receiver checked, when one was given' })
  toUserId: string | null;
}
