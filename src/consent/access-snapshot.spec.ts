import { LegalBasis } from '../audit/access-log-entry';
import { Actor } from '../core/auth/actor';
import { OrganisationKind, Role } from '../identity/role.enum';
import { basisFor, groupedEntries } from './access-basis';
import { AccessSnapshot } from './access-snapshot.service';
import { InformationCategory as C } from './consent-category';

const actor: Actor = {
  userId: 'u',
  organisationId: 'org',
  organisationKind: OrganisationKind.SOCIAL_SERVICES,
  municipalityCode: '1287',
  roles: [Role.SOCIAL_WORKER],
  permissions: [],
};

function snapshot() {
  return new AccessSnapshot(
    actor,
    true,
    [
      { consentId: 'k1', youngPersonId: 'p1', categories: [C.SOCIAL] },
      { consentId: 'k2', youngPersonId: 'p1', categories: [C.HEALTH, C.IDENTITY] },
    ],
    ['k1', 'k2', 'k-old'],
    [
      { caseId: 'c1', youngPersonId: 'p1', isLead: false },
      { caseId: 'c2', youngPersonId: 'p2', isLead: false },
      { caseId: 'c3', youngPersonId: 'p2', isLead: true },
    ],
    ['p9'],
    ['c9'],
    ['r9'],
    ['e1'],
    [],
    [],
  );
}

describe('AccessSnapshot', () => {
  it('sees led cases, and participated cases only with a consent in force', () => {
    const s = snapshot();
    expect(s.visibleCaseIds.sort()).toEqual(['c1', 'c3']);
    expect(s.caseIdsByCategory.get(C.SOCIAL)).toEqual(['c1']);
    expect(s.caseIdsByCategory.get(C.EMPLOYMENT)).toBeUndefined();
    expect(s.personsWith(C.IDENTITY)).toEqual(['p1']);
  });

  it('names the consents behind a read as its legal basis', () => {
    const s = snapshot();
    expect(basisFor(s, 'p1', { own: false, categories: [C.HEALTH] })).toEqual({
      legalBasis: LegalBasis.CONSENT,
      consentIds: ['k2'],
    });
    expect(basisFor(s, 'p9', { own: false })).toEqual({
      legalBasis: LegalBasis.EMERGENCY_ACCESS,
      consentIds: [],
    });
    expect(basisFor(s, 'p2', { own: true }).legalBasis).toBe(LegalBasis.OWN_ORGANISATION);
  });

  it('writes one access-log entry per legal basis and tenant', () => {
    const entries = groupedEntries('READ' as never, 'JOINT_CASE', [
      {
        subjectId: 'c1',
        youngPersonId: 'p1',
        municipalityCode: '1287',
        legalBasis: LegalBasis.CONSENT,
        consentIds: ['k1'],
      },
      {
        subjectId: 'c4',
        youngPersonId: 'p4',
        municipalityCode: '1287',
        legalBasis: LegalBasis.CONSENT,
        consentIds: ['k4'],
      },
      {
        subjectId: 'c3',
        youngPersonId: 'p2',
        municipalityCode: '1287',
        legalBasis: LegalBasis.OWN_ORGANISATION,
        consentIds: [],
      },
    ]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ subjectIds: ['c1', 'c4'], consentIds: ['k1', 'k4'] });
  });
});
