import { addYears, birthday } from '../../core/clock/stockholm-calendar';
import { ConsentGiver, ConsentWithdrawnBy } from '../../consent/consent-category';

/** The purpose a flag's consent record states (migration OneConsentSystem has its twin). */
export const FLAG_CONSENT_PURPOSE = 'Avhoppsrisk delas med hemkommunens ungdomsteam';

/**
 * The end (exclusive) of a flag consent given without one: the 20th birthday, when the
 * youth team's activity duty (KAA) for the student ends, and at least a year after it was
 * given. Who may consent at which age is not decided here: the consent record follows the
 * municipality's policy (consent_in_force).
 */
export function flagConsentEnd(birthDate: string, givenOn: string): string {
  const twentieth = birthday(birthDate, 20);
  const aYear = addYears(givenOn, 1);
  return twentieth > aYear ? twentieth : aYear;
}

/** Who withdrew, when the school does not say: whoever gave it (the young person first). */
export function withdrawnByDefault(givenBy: readonly ConsentGiver[]): ConsentWithdrawnBy {
  return givenBy.includes(ConsentGiver.YOUNG_PERSON)
    ? ConsentWithdrawnBy.YOUNG_PERSON
    : ConsentWithdrawnBy.GUARDIAN;
}
