import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum HomeVisitStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(HomeVisitStatus, { name: 'HomeVisitStatus' });

@ObjectType('HomeVisitStaff')
export class HomeVisitStaffModel {
  @Field(() => ID)
  userId: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;
}

@ObjectType('HomeVisit', {
  description:
    'A booked home visit (a planned contact) with the staff who go. The address is null when protected identity hides it from the caller (contactHidden).',
})
export class HomeVisitModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true })
  streetAddress: string | null;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field()
  contactHidden: boolean;

  @Field()
  plannedAt: Date;

  @Field(() => [HomeVisitStaffModel])
  staff: HomeVisitStaffModel[];

  @Field(() => HomeVisitStatus)
  status: HomeVisitStatus;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'The contact attempt the visit became' })
  contactAttemptId: string | null;
}
