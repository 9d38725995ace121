/**
 * The authorization oracle: DESIGN.md §6 and §6a as pure functions from a world (the
 * rows of a test database, described in plain data) to what each user may see and on
 * which legal basis. It is written from the design only and imports nothing from src/:
 * if the production rules drift from the design, the tests that use it notice.
 *
 * Used by the generated-worlds test (through the API) and meant for the row-level
 * security test (raw SELECTs): both ask the same questions of the same world.
 */

export const CASE_WORKING_ROLES = [
  'YOUTH_COORDINATOR',
  'COUNSELLOR',
  'SOCIAL_WORKER',
  'EMPLOYMENT_OFFICER',
  'ASSOCIATION_LEADER',
] as const;

export const CATEGORIES = [
  'IDENTITY',
  'CONTACT',
  'SCHOOL',
  'SOCIAL',
  'EMPLOYMENT',
  'HEALTH',
  'ACTIVITIES',
] as const;

export type Basis = 'STATUTORY_DUTY' | 'CONSENT' | 'EMERGENCY_ACCESS' | 'OWN_ORGANISATION';

// ---------------------------------------------------------------- the world

export interface ConsentPolicy {
  ownConsentFromAge: number;
  guardianAlsoRequired: boolean;
  bothGuardiansRequired: boolean;
}
export interface WOrg {
  id: string;
  kind: string;
  municipality: string;
}
export interface WUser {
  id: string;
  orgId: string;
  municipality: string;
  roles: string[];
  permissions: string[];
}
export interface WPerson {
  id: string;
  birthDate: string; // YYYY-MM-DD (Stockholm)
  home: string; // folkbokföringskommun now
  previousHome: string | null; // where the person lived before moving, if they moved
  protectedIdentity: boolean;
}
export interface WSchooling {
  id: string;
  personId: string;
  schoolId: string;
  active: boolean;
}
/** One person's KAA register rows, all in the person's home municipality. */
export interface WKaa {
  personId: string;
  municipality: string;
  periodId: string;
  occupationId: string;
  measureId: string;
}
/**
 * An open period the previous home's register still holds after the person moved (a
 * reconciliation handover): that register closes it; it shows the person to nobody else.
 */
export interface WHandover {
  personId: string;
  municipality: string; // the previous home, whose register holds the period
  periodId: string;
}
export type ConsentState = 'ACTIVE' | 'WITHDRAWN' | 'EXPIRED' | 'NOT_YET_VALID';
export interface WConsent {
  id: string;
  personId: string;
  recipients: string[];
  categories: string[];
  givenBy: string[];
  state: ConsentState;
  documenterUserId: string;
  documenterOrgId: string;
}
export interface WCase {
  id: string;
  personId: string;
  lead: string;
  leadUserId: string;
  participants: string[];
}
export interface WNote {
  id: string;
  caseId: string;
  author: string;
  authorUserId: string;
  category: string;
  visibility: 'CASE' | 'AUTHOR_ORGANISATION';
}
export interface WReferral {
  id: string;
  caseId: string;
  personId: string;
  sender: string;
  senderUserId: string;
  receiver: string;
  state: string;
  outcomeCode: string | null;
  receiverNote: string | null;
  sections: string[]; // categories the sender wrote a section for
}
export interface WRiskFlag {
  id: string;
  personId: string;
  schoolId: string;
  raisedBy: string;
}
export interface WNotice {
  id: string;
  personId: string;
  schoolId: string;
  sentBy: string;
  homeMunicipality: string; // the municipality it was addressed to
}
export interface WConcernReport {
  id: string;
  personId: string;
  sender: string;
  senderUserId: string;
  receivers: string[];
}
export type OpeningState = 'ACTIVE' | 'EXPIRED' | 'ENDED';
export interface WOpening {
  id: string;
  userId: string;
  personId: string;
  state: OpeningState;
}
export interface World {
  today: string; // YYYY-MM-DD, the pinned Stockholm date
  municipalities: string[];
  policies: Record<string, ConsentPolicy | null>; // null: no row, the defaults of §6
  orgs: WOrg[];
  users: WUser[];
  people: WPerson[];
  schoolings: WSchooling[];
  kaa: WKaa[];
  handovers: WHandover[];
  consents: WConsent[];
  cases: WCase[];
  notes: WNote[];
  referrals: WReferral[];
  riskFlags: WRiskFlag[];
  notices: WNotice[];
  concernReports: WConcernReport[];
  openings: WOpening[];
}

// ---------------------------------------------------------------- §6: consent in force

/** Whole years between two YYYY-MM-DD dates. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export const DEFAULT_POLICY: ConsentPolicy = {
  ownConsentFromAge: 15,
  guardianAlsoRequired: false,
  bothGuardiansRequired: false,
};

/** §6 who can consent: 18 and over the young person alone; under 18 as the policy says. */
export function sufficient(givenBy: string[], age: number, p: ConsentPolicy): boolean {
  const own = givenBy.includes('YOUNG_PERSON');
  const both = givenBy.includes('BOTH_GUARDIANS');
  const guardian = both || givenBy.includes('ONE_GUARDIAN');
  if (age >= 18) return own;
  const ownNeeded = age >= p.ownConsentFromAge;
  const guardianNeeded = age < p.ownConsentFromAge || p.guardianAlsoRequired;
  if (ownNeeded && !own) return false;
  if (guardianNeeded && !(p.bothGuardiansRequired ? both : guardian)) return false;
  return true;
}

const byId = <T extends { id: string }>(xs: T[], id: string): T => {
  const found = xs.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id} in the world`);
  return found;
};

export function ageOf(w: World, personId: string): number {
  return ageOn(byId(w.people, personId).birthDate, w.today);
}

/** In force now: valid, not withdrawn, sufficient for the person's age under the home policy. */
export function inForce(w: World, c: WConsent): boolean {
  const person = byId(w.people, c.personId);
  const policy = w.policies[person.home] ?? DEFAULT_POLICY;
  return c.state === 'ACTIVE' && sufficient(c.givenBy, ageOn(person.birthDate, w.today), policy);
}

/** "Consent for X": in force, names the organisation, covers X (any category when omitted). */
export function consentsFor(
  w: World,
  orgId: string,
  personId: string,
  category?: string,
): WConsent[] {
  return w.consents.filter(
    (c) =>
      c.personId === personId &&
      c.recipients.includes(orgId) &&
      (category === undefined || c.categories.includes(category)) &&
      inForce(w, c),
  );
}

// ---------------------------------------------------------------- §6a: who sees what

/** A reason the user may read a record, as the access log must name it. */
export interface Ground {
  basis: Basis;
  /** For CONSENT: the consents that grant it; the log must name some of these and no other. */
  consentIds: string[];
  /** Which rule of §6a grants it, for readable failures. */
  rule: string;
}

export const isCaseWorker = (u: WUser) =>
  u.roles.some((r) => (CASE_WORKING_ROLES as readonly string[]).includes(r));
export const orgOf = (w: World, u: WUser) => byId(w.orgs, u.orgId);

/** The statutory youth team of the person's home municipality (KAA, Skollagen 29:9). */
export function isHomeYouthTeam(w: World, orgId: string, personId: string): boolean {
  const org = byId(w.orgs, orgId);
  return org.kind === 'YOUTH_TEAM' && org.municipality === byId(w.people, personId).home;
}

function consentGround(w: World, orgId: string, personId: string, category?: string): Ground[] {
  const ids = consentsFor(w, orgId, personId, category).map((c) => c.id);
  return ids.length
    ? [{ basis: 'CONSENT', consentIds: ids, rule: `consent for ${category ?? 'any category'}` }]
    : [];
}

/**
 * Identity (IDENTITY) or contact and address (CONTACT) of a young person: the grounds a
 * user has, empty when not visible. Protected identity is applied by `contactShown`.
 */
export function personGrounds(
  w: World,
  user: WUser,
  personId: string,
  part: 'IDENTITY' | 'CONTACT',
): Ground[] {
  if (!isCaseWorker(user)) return [];
  const org = user.orgId;
  const person = byId(w.people, personId);
  const grounds: Ground[] = [];
  if (isHomeYouthTeam(w, org, personId))
    grounds.push({ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'home youth team (KAA)' });
  if (w.schoolings.some((s) => s.personId === personId && s.schoolId === org && s.active))
    grounds.push({ basis: 'OWN_ORGANISATION', consentIds: [], rule: 'school of enrolment' });
  if (w.concernReports.some((r) => r.personId === personId && r.receivers.includes(org)))
    grounds.push({ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'concern report received' });
  grounds.push(...consentGround(w, org, personId, part));
  const opening = w.openings.some(
    (o) =>
      o.userId === user.id &&
      o.personId === personId &&
      o.state === 'ACTIVE' &&
      person.home === user.municipality,
  );
  if (opening)
    grounds.push({ basis: 'EMERGENCY_ACCESS', consentIds: [], rule: 'active emergency opening' });
  return grounds;
}

/** Contact and address are shown when granted and, for protected identity, only with the permission. */
export function contactShown(w: World, user: WUser, personId: string): boolean {
  const person = byId(w.people, personId);
  if (person.protectedIdentity && !user.permissions.includes('PROTECTED_IDENTITY')) return false;
  return personGrounds(w, user, personId, 'CONTACT').length > 0;
}

/** KAA period, occupation, measures, contacts: the home municipality's youth team only. */
export function seesKaa(w: World, user: WUser, personId: string): boolean {
  return isCaseWorker(user) && isHomeYouthTeam(w, user.orgId, personId);
}

export function riskFlagGrounds(w: World, user: WUser, f: WRiskFlag): Ground[] {
  if (!isCaseWorker(user)) return [];
  if (f.schoolId === user.orgId)
    return [{ basis: 'OWN_ORGANISATION', consentIds: [], rule: 'school that raised the flag' }];
  if (isHomeYouthTeam(w, user.orgId, f.personId))
    return consentGround(w, user.orgId, f.personId, 'SCHOOL');
  return [];
}

export function noticeGrounds(w: World, user: WUser, n: WNotice): Ground[] {
  if (!isCaseWorker(user)) return [];
  const org = orgOf(w, user);
  if (n.schoolId === org.id)
    return [{ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'sending school' }];
  if (org.kind === 'YOUTH_TEAM' && org.municipality === n.homeMunicipality)
    return [{ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'receiving youth team' }];
  return [];
}

export function caseGrounds(w: World, user: WUser, c: WCase): Ground[] {
  if (!isCaseWorker(user)) return [];
  const org = user.orgId;
  if (c.lead === org) {
    const g: Ground[] = [{ basis: 'OWN_ORGANISATION', consentIds: [], rule: 'lead organisation' }];
    // The home youth team leading a case about a resident may also name its KAA duty.
    if (isHomeYouthTeam(w, org, c.personId))
      g.push({ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'lead, home youth team' });
    return [...g, ...consentGround(w, org, c.personId)];
  }
  if (c.participants.includes(org)) return consentGround(w, org, c.personId);
  return [];
}

/** A note of a visible case: its content, or only the placeholder. */
export function noteContentVisible(w: World, user: WUser, n: WNote): boolean {
  if (n.author === user.orgId) return true;
  const c = byId(w.cases, n.caseId);
  return n.visibility === 'CASE' && consentsFor(w, user.orgId, c.personId, n.category).length > 0;
}

export function referralGrounds(w: World, user: WUser, r: WReferral): Ground[] {
  if (!isCaseWorker(user)) return [];
  if (r.sender === user.orgId)
    return [{ basis: 'OWN_ORGANISATION', consentIds: [], rule: 'sender' }];
  if (r.receiver === user.orgId) return consentGround(w, user.orgId, r.personId);
  return [];
}

/** The sections a viewer of the referral reads: the sender all it wrote, the receiver the consented ones. */
export function referralSections(w: World, user: WUser, r: WReferral): string[] {
  if (r.sender === user.orgId) return [...r.sections].sort();
  return r.sections.filter((cat) => consentsFor(w, user.orgId, r.personId, cat).length > 0).sort();
}

/** The receiver's own note never goes back to the sender (§6: an outcome code, no notes). */
export function referralReceiverNoteVisible(user: WUser, r: WReferral): boolean {
  return r.receiver === user.orgId && r.receiverNote !== null;
}

export function concernReportGrounds(user: WUser, r: WConcernReport): Ground[] {
  if (!isCaseWorker(user)) return [];
  if (r.sender === user.orgId)
    return [{ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'sender of the concern report' }];
  if (r.receivers.includes(user.orgId))
    return [{ basis: 'STATUTORY_DUTY', consentIds: [], rule: 'receiving social services' }];
  return [];
}

export function seesConsentRecord(w: World, user: WUser, c: WConsent): boolean {
  if (!isCaseWorker(user)) return false;
  return (
    c.documenterOrgId === user.orgId ||
    c.recipients.includes(user.orgId) ||
    isHomeYouthTeam(w, user.orgId, c.personId)
  );
}

/** Aggregates of the own municipality: FULL for its youth team, SUPPRESSED (<5) for managers. */
export function reportAccess(w: World, user: WUser): 'FULL' | 'SUPPRESSED' | 'NONE' {
  const org = orgOf(w, user);
  if (org.kind === 'YOUTH_TEAM' && user.roles.includes('YOUTH_COORDINATOR')) return 'FULL';
  if (user.roles.includes('MANAGER')) return 'SUPPRESSED';
  return 'NONE';
}

// ---------------------------------------------------------------- one user's whole view

/** What a user's lists must show, as facts keyed by record, and the grounds of each read. */
export interface ExpectedView {
  facts: Map<string, string>;
  /** Keyed like facts: the record's subject id, its person, and the grounds of its read. */
  reads: Map<string, { subjectId: string; personId: string; grounds: Ground[] }>;
}

export const factKey = {
  identity: (id: string) => `person.identity ${id}`,
  contact: (id: string) => `person.contact ${id}`,
  kaa: (id: string) => `kaa ${id}`,
  riskFlag: (id: string) => `riskFlag ${id}`,
  notice: (id: string) => `notice ${id}`,
  case: (id: string) => `case ${id}`,
  note: (id: string) => `note ${id}`,
  referral: (id: string) => `referral ${id}`,
  referralSections: (id: string) => `referral.sections ${id}`,
  referralReceiverNote: (id: string) => `referral.receiverNote ${id}`,
  concernReport: (id: string) => `concernReport ${id}`,
  consent: (id: string) => `consent ${id}`,
  schoolStudent: (id: string) => `schoolStudent ${id}`,
  report: () => `report`,
};

/** The facts that say something about a record shown: compared only when both sides show it. */
export const DEPENDENT_FACTS: Record<string, string> = {
  'person.contact': 'person.identity',
  kaa: 'person.identity',
  'referral.sections': 'referral',
  'referral.receiverNote': 'referral',
};

export function expectedView(w: World, user: WUser): ExpectedView {
  const facts = new Map<string, string>();
  const reads: ExpectedView['reads'] = new Map();
  const read = (key: string, subjectId: string, personId: string, grounds: Ground[]) => {
    facts.set(key, 'visible');
    reads.set(key, { subjectId, personId, grounds });
  };
  for (const p of w.people) {
    const identity = personGrounds(w, user, p.id, 'IDENTITY');
    const contact = personGrounds(w, user, p.id, 'CONTACT');
    if (identity.length || contact.length)
      facts.set(factKey.identity(p.id), identity.length ? 'identity' : 'contact only');
    // Contact is checked on every person the list returns (identity or contact granted);
    // the person's read is logged once, on whichever ground granted a part of it.
    if (identity.length || contact.length) {
      facts.set(factKey.contact(p.id), contactShown(w, user, p.id) ? 'shown' : 'hidden');
      reads.set(`person ${p.id}`, {
        subjectId: p.id,
        personId: p.id,
        grounds: [...identity, ...contact],
      });
    }
    if ((identity.length || contact.length) && seesKaa(w, user, p.id)) {
      const k = w.kaa.filter((x) => x.personId === p.id);
      facts.set(
        factKey.kaa(p.id),
        JSON.stringify({
          periods: k.map((x) => x.periodId).sort(),
          occupations: k.map((x) => x.occupationId).sort(),
          measures: k.map((x) => x.measureId).sort(),
        }),
      );
    } else if (identity.length || contact.length) facts.set(factKey.kaa(p.id), 'null');
  }
  for (const f of w.riskFlags) {
    const g = riskFlagGrounds(w, user, f);
    if (g.length) read(factKey.riskFlag(f.id), f.id, f.personId, g);
  }
  for (const n of w.notices) {
    const g = noticeGrounds(w, user, n);
    if (g.length) read(factKey.notice(n.id), n.id, n.personId, g);
  }
  for (const c of w.cases) {
    const g = caseGrounds(w, user, c);
    if (!g.length) continue;
    read(factKey.case(c.id), c.id, c.personId, g);
    for (const n of w.notes.filter((x) => x.caseId === c.id))
      facts.set(factKey.note(n.id), noteContentVisible(w, user, n) ? 'content' : 'placeholder');
  }
  for (const r of w.referrals) {
    const g = referralGrounds(w, user, r);
    if (!g.length) continue;
    read(factKey.referral(r.id), r.id, r.personId, g);
    facts.set(factKey.referralSections(r.id), referralSections(w, user, r).join(',') || '-');
    facts.set(
      factKey.referralReceiverNote(r.id),
      referralReceiverNoteVisible(user, r) ? 'shown' : 'hidden',
    );
  }
  for (const r of w.concernReports) {
    const g = concernReportGrounds(user, r);
    if (g.length) read(factKey.concernReport(r.id), r.id, r.personId, g);
  }
  for (const c of w.consents)
    if (seesConsentRecord(w, user, c)) facts.set(factKey.consent(c.id), 'visible');
  if (isCaseWorker(user) && orgOf(w, user).kind === 'SCHOOL')
    for (const e of w.schoolings)
      if (e.schoolId === user.orgId && e.active)
        facts.set(factKey.schoolStudent(e.personId), 'enrolled');
  const report = reportAccess(w, user);
  if (report !== 'NONE') facts.set(factKey.report(), report);
  return { facts, reads };
}

/** Every record of the world by the key its direct get is checked under, with visibility. */
export function directGets(
  w: World,
  user: WUser,
): { kind: string; id: string; visible: boolean }[] {
  const v = expectedView(w, user).facts;
  return [
    ...w.people.map((p) => ({
      kind: 'youngPerson',
      id: p.id,
      visible: v.has(factKey.identity(p.id)) || v.has(factKey.contact(p.id)),
    })),
    ...w.cases.map((c) => ({ kind: 'case', id: c.id, visible: v.has(factKey.case(c.id)) })),
    ...w.referrals.map((r) => ({
      kind: 'referral',
      id: r.id,
      visible: v.has(factKey.referral(r.id)),
    })),
    ...w.riskFlags.map((f) => ({
      kind: 'riskFlag',
      id: f.id,
      visible: v.has(factKey.riskFlag(f.id)),
    })),
    ...w.notices.map((n) => ({
      kind: 'schoolNotice',
      id: n.id,
      visible: v.has(factKey.notice(n.id)),
    })),
    ...w.concernReports.map((r) => ({
      kind: 'concernReport',
      id: r.id,
      visible: v.has(factKey.concernReport(r.id)),
    })),
    ...w.consents.map((c) => ({
      kind: 'consent',
      id: c.id,
      visible: v.has(factKey.consent(c.id)),
    })),
  ];
}

// ---------------------------------------------------------------- the register's own lists

/**
 * The reconciliation lists (§2, §6a "KAA period … youth team of the home municipality
 * only"): "should enter" may name only residents of the user's municipality, "should
 * leave" only periods of its register, and only for the statutory youth team; a period
 * the register kept after a handover must be on "should leave" (the person moved away).
 */
export function registerLists(
  w: World,
  user: WUser,
): { residents: string[]; periods: string[]; mustLeave: string[] } {
  const org = orgOf(w, user);
  if (!isCaseWorker(user) || org.kind !== 'YOUTH_TEAM')
    return { residents: [], periods: [], mustLeave: [] };
  const mine = (m: string) => m === org.municipality;
  const handedOver = w.handovers.filter((h) => mine(h.municipality)).map((h) => h.periodId);
  return {
    residents: w.people.filter((p) => mine(p.home)).map((p) => p.id),
    periods: [...w.kaa.filter((k) => mine(k.municipality)).map((k) => k.periodId), ...handedOver],
    mustLeave: handedOver,
  };
}

// ---------------------------------------------------------------- rows, for row-level security

/**
 * The rows of each table with personal data that a user may read at all (a note shown
 * as a placeholder is a row read; its body is a field-level question, see
 * noteContentVisible). Keyed by table name; ids as the world wrote them.
 */
export function visibleRowIds(w: World, user: WUser): Record<string, Set<string>> {
  const v = expectedView(w, user).facts;
  const ids = <T extends { id: string }>(xs: T[], keep: (x: T) => boolean) =>
    new Set(xs.filter(keep).map((x) => x.id));
  const kaa = w.kaa.filter((k) => v.get(factKey.kaa(k.personId))?.startsWith('{'));
  return {
    young_person: ids(w.people, (p) => v.has(factKey.identity(p.id))),
    kaa_period: new Set([
      ...kaa.map((k) => k.periodId),
      ...registerLists(w, user).periods.filter((id) => w.handovers.some((h) => h.periodId === id)),
    ]),
    occupation: new Set(kaa.map((k) => k.occupationId)),
    kaa_measure: new Set(kaa.map((k) => k.measureId)),
    risk_flag: ids(w.riskFlags, (f) => v.has(factKey.riskFlag(f.id))),
    school_notice: ids(w.notices, (n) => v.has(factKey.notice(n.id))),
    joint_case: ids(w.cases, (c) => v.has(factKey.case(c.id))),
    case_note: ids(w.notes, (n) => v.has(factKey.note(n.id))),
    referral: ids(w.referrals, (r) => v.has(factKey.referral(r.id))),
    concern_report: ids(w.concernReports, (r) => v.has(factKey.concernReport(r.id))),
    consent: ids(w.consents, (c) => v.has(factKey.consent(c.id))),
    // Not a row of §6a; §6: the opener's own record, on the review lists of the auditors
    // of both the opener's and the young person's municipality.
    emergency_access: ids(w.openings, (o) => {
      if (o.userId === user.id) return true;
      const opener = byId(w.users, o.userId);
      const home = byId(w.people, o.personId).home;
      return (
        user.roles.includes('AUDITOR') && [opener.municipality, home].includes(user.municipality)
      );
    }),
  };
}

/** The referral sections (referral id, category) a user may read. */
export function visibleReferralSections(w: World, user: WUser): Set<string> {
  const out = new Set<string>();
  for (const r of w.referrals)
    if (referralGrounds(w, user, r).length)
      for (const cat of referralSections(w, user, r)) out.add(`${r.id} ${cat}`);
  return out;
}
