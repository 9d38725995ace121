import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';

/** One record read or changed, with the reason the actor may do so (from the same SQL decision). */
export interface BasisItem {
  subjectId: string;
  youngPersonId: string;
  municipalityCode: string | null;
  legalBasis: LegalBasis;
  consentIds: string[];
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
