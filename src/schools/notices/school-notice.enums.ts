import { registerEnumType } from '@nestjs/graphql';

export enum NoticeKind {
  DROPPED_OUT = 'DROPPED_OUT',
  /** Absent without valid reason to a significant extent (betydande frånvaro). */
  SIGNIFICANT_ABSENCE = 'SIGNIFICANT_ABSENCE',
}

/** Broad categories only: health and other sensitive details are never recorded here. */
export enum NoticeReasonCategory {
  STUDY_MOTIVATION = 'STUDY_MOTIVATION',
  WRONG_PROGRAMME = 'WRONG_PROGRAMME',
  STUDY_DIFFICULTIES = 'STUDY_DIFFICULTIES',
  PERSONAL_SITUATION = 'PERSONAL_SITUATION',
  WORK = 'WORK',
  MOVED = 'MOVED',
  UNKNOWN = 'UNKNOWN',
  OTHER = 'OTHER',
}

export enum NoticeStatus {
  SENT = 'SENT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

registerEnumType(NoticeKind, { name: 'SchoolNoticeKind' });
registerEnumType(NoticeReasonCategory, { name: 'SchoolNoticeReason' });
registerEnumType(NoticeStatus, { name: 'SchoolNoticeStatus' });
