import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';
import { InformationCategory } from './consent-category';
import { AccessSnapshot } from './access-snapshot.service';

/** One record read or changed, with the reason the actor may do so. */
export interface BasisItem {
  subjectId: string;
  youngPersonId: string;
  municipalityCode: string | null;
  legalBasis: LegalBasis;
  consentIds: string[];
}

/**
 * Why the actor may touch a record about a young person: its own organisation's record
 * (lead, author, sender), a consent in force (its ids are logged), or emergency access.
 */
export function basisFor(
  snapshot: AccessSnapshot,
  youngPersonId: string,
  opts: { own: boolean; categories?: InformationCategory[] },
): { legalBasis: LegalBasis; consentIds: string[] } {
  const consentIds = snapshot.consentIdsFor(youngPersonId, opts.categories);
  if (opts.own) return { legalBasis: LegalBasis.OWN_ORGANISATION, consentIds };
  if (consentIds.length) return { legalBasis: LegalBasis.CONSENT, consentIds };
  if (snapshot.isEmergencyPerson(youngPersonId))
    return { legalBasis: LegalBasis.EMERGENCY_ACCESS, consentIds: [] };
  return { legalBasis: LegalBasis.OWN_ORGANISATION, consentIds: [] };
}

/** Groups items into one access-log entry per legal basis and tenant (one batch per request). */
export function groupedEntries(
  action: AccessAction,
  subjectType: string,
  items: BasisItem[],
  fields?: string[],
): AccessLogEntry[] {
  const groups = new Map<string, AccessLogEntry>();
  for (const i of items) {
    const key = `${i.legalBasis}|${i.municipalityCode ?? ''}`;
    let e = groups.get(key);
    if (!e) {
      e = {
        action,
        subjectType,
        subjectIds: [],
        youngPersonIds: [],
        consentIds: [],
        fields,
        legalBasis: i.legalBasis,
        subjectMunicipalityCode: i.municipalityCode,
      };
      groups.set(key, e);
    }
    e.subjectIds.push(i.subjectId);
    e.youngPersonIds!.push(i.youngPersonId);
    e.consentIds!.push(...i.consentIds);
  }
  return [...groups.values()];
}
