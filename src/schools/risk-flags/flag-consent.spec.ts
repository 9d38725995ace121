import { ConsentGiver, ConsentWithdrawnBy } from '../../consent/consent-category';
import { flagConsentEnd, withdrawnByDefault } from './flag-consent';

describe('flag consent defaults', () => {
  it('lasts to the 20th birthday, and at least a year', () => {
    expect(flagConsentEnd('2010-05-10', '2026-12-01')).toBe('2030-05-10');
    expect(flagConsentEnd('2007-01-15', '2026-12-01')).toBe('2027-12-01');
    // 29 February: 1 March in a common year, as birthday().
    expect(flagConsentEnd('2008-02-29', '2026-12-01')).toBe('2028-02-29');
    expect(flagConsentEnd('2009-02-28', '2026-12-01')).toBe('2029-02-28');
  });

  it('names the young person as the one who withdrew when they gave it', () => {
    expect(withdrawnByDefault([ConsentGiver.YOUNG_PERSON, ConsentGiver.ONE_GUARDIAN])).toBe(
      ConsentWithdrawnBy.YOUNG_PERSON,
    );
    expect(withdrawnByDefault([ConsentGiver.BOTH_GUARDIANS])).toBe(ConsentWithdrawnBy.GUARDIAN);
  });
});
