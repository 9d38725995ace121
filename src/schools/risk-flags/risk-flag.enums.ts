import { registerEnumType } from '@nestjs/graphql';

export enum RiskIndicator {
  /** With a percentage of lessons missed. */
  HIGH_ABSENCE = 'HIGH_ABSENCE',
  FAILING_COURSES = 'FAILING_COURSES',
  WELLBEING = 'WELLBEING',
  SOCIAL_SITUATION = 'SOCIAL_SITUATION',
  WANTS_TO_QUIT = 'WANTS_TO_QUIT',
  OTHER = 'OTHER',
}

export enum RiskSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

export enum RiskFlagStatus {
  OPEN = 'OPEN',
  MEETING_BOOKED = 'MEETING_BOOKED',
  PLAN_AGREED = 'PLAN_AGREED',
  RESOLVED = 'RESOLVED',
  /** A notice to the home municipality was sent for the flag. */
  ESCALATED = 'ESCALATED',
}

export enum MeetingStatus {
  BOOKED = 'BOOKED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

registerEnumType(RiskIndicator, { name: 'RiskIndicator' });
registerEnumType(RiskSeverity, { name: 'RiskSeverity' });
registerEnumType(RiskFlagStatus, {
  name: 'RiskFlagStatus',
  description: 'OPEN → MEETING_BOOKED → PLAN_AGREED → RESOLVED; ESCALATED when a notice is sent',
});
registerEnumType(MeetingStatus, { name: 'PreventiveMeetingStatus' });
