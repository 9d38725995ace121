import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';

/** One record read or changed, with the reason the actor may do so (from the same SQL decision). */
export interface BasisItem {
  subjectId: string;
  youngPersonId: string;
  municipalityCode: string | null;
  legalBasis: LegalBasis;
  consentIds: string[];
}

/** Groups items into access-log entries (written in one batch per request). */
export function groupedEntries(
  action: AccessAction,
  subjectType: string,
  items: BasisItem[],
  fields?: string[],
): AccessLogEntry[] {
  const groups = new Map<string, AccessLogEntry>();
  for (const i of items) {
    // One row per basis, tenant and set of consents: every consent a row names grants
    // the read of every subject on it.
    const key = `${i.legalBasis}|${i.municipalityCode ?? ''}|${[...new Set(i.consentIds)].sort().join(',')}`;
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
    for (const c of i.consentIds) if (!e.consentIds!.includes(c)) e.consentIds!.push(c);
  }
  return [...groups.values()];
}
