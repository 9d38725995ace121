import { ConflictError, ForbiddenError } from '../core/errors/domain-error';
import { ReferralState } from './referral.enums';

export type ReferralEvent = 'ACCEPT' | 'DECLINE' | 'COMPLETE' | 'CANCEL';
export type ReferralParty = 'SENDER' | 'RECEIVER';

interface Edge {
  from: ReferralState[];
  to: ReferralState;
  by: ReferralParty[];
}

/**
 * The closed loop: SENT → ACCEPTED | DECLINED | CANCELLED; ACCEPTED → COMPLETED |
 * CANCELLED. Only the receiver answers and completes; either side may cancel an accepted
 * referral, only the sender a sent one.
 */
const EDGES: Record<ReferralEvent, Edge[]> = {
  ACCEPT: [{ from: [ReferralState.SENT], to: ReferralState.ACCEPTED, by: ['RECEIVER'] }],
  DECLINE: [{ from: [ReferralState.SENT], to: ReferralState.DECLINED, by: ['RECEIVER'] }],
  COMPLETE: [{ from: [ReferralState.ACCEPTED], to: ReferralState.COMPLETED, by: ['RECEIVER'] }],
  CANCEL: [
    { from: [ReferralState.SENT], to: ReferralState.CANCELLED, by: ['SENDER'] },
    { from: [ReferralState.ACCEPTED], to: ReferralState.CANCELLED, by: ['SENDER', 'RECEIVER'] },
  ],
};

const VERB: Record<ReferralEvent, string> = {
  ACCEPT: 'accepted',
  DECLINE: 'declined',
  COMPLETE: 'completed',
  CANCEL: 'cancelled',
};

/** The state after `event`, or CONFLICT (wrong state) / FORBIDDEN (wrong party) with a clear message. */
export function nextReferralState(
  from: ReferralState,
  event: ReferralEvent,
  party: ReferralParty,
): ReferralState {
  const edges = EDGES[event];
  const fromState = edges.filter((e) => e.from.includes(from));
  if (!fromState.length) {
    const allowed = [...new Set(edges.flatMap((e) => e.from))].join(' or ');
    throw new ConflictError(
      `A referral in state ${from} cannot be ${VERB[event]}; only a referral in state ${allowed} can`,
      { state: from, event },
    );
  }
  const edge = fromState.find((e) => e.by.includes(party));
  if (!edge) {
    const who = fromState[0].by.map((p) => (p === 'SENDER' ? 'sending' : 'receiving')).join(' or ');
    throw new ForbiddenError(`Only the ${who} organisation can do this in state ${from}`);
  }
  return edge.to;
}
