import { birthday } from '../../core/clock/stockholm-calendar';
import { decideFlagConsent } from './flag-consent-policy';
import { ConsentGivenBy as By } from './risk-flag.enums';

describe('flag consent age policy', () => {
  it('under 15 needs a guardian and lapses on the 15th birthday', () => {
    expect(decideFlagConsent('2012-05-10', By.GUARDIAN, '2026-01-15')).toEqual({
      validUntil: '2027-05-10',
    });
    expect(decideFlagConsent('2012-05-10', By.BOTH_GUARDIANS, '2026-01-15').validUntil).toBe(
      '2027-05-10',
    );
    expect(() => decideFlagConsent('2012-05-10', By.YOUNG_PERSON, '2026-01-15')).toThrow(
      'guardian',
    );
  });

  it('from 15 needs the young person, the day of the birthday included', () => {
    expect(decideFlagConsent('2011-01-15', By.YOUNG_PERSON, '2026-01-15')).toEqual({
      validUntil: null,
    });
    expect(() => decideFlagConsent('2011-01-15', By.GUARDIAN, '2026-01-15')).toThrow(
      'young person',
    );
    expect(() => decideFlagConsent('2011-01-16', By.YOUNG_PERSON, '2026-01-15')).toThrow();
  });

  it('adults consent alone', () => {
    expect(() => decideFlagConsent('2005-03-01', By.BOTH_GUARDIANS, '2026-01-15')).toThrow();
  });

  it('computes leap-day birthdays', () => {
    expect(birthday('2012-02-29', 15)).toBe('2027-03-01');
  });
});
