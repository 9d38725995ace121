/**
 * The field names of the 'YoungPerson' CASL subject. They are YoungPersonEntity property
 * names, plus pseudo-fields for what hangs off the person: other domains (consent) grant
 * subsets of them with can(read, 'YoungPerson', fields, conditions).
 */
export const YOUNG_PERSON = 'YoungPerson';

/** The youth-team's register view of a person (KAA period, occupation, contacts). */
export const KAA_PERSON = 'KaaPerson';

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
