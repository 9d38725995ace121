import { assertTransition, canTransition } from './risk-flag-transitions';
import { RiskFlagStatus as S } from './risk-flag.enums';

describe('risk flag transitions', () => {
  it('follows open → meeting booked → plan agreed → resolved', () => {
    expect(canTransition(S.OPEN, S.MEETING_BOOKED)).toBe(true);
    expect(canTransition(S.MEETING_BOOKED, S.PLAN_AGREED)).toBe(true);
    expect(canTransition(S.PLAN_AGREED, S.RESOLVED)).toBe(true);
  });

  it('escalates from every open state', () => {
    for (const s of [S.OPEN, S.MEETING_BOOKED, S.PLAN_AGREED])
      expect(canTransition(s, S.ESCALATED)).toBe(true);
  });

  it('refuses skipping steps, going back and leaving a closed flag', () => {
    expect(canTransition(S.OPEN, S.PLAN_AGREED)).toBe(false);
    expect(canTransition(S.OPEN, S.RESOLVED)).toBe(false);
    expect(canTransition(S.PLAN_AGREED, S.OPEN)).toBe(false);
    for (const to of Object.values(S)) {
      expect(canTransition(S.RESOLVED, to)).toBe(false);
      expect(canTransition(S.ESCALATED, to)).toBe(false);
    }
    expect(() => assertTransition(S.RESOLVED, S.OPEN)).toThrow('cannot go from RESOLVED to OPEN');
  });
});
