import { registerEnumType } from '@nestjs/graphql';

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum CaseClosureOutcome {
  WORK = 'WORK',
  STUDIES = 'STUDIES',
  LABOUR_OFFICE_PROGRAMME = 'LABOUR_OFFICE_PROGRAMME',
  OTHER_SUPPORT = 'OTHER_SUPPORT',
  MOVED_AWAY = 'MOVED_AWAY',
  DECLINED_SUPPORT = 'DECLINED_SUPPORT',
  OTHER = 'OTHER',
}

/** Preventive meeting, follow-up, or SIP (samordnad individuell plan). */
export enum MeetingKind {
  PREVENTIVE = 'PREVENTIVE',
  FOLLOW_UP = 'FOLLOW_UP',
  SIP = 'SIP',
}

export enum GoalResponsible {
  YOUNG_PERSON = 'YOUNG_PERSON',
  ORGANISATION = 'ORGANISATION',
}

export enum GoalStatus {
  OPEN = 'OPEN',
  ACHIEVED = 'ACHIEVED',
  NOT_ACHIEVED = 'NOT_ACHIEVED',
}

export enum TaskKind {
  GENERAL = 'GENERAL',
  /** The young person turned 18 and a guardian-only consent no longer suffices. */
  RE_CONSENT = 'RE_CONSENT',
}

export enum TaskStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

/** CASE: shared under the consent rules; AUTHOR_ORGANISATION: a placeholder for everyone else. */
export enum NoteVisibility {
  CASE = 'CASE',
  AUTHOR_ORGANISATION = 'AUTHOR_ORGANISATION',
}

export enum CaseConsentStatus {
  MISSING = 'MISSING',
  ENDING_SOON = 'ENDING_SOON',
  /** Consent in force for now, but a guardian-only one outlived the 18th birthday. */
  RE_CONSENT_NEEDED = 'RE_CONSENT_NEEDED',
}

registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(CaseClosureOutcome, { name: 'CaseClosureOutcome' });
registerEnumType(MeetingKind, { name: 'MeetingKind' });
registerEnumType(GoalResponsible, { name: 'GoalResponsible' });
registerEnumType(GoalStatus, { name: 'GoalStatus' });
registerEnumType(TaskKind, { name: 'TaskKind' });
registerEnumType(TaskStatus, { name: 'TaskStatus' });
registerEnumType(CaseConsentStatus, { name: 'CaseConsentStatus' });
registerEnumType(NoteVisibility, { name: 'NoteVisibility' });
