import { registerEnumType } from '@nestjs/graphql';
import { OrganisationKind } from '../identity/role.enum';

/** What the receiver is asked to do (DESIGN.md §5; seeds/000 names the labour-office programmes). */
export enum ReferralPurpose {
  UTBILDNINGSKONTRAKT = 'UTBILDNINGSKONTRAKT',
  EXTRATJANST = 'EXTRATJANST',
  LONESTOD = 'LONESTOD',
  /** Another labour-office programme, e.g. an assessment (utredning). */
  LABOUR_OFFICE_OTHER = 'LABOUR_OFFICE_OTHER',
  SOCIAL_SUPPORT = 'SOCIAL_SUPPORT',
  ASSOCIATION_ACTIVITY = 'ASSOCIATION_ACTIVITY',
  YOUTH_CLINIC = 'YOUTH_CLINIC',
  RETURN_TO_SCHOOL = 'RETURN_TO_SCHOOL',
  GUIDANCE = 'GUIDANCE',
}

export enum ReferralState {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum ReferralDeclineReason {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  NO_CAPACITY = 'NO_CAPACITY',
  YOUNG_PERSON_DECLINED = 'YOUNG_PERSON_DECLINED',
  WRONG_RECEIVER = 'WRONG_RECEIVER',
  OTHER = 'OTHER',
}

export enum ReferralOutcome {
  STARTED_PROGRAMME = 'STARTED_PROGRAMME',
  STARTED_WORK = 'STARTED_WORK',
  STARTED_STUDIES = 'STARTED_STUDIES',
  SUPPORT_GIVEN = 'SUPPORT_GIVEN',
  JOINED_ACTIVITY = 'JOINED_ACTIVITY',
  DID_NOT_ATTEND = 'DID_NOT_ATTEND',
  OTHER = 'OTHER',
}

export enum ReferralDirection {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
}

/** Which kinds of organisation can take a referral for each purpose. */
export const RECEIVER_KINDS: Record<ReferralPurpose, OrganisationKind[]> = {
  UTBILDNINGSKONTRAKT: [OrganisationKind.LABOUR_OFFICE],
  EXTRATJANST: [OrganisationKind.LABOUR_OFFICE],
  LONESTOD: [OrganisationKind.LABOUR_OFFICE],
  LABOUR_OFFICE_OTHER: [OrganisationKind.LABOUR_OFFICE],
  SOCIAL_SUPPORT: [OrganisationKind.SOCIAL_SERVICES],
  ASSOCIATION_ACTIVITY: [OrganisationKind.ASSOCIATION],
  YOUTH_CLINIC: [OrganisationKind.YOUTH_CLINIC],
  RETURN_TO_SCHOOL: [OrganisationKind.SCHOOL, OrganisationKind.YOUTH_TEAM],
  GUIDANCE: [OrganisationKind.SCHOOL, OrganisationKind.YOUTH_TEAM, OrganisationKind.LABOUR_OFFICE],
};

registerEnumType(ReferralPurpose, { name: 'ReferralPurpose' });
registerEnumType(ReferralState, { name: 'ReferralState' });
registerEnumType(ReferralDeclineReason, { name: 'ReferralDeclineReason' });
registerEnumType(ReferralOutcome, { name: 'ReferralOutcome' });
registerEnumType(ReferralDirection, { name: 'ReferralDirection' });
