import { subject } from '@casl/ability';
import { Actor } from '../core/auth/actor';
import { AbilityFactory } from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { OrganisationKind, Role } from '../identity/role.enum';
import { isStatutoryRegisterKeeper, YoungPeopleAbilities } from './young-people.abilities';
import { readableFields } from './young-person.access';
import { CONTACT_FIELDS, IDENTITY_FIELDS, YOUNG_PERSON } from './young-person-fields';

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  organisationId: 'o',
  organisationKind: OrganisationKind.YOUTH_TEAM,
  municipalityCode: '1287',
  roles: [Role.YOUTH_COORDINATOR],
  permissions: [],
  ...over,
});

async function abilityFor(a: Actor) {
  const factory = new AbilityFactory();
  new YoungPeopleAbilities(factory).onModuleInit();
  return factory.createFor(a);
}

describe('young-people abilities (actions only)', () => {
  it('the register keeper changes people of its own municipality', async () => {
    const ability = await abilityFor(actor());
    const own = subject(YOUNG_PERSON, { homeMunicipalityCode: '1287' });
    const other = subject(YOUNG_PERSON, { homeMunicipalityCode: '1280' });
    expect(ability.can(Action.Update, own)).toBe(true);
    expect(ability.can(Action.Update, other)).toBe(false);
  });

  it('nobody else may change people; a school coordinator is no register keeper', async () => {
    const school = actor({ organisationKind: OrganisationKind.SCHOOL });
    expect(isStatutoryRegisterKeeper(school)).toBe(false);
    expect(isStatutoryRegisterKeeper(actor({ roles: [Role.MANAGER] }))).toBe(false);
    const ability = await abilityFor(school);
    expect(ability.can(Action.Update, YOUNG_PERSON)).toBe(false);
  });
});

describe('readableFields: the fields of the database decision', () => {
  it('identity opens identity, guardians and schooling; contact the address and contact', () => {
    const identity = readableFields({ identity: true, contact: false, kaa: false });
    expect(IDENTITY_FIELDS.every((f) => identity.has(f))).toBe(true);
    expect(identity.has('guardians') && identity.has('schooling')).toBe(true);
    expect(CONTACT_FIELDS.some((f) => identity.has(f))).toBe(false);
    const both = readableFields({ identity: true, contact: true, kaa: true });
    expect(CONTACT_FIELDS.every((f) => both.has(f))).toBe(true);
    expect(both.has('kaa')).toBe(true);
  });

  it('a row whose parts are all masked shows its id only', () => {
    expect([...readableFields({ identity: false, contact: false, kaa: false })]).toEqual(['id']);
  });
});
