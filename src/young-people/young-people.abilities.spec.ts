import { subject } from '@casl/ability';
import { AbilityFactory } from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { OrganisationKind, Permission, Role } from '../identity/role.enum';
import { Actor } from '../core/auth/actor';
import { EntityManager } from 'typeorm';
import { ProtectedIdentityAbilities, YoungPeopleAbilities } from './young-people.abilities';
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

const person = (
  over: Partial<{ homeMunicipalityCode: string; protectedIdentity: boolean }> = {},
) => ({
  id: 'p1',
  homeMunicipalityCode: '1287',
  protectedIdentity: false,
  ...over,
});

/** The factory as the app wires it: module contributors first, protected identity last. */
async function abilityFor(
  a: Actor,
  extra?: (b: Parameters<YoungPeopleAbilities['contribute']>[0]) => void,
) {
  const factory = new AbilityFactory();
  new YoungPeopleAbilities(factory).onModuleInit();
  // Another module (e.g. consent) registered in its own onModuleInit.
  if (extra) factory.register({ contribute: (b) => extra(b) });
  new ProtectedIdentityAbilities(factory).onApplicationBootstrap();
  return factory.createFor(a, {} as EntityManager);
}

describe('young-people abilities', () => {
  it('the home youth team reads every field; contact is hidden under protected identity', async () => {
    const ability = await abilityFor(actor());
    expect(readableFields(ability, person()).has('phone')).toBe(true);
    expect(readableFields(ability, person()).has('kaa')).toBe(true);
    const hidden = readableFields(ability, person({ protectedIdentity: true }));
    for (const f of CONTACT_FIELDS) expect(hidden.has(f)).toBe(false);
    expect(hidden.has('givenName')).toBe(true);
  });

  it('the PROTECTED_IDENTITY permission lifts the mask', async () => {
    const ability = await abilityFor(actor({ permissions: [Permission.PROTECTED_IDENTITY] }));
    expect(readableFields(ability, person({ protectedIdentity: true })).has('phone')).toBe(true);
  });

  it('another municipality, another organisation kind or another role gets no field', async () => {
    for (const a of [
      actor({ municipalityCode: '1280' }),
      actor({ organisationKind: OrganisationKind.SCHOOL }),
      actor({ roles: [Role.MANAGER] }),
      actor({ roles: [Role.MUNICIPALITY_ADMIN] }),
    ]) {
      const ability = await abilityFor(a);
      expect([...readableFields(ability, person())]).toEqual([]);
      expect(ability.can(Action.Update, subject(YOUNG_PERSON, person()))).toBe(false);
    }
  });

  it('a later contact grant (consent) never overrides the protected-identity mask', async () => {
    const school = actor({ organisationKind: OrganisationKind.SCHOOL, roles: [Role.COUNSELLOR] });
    const ability = await abilityFor(school, ({ can }) => {
      can(Action.Read, YOUNG_PERSON, IDENTITY_FIELDS, { id: { $in: ['p1'] } });
      can(Action.Read, YOUNG_PERSON, ['id', ...CONTACT_FIELDS], { id: { $in: ['p1'] } });
    });
    const open = readableFields(ability, person());
    expect(open.has('phone')).toBe(true);
    expect(open.has('kaa')).toBe(false);
    expect(open.has('guardians')).toBe(false);
    const masked = readableFields(ability, person({ protectedIdentity: true }));
    expect(masked.has('phone')).toBe(false);
    expect(masked.has('givenName')).toBe(true);
    expect([...readableFields(ability, { ...person(), id: 'p2' })]).toEqual([]);
  });
});
