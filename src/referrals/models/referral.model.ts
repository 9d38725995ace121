import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { InformationCategory } from '../../consent/consent-category';
import { ReferralEntity, ReferralTransitionEntity } from '../referral.entities';
import { ReferralParty } from '../referral-state';
import {
  ReferralDeclineReason,
  ReferralDirection,
  ReferralOutcome,
  ReferralPurpose,
  ReferralState,
} from '../referral.enums';

@ObjectType('ReferralClosure', {
  description: 'A referral closed by its receiver without seeing it: its id and new state only',
})
export class ReferralClosureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReferralState)
  state: ReferralState;
}

@ObjectType('ReferralSection')
export class ReferralSectionModel {
  @Field(() => InformationCategory)
  category: InformationCategory;

  @Field()
  body: string;
}

@ObjectType('ReferralTransition', { description: 'Each state change, timed and attributed' })
export class ReferralTransitionModel {
  @Field(() => ReferralState, { nullable: true })
  fromState: ReferralState | null;

  @Field(() => ReferralState)
  toState: ReferralState;

  @Field(() => String, { nullable: true, description: 'Decline reason or outcome code' })
  code: string | null;

  @Field()
  at: Date;

  @Field(() => ID)
  byUserId: string;

  @Field(() => ID)
  byOrganisationId: string;

  static from(e: ReferralTransitionEntity): ReferralTransitionModel {
    return Object.assign(new ReferralTransitionModel(), {
      fromState: e.fromState,
      toState: e.toState,
      code: e.code,
      at: e.at,
      byUserId: e.byUserId,
      byOrganisationId: e.byOrganisationId,
    });
  }
}

@ObjectType('ReferralPerson', {
  description:
    'The young person as this referral lets the caller see them: name with IDENTITY consent, contact with CONTACT consent',
})
export class ReferralPersonModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@ObjectType('Referral', {
  description:
    'Remiss. The sender sees state, dates and outcome (and what it shared); the receiver sees it while a consent names it, content limited to the consented categories',
})
export class ReferralModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field(() => ReferralDirection, {
    description: 'Whether the caller’s organisation sent or received it',
  })
  direction: ReferralDirection;

  @Field(() => ReferralPurpose)
  purpose: ReferralPurpose;

  @Field(() => String, { nullable: true, description: 'The activity, for association referrals' })
  activity: string | null;

  @Field(() => [InformationCategory])
  sharedCategories: InformationCategory[];

  @Field()
  responseDueDate: string;

  @Field(() => ReferralState)
  state: ReferralState;

  @Field({ description: 'SENT and past its response due date' })
  overdue: boolean;

  @Field(() => ReferralDeclineReason, { nullable: true })
  declineReason: ReferralDeclineReason | null;

  @Field(() => ReferralOutcome, { nullable: true })
  outcomeCode: ReferralOutcome | null;

  @Field(() => String, { nullable: true, description: 'Receiver only: its own note' })
  receiverNote: string | null;

  @Field(() => ID)
  senderOrganisationId: string;

  @Field(() => ID)
  receiverOrganisationId: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  municipalityCode: string;

  /** `party`: as authz.referral_access decided; only the receiver reads its own note. */
  static from(e: ReferralEntity, party: ReferralParty | null, today: string): ReferralModel {
    const received = party === 'RECEIVER';
    return Object.assign(new ReferralModel(), {
      id: e.id,
      caseId: e.caseId,
      youngPersonId: e.youngPersonId,
      direction: received ? ReferralDirection.RECEIVED : ReferralDirection.SENT,
      purpose: e.purpose,
      activity: e.activity,
      sharedCategories: e.sharedCategories,
      responseDueDate: e.responseDueDate,
      state: e.state,
      overdue: e.state === ReferralState.SENT && e.responseDueDate < today,
      declineReason: e.declineReason,
      outcomeCode: e.outcomeCode,
      receiverNote: received ? e.receiverNote : null,
      senderOrganisationId: e.senderOrganisationId,
      receiverOrganisationId: e.receiverOrganisationId,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      municipalityCode: e.municipalityCode,
    });
  }
}

@ObjectType()
export class ReferralConnection extends Connection(ReferralModel, 'Referral') {}
