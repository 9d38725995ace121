import { registerEnumType } from '@nestjs/graphql';

/** How the youth team tried to reach the young person (DESIGN.md §3). */
export enum ContactChannel {
  LETTER = 'LETTER',
  PHONE = 'PHONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  HOME_VISIT = 'HOME_VISIT',
  IN_PERSON = 'IN_PERSON',
  VIA_GUARDIAN = 'VIA_GUARDIAN',
  VIA_SCHOOL = 'VIA_SCHOOL',
}

export enum ContactDirection {
  OUTBOUND = 'OUTBOUND',
  INBOUND = 'INBOUND',
}

export enum ContactOutcome {
  NO_RESPONSE = 'NO_RESPONSE',
  REACHED = 'REACHED',
  DECLINED_CONTACT = 'DECLINED_CONTACT',
  WRONG_DETAILS = 'WRONG_DETAILS',
  MOVED = 'MOVED',
  GUARDIAN_DECLINED = 'GUARDIAN_DECLINED',
  MESSAGE_LEFT = 'MESSAGE_LEFT',
}

/**
 * Why a young person is where they are on the work list, in priority order (rank 1
 * first). See README.md for the rules.
 */
export enum WorkListReason {
  /** Nobody gets lost: no (active) responsible coordinator. */
  NO_RESPONSIBLE = 'NO_RESPONSIBLE',
  /** Nobody gets lost: no next follow-up date. */
  NO_FOLLOW_UP_DATE = 'NO_FOLLOW_UP_DATE',
  /** The next follow-up date has passed. */
  FOLLOW_UP_OVERDUE = 'FOLLOW_UP_OVERDUE',
  /** No contact attempt in the current register period. */
  NEVER_CONTACTED = 'NEVER_CONTACTED',
  /** Under 18 and a guardian declined contact, no home visit since: book one (seeds/000). */
  GUARDIAN_DECLINED_BOOK_HOME_VISIT = 'GUARDIAN_DECLINED_BOOK_HOME_VISIT',
  /** A letter went unanswered, nobody reached and no home visit since (seeds/004). */
  LETTERS_UNANSWERED_HOME_VISIT_DUE = 'LETTERS_UNANSWERED_HOME_VISIT_DUE',
  /** The municipality's contact-frequency rule: not contacted for N weeks. */
  CONTACT_OVERDUE = 'CONTACT_OVERDUE',
  /** Everyone else with unknown occupation, oldest last contact first. */
  KEEP_IN_TOUCH = 'KEEP_IN_TOUCH',
}

/** Rank of each reason: the order of the work list. */
export const WORK_LIST_RANK: Record<WorkListReason, number> = {
  [WorkListReason.NO_RESPONSIBLE]: 1,
  [WorkListReason.NO_FOLLOW_UP_DATE]: 2,
  [WorkListReason.FOLLOW_UP_OVERDUE]: 3,
  [WorkListReason.NEVER_CONTACTED]: 4,
  [WorkListReason.GUARDIAN_DECLINED_BOOK_HOME_VISIT]: 5,
  [WorkListReason.LETTERS_UNANSWERED_HOME_VISIT_DUE]: 6,
  [WorkListReason.CONTACT_OVERDUE]: 7,
  [WorkListReason.KEEP_IN_TOUCH]: 8,
};

registerEnumType(ContactChannel, { name: 'ContactChannel' });
registerEnumType(ContactDirection, { name: 'ContactDirection' });
registerEnumType(ContactOutcome, {
  name: 'ContactOutcome',
  description: 'Outcome of a contact attempt',
});
registerEnumType(WorkListReason, {
  name: 'WorkListReason',
  description: 'Why a young person is on the work list, in priority order',
});
