import { OccupationModel } from '../kaa-register/models/occupation.model';
import { YoungPersonModel } from './models/young-person.model';
import { readableFields } from './young-person.access';
import { CONTACT_FIELDS } from './young-person-fields';
import { YoungPersonRow } from './young-people.query';

/**
 * Builds the API view of a row from the decision the query made for it (identity, contact,
 * KAA register: authz.person_row_access), so masking is the database's, for lists, search
 * and single reads alike.
 */
export function toYoungPersonModel(r: YoungPersonRow): YoungPersonModel {
  const readable = readableFields({ identity: r.identity, contact: r.contact, kaa: r.kaa_visible });
  const show = <T>(field: string, value: T): T | null => (readable.has(field) ? value : null);
  const kaa = readable.has('kaa');
  const occupation =
    kaa && r.occ_id
      ? OccupationModel.from({
          id: r.occ_id,
          category: r.occ_category!,
          validFrom: r.occ_valid_from!,
          source: r.occ_source!,
          note: r.occ_note,
          recordedBy: r.occ_recorded_by,
          recordedAt: r.occ_recorded_at!,
        })
      : null;
  return Object.assign(new YoungPersonModel(), {
    id: r.id,
    personalNumber: show('personalNumber', r.personal_number),
    coordinationNumber: show('coordinationNumber', r.coordination_number),
    birthDate: show('birthDate', r.birth_date),
    age: show('birthDate', r.age),
    givenName: show('givenName', r.given_name),
    familyName: show('familyName', r.family_name),
    homeMunicipalityCode: show('homeMunicipalityCode', r.home_municipality_code),
    streetAddress: show('streetAddress', r.street_address),
    postalCode: show('postalCode', r.postal_code),
    city: show('city', r.city),
    phone: show('phone', r.phone),
    email: show('email', r.email),
    preferredLanguage: show('preferredLanguage', r.preferred_language),
    protectedIdentity: show('protectedIdentity', r.protected_identity),
    contactHidden: CONTACT_FIELDS.some((f) => !readable.has(f)),
    inKaa: kaa ? r.in_kaa : null,
    currentOccupation: occupation,
    known: kaa ? occupation !== null && occupation.category !== 'UNKNOWN' : null,
    lastContactAt: kaa ? r.last_contact_at : null,
    createdAt: r.created_at,
    readable,
    access: { basis: r.basis, consentIds: r.consent_ids ?? [] },
  });
}

/** The fields a read exposed, for the access log (union over the rows). */
export function exposedFields(models: YoungPersonModel[]): string[] {
  const fields = new Set<string>();
  for (const m of models) m.readable.forEach((f) => fields.add(f));
  return [...fields].sort();
}
