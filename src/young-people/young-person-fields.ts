/**
 * The 'YoungPerson' CASL subject (actions: the register keeper's changes) and the API
 * fields of a person, grouped as authz.person_row_access decides them: identity, contact
 * and address, relations (readableFields in young-person.access.ts).
 */
export const YOUNG_PERSON = 'YoungPerson';

/** Rows of the KAA tables; conditions on their `municipalityCode` (the register's owner). */
export const KAA_REGISTER = 'KaaRegister';

export const IDENTITY_FIELDS = [
  'id',
  'personalNumber',
  'coordinationNumber',
  'birthDate',
  'givenName',
  'familyName',
  'homeMunicipalityCode',
  'preferredLanguage',
  'protectedIdentity',
];

/** Address and contact, including the guardians' (they would reveal where the person lives). */
export const CONTACT_FIELDS = [
  'streetAddress',
  'postalCode',
  'city',
  'phone',
  'email',
  'guardianContact',
];

/** Guardians (names, declined contact) and schooling history. */
export const RELATION_FIELDS = ['guardians', 'schooling'];

export const ALL_YOUNG_PERSON_FIELDS = [...IDENTITY_FIELDS, ...CONTACT_FIELDS, ...RELATION_FIELDS];

/**
 * Declared by the read queries: every signed-in user may ask, and the row scope decides
 * what comes back (an empty list or NOT_FOUND for those without rows).
 */
export const YOUNG_PERSON_LOOKUP = 'YoungPersonLookup';
