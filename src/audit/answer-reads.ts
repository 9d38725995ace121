import { PortalRequest } from '../core/auth/request-context';
import { AccessAction, AccessLogEntry, LegalBasis } from './access-log-entry';

/** Changes are logged with what they wrote; these actions are what an answer is logged as. */
const READ_ACTIONS = new Set<string>([AccessAction.READ, AccessAction.SEARCH]);

/**
 * A created record's answer shows what the caller just wrote; staff administration and
 * sign-in (users, grants, sessions) hold no register data. Neither is read by its answer.
 */
const SHOWS_NOTHING_UNWRITTEN = new Set<string>([AccessAction.CREATE]);
const NOT_REGISTER_DATA = new Set<string>([
  LegalBasis.ADMINISTRATION,
  LegalBasis.AUTHENTICATION,
  LegalBasis.AUDIT,
]);

/**
 * Notes that the answer showed `field` of the record `source` (a resolved object with an
 * id). Called for every field a mutation's answer resolves (AccessLogFlushPlugin); a null
 * or empty value showed nothing, and GraphQL's own meta fields are not data.
 */
export function noteShown(req: PortalRequest, source: unknown, field: string, value: unknown) {
  if (field.startsWith('__') || value === null || value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  const id = (source as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') return;
  req.shownFields ??= new Map();
  const fields = req.shownFields.get(id) ?? new Set<string>();
  fields.add(field);
  req.shownFields.set(id, fields);
}

/**
 * What a mutation's answer shows is a read (DESIGN.md §7: what a response shows is what
 * the log records): for each register record the request changed (not created), the fields its answer showed
 * beyond what the change itself wrote (and the id it names) become a READ with the
 * change's subject, young person, legal basis and consents. Fields a read of the same
 * request already logs are not logged twice. The entries join the request's one batch
 * of reads.
 */
export function answerReads(
  changes: AccessLogEntry[],
  shown: Map<string, Set<string>>,
  pendingReads: AccessLogEntry[],
): AccessLogEntry[] {
  const logged = new Map<string, Set<string>>();
  for (const r of pendingReads.filter((e) => READ_ACTIONS.has(e.action)))
    for (const id of r.subjectIds) {
      const f = logged.get(id) ?? new Set<string>();
      (r.fields ?? []).forEach((x) => f.add(x));
      logged.set(id, f);
    }
  const reads: AccessLogEntry[] = [];
  for (const change of changes) {
    if (SHOWS_NOTHING_UNWRITTEN.has(change.action) || NOT_REGISTER_DATA.has(change.legalBasis))
      continue;
    const written = new Set(['id', ...(change.fields ?? [])]);
    const subjects: string[] = [];
    const people: string[] = [];
    const fields = new Set<string>();
    change.subjectIds.forEach((id, i) => {
      const extra = [...(shown.get(id) ?? [])].filter(
        (f) => !written.has(f) && !logged.get(id)?.has(f),
      );
      if (extra.length === 0) return;
      subjects.push(id);
      if (change.youngPersonIds?.length === change.subjectIds.length)
        people.push(change.youngPersonIds[i]);
      extra.forEach((f) => fields.add(f));
      // One read per record and field, however many changes of it the request made.
      const f = logged.get(id) ?? new Set<string>();
      extra.forEach((x) => f.add(x));
      logged.set(id, f);
    });
    if (subjects.length === 0) continue;
    const paired = change.youngPersonIds?.length === change.subjectIds.length;
    reads.push({
      action: AccessAction.READ,
      subjectType: change.subjectType,
      subjectIds: subjects,
      youngPersonIds: paired ? people : change.youngPersonIds,
      fields: ['id', ...fields],
      legalBasis: change.legalBasis,
      consentIds: change.consentIds,
      subjectMunicipalityCode: change.subjectMunicipalityCode,
    });
  }
  return reads;
}
