import { ConsentRequiredError } from '../../core/errors/domain-error';
import { ageOn, birthday } from '../../core/clock/stockholm-calendar';
import { ConsentGivenBy } from './risk-flag.enums';

/** Default age policy (DESIGN §6): under 15 a guardian consents, from 15 the young person. */
export const GUARDIAN_CONSENT_BELOW_AGE = 15;

export interface FlagConsentDecision {
  /** The last day before which the consent suffices; null when it does not lapse by age. */
  validUntil: string | null;
}

/**
 * Decides whether a consent given by `givenBy` suffices for a young person born on
 * `birthDate`, on `today`. A guardian's consent for an under-15 lapses on the 15th
 * birthday: from then the young person's own consent is needed.
 */
export function decideFlagConsent(
  birthDate: string,
  givenBy: ConsentGivenBy,
  today: string,
): FlagConsentDecision {
  const age = ageOn(birthDate, today);
  if (age < GUARDIAN_CONSENT_BELOW_AGE) {
    if (givenBy === ConsentGivenBy.YOUNG_PERSON) {
      throw new ConsentRequiredError('Under 15 a guardian must give the consent', {
        requiredGivenBy: [ConsentGivenBy.GUARDIAN, ConsentGivenBy.BOTH_GUARDIANS],
      });
    }
    return { validUntil: birthday(birthDate, GUARDIAN_CONSENT_BELOW_AGE) };
  }
  if (givenBy !== ConsentGivenBy.YOUNG_PERSON) {
    throw new ConsentRequiredError('From 15 the young person must give the consent', {
      requiredGivenBy: [ConsentGivenBy.YOUNG_PERSON],
    });
  }
  return { validUntil: null };
}
