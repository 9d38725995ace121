import { ConsentGiver as G } from './consent-category';
import { DEFAULT_CONSENT_POLICY, missingConsent } from './consent-policy';

const D = DEFAULT_CONSENT_POLICY;

describe('consent age policy', () => {
  it('under 15 needs a guardian, and the young person alone is not enough', () => {
    expect(missingConsent([G.ONE_GUARDIAN], 14, D)).toEqual([]);
    expect(missingConsent([G.YOUNG_PERSON], 14, D)).toEqual(["a guardian's consent"]);
  });

  it("15–17 needs the young person's own consent, which is enough by default", () => {
    expect(missingConsent([G.YOUNG_PERSON], 15, D)).toEqual([]);
    expect(missingConsent([G.ONE_GUARDIAN], 17, D)).toEqual([
      "the young person's own consent (15 or over)",
    ]);
  });

  it('15–17 also needs a guardian when the policy says so, both when required', () => {
    const p = { ...D, guardianAlsoRequired: true };
    expect(missingConsent([G.YOUNG_PERSON], 16, p)).toEqual(["a guardian's consent"]);
    expect(missingConsent([G.YOUNG_PERSON, G.ONE_GUARDIAN], 16, p)).toEqual([]);
    const both = { ...p, bothGuardiansRequired: true };
    expect(missingConsent([G.YOUNG_PERSON, G.ONE_GUARDIAN], 16, both)).toEqual([
      "both guardians' consent",
    ]);
    expect(missingConsent([G.YOUNG_PERSON, G.BOTH_GUARDIANS], 16, both)).toEqual([]);
  });

  it('from 18 only the young person counts: guardian-only consent stops working', () => {
    const late = { ...D, ownConsentFromAge: 18 };
    expect(missingConsent([G.BOTH_GUARDIANS], 17, late)).toEqual([]);
    expect(missingConsent([G.BOTH_GUARDIANS], 18, late)).toEqual([
      "the young person's own consent (18 or over)",
    ]);
    expect(missingConsent([G.YOUNG_PERSON], 18, { ...D, bothGuardiansRequired: true })).toEqual([]);
  });
});
