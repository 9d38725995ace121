import { ReferralState as S } from './referral.enums';
import { nextReferralState, ReferralEvent, ReferralParty } from './referral-state';

describe('referral state machine', () => {
  it.each<[S, ReferralEvent, ReferralParty, S]>([
    [S.SENT, 'ACCEPT', 'RECEIVER', S.ACCEPTED],
    [S.SENT, 'DECLINE', 'RECEIVER', S.DECLINED],
    [S.SENT, 'CANCEL', 'SENDER', S.CANCELLED],
    [S.ACCEPTED, 'COMPLETE', 'RECEIVER', S.COMPLETED],
    [S.ACCEPTED, 'CANCEL', 'SENDER', S.CANCELLED],
    [S.ACCEPTED, 'CANCEL', 'RECEIVER', S.CANCELLED],
  ])('%s --%s by %s--> %s', (from, event, party, to) => {
    expect(nextReferralState(from, event, party)).toBe(to);
  });

  it.each<[S, ReferralEvent]>([
    [S.ACCEPTED, 'ACCEPT'],
    [S.DECLINED, 'ACCEPT'],
    [S.SENT, 'COMPLETE'],
    [S.DECLINED, 'COMPLETE'],
    [S.COMPLETED, 'CANCEL'],
    [S.DECLINED, 'CANCEL'],
    [S.CANCELLED, 'CANCEL'],
    [S.COMPLETED, 'DECLINE'],
  ])('refuses %s --%s as CONFLICT', (from, event) => {
    expect(() => nextReferralState(from, event, 'RECEIVER')).toThrow(/cannot be/);
    try {
      nextReferralState(from, event, 'SENDER');
    } catch (e) {
      expect((e as { code: string }).code).toBe('CONFLICT');
    }
  });

  it('refuses the wrong party as FORBIDDEN', () => {
    expect(() => nextReferralState(S.SENT, 'ACCEPT', 'SENDER')).toThrow(/receiving organisation/);
    expect(() => nextReferralState(S.SENT, 'CANCEL', 'RECEIVER')).toThrow(/sending organisation/);
  });
});
