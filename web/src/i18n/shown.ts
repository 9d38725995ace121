/**
 * What the client shows from the API by value: every value of these enums, every error
 * code and every notification kind has a label in both catalogues
 * (src/web-client/translations.spec.ts fails otherwise).
 */
export const SHOWN_ENUMS = [
  'Role',
  'Permission',
  'WorkListReason',
  'ContactChannel',
  'ContactOutcome',
  'OccupationCategory',
  'RiskIndicator',
  'RiskSeverity',
  'RiskFlagStatus',
  'PreventiveMeetingStatus',
  'InformationCategory',
  'ConsentGiver',
  'ConsentMethod',
  'ConsentState',
  'CaseStatus',
  'KaaEntryReason',
  'KaaExitReason',
  'MeasureType',
  'MeasureStatus',
  'SchoolNoticeKind',
  'SchoolNoticeReason',
  'SchoolNoticeStatus',
  'OrganisationKind',
  'ImportProblemCode',
  'LegalBasis',
  'AccessAction',
  'ActivityKind',
  'ReferralPurpose',
  'ReferralState',
  'ReferralOutcome',
  'ReferralDeclineReason',
  'CaseClosureOutcome',
  'MeetingKind',
  'TaskStatus',
  'GoalStatus',
  'GoalResponsible',
] as const;
export type EnumName = (typeof SHOWN_ENUMS)[number];

/** Errors of the client's own making, beside the API's codes. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR'] as const;

/** The kinds the API writes (NotificationWriter calls in src/). */
export const NOTIFICATION_KINDS = [
  'CASE_MEETING_SCHEDULED',
  'CASE_PARTICIPANT_ADDED',
  'CASE_PARTICIPANT_REMOVED',
  'CASE_LEAD_PROPOSED',
  'CASE_LEAD_ACCEPTED',
  'CASE_LEAD_DECLINED',
  'CASE_TASK_ASSIGNED',
  'REGISTER_HANDOVER_RECEIVED',
  'REGISTER_HANDOVER_SENT',
  'CONSENT_WITHDRAWN',
  'CONSENT_NARROWED',
  'CONSENT_EXPIRED',
  'CONSENT_ENDING_SOON',
  'CONSENT_NO_LONGER_VALID',
  'CONCERN_REPORT_RECEIVED',
  'CONCERN_REPORT_URGENT',
  'DROPPED_OUT',
  'EMERGENCY_ACCESS_OPENED',
  'FLAG_SHARED',
  'NOTICE_ACKNOWLEDGED',
  'NOTICE_RECEIVED',
  'REFERRAL_OVERDUE',
  'REFERRAL_RECEIVED',
  'REGISTER_EXTRACT',
  'RE_CONSENT_NEEDED',
  'SIGNIFICANT_ABSENCE',
  'TASK_DUE',
  'WORK_REASSIGNED',
] as const;
