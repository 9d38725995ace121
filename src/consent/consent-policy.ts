// Type-only, and no other import: the web client shows this same verdict before saving.
import type { ConsentGiver } from './consent-category';

/** Who may consent at which age, per municipality. Mirrors SQL consent_is_sufficient(). */
export interface ConsentAgePolicy {
  /** From this age the young person's own consent is needed (default 15). */
  ownConsentFromAge: number;
  /** 15–17: a guardian must consent as well as the young person. */
  guardianAlsoRequired: boolean;
  /** Where a guardian must consent, both guardians must. */
  bothGuardiansRequired: boolean;
}

export const DEFAULT_CONSENT_POLICY: ConsentAgePolicy = {
  ownConsentFromAge: 15,
  guardianAlsoRequired: false,
  bothGuardiansRequired: false,
};

/**
 * What is missing for a consent given by `givenBy` to suffice for a person of `age`
 * (empty when sufficient). From 18 only the young person's own consent counts, so a
 * guardian-only consent silently stops working on the 18th birthday.
 */
export function missingConsent(
  givenBy: readonly ConsentGiver[] | readonly `${ConsentGiver}`[],
  age: number,
  policy: ConsentAgePolicy,
): string[] {
  const has = (giver: `${ConsentGiver}`) => (givenBy as readonly string[]).includes(giver);
  const own = has('YOUNG_PERSON');
  const both = has('BOTH_GUARDIANS');
  const guardian = both || has('ONE_GUARDIAN');
  if (age >= 18) return own ? [] : ["the young person's own consent (18 or over)"];
  const missing: string[] = [];
  const ownNeeded = age >= policy.ownConsentFromAge;
  if (ownNeeded && !own)
    missing.push(`the young person's own consent (${policy.ownConsentFromAge} or over)`);
  const guardianNeeded = !ownNeeded || policy.guardianAlsoRequired;
  if (guardianNeeded) {
    if (policy.bothGuardiansRequired && !both) missing.push("both guardians' consent");
    else if (!guardian) missing.push("a guardian's consent");
  }
  return missing;
}
