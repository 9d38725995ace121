import { ConflictError } from '../../core/errors/domain-error';
import { RiskFlagStatus } from './risk-flag.enums';

/** The follow-up path; RESOLVED and ESCALATED end it. */
const NEXT: Record<RiskFlagStatus, readonly RiskFlagStatus[]> = {
  [RiskFlagStatus.OPEN]: [RiskFlagStatus.MEETING_BOOKED, RiskFlagStatus.ESCALATED],
  [RiskFlagStatus.MEETING_BOOKED]: [RiskFlagStatus.PLAN_AGREED, RiskFlagStatus.ESCALATED],
  [RiskFlagStatus.PLAN_AGREED]: [RiskFlagStatus.RESOLVED, RiskFlagStatus.ESCALATED],
  [RiskFlagStatus.RESOLVED]: [],
  [RiskFlagStatus.ESCALATED]: [],
};

export function canTransition(from: RiskFlagStatus, to: RiskFlagStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: RiskFlagStatus, to: RiskFlagStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`A risk flag cannot go from ${from} to ${to}`, { from, to });
  }
}

export function isClosed(status: RiskFlagStatus): boolean {
  return NEXT[status].length === 0;
}
