/**
 * Generated worlds: random organisations, users, young people, consents (active,
 * withdrawn, expired, not yet valid, guardian-only at 18+), cases, notes and referrals
 * are written straight into the database; then, for every user, what the API returns
 * for cases, notes and referrals must equal what the oracle below says they may see.
 *
 * The oracle is written from DESIGN.md §6 and §6a only. It deliberately shares no code
 * with src/: if the production rules drift from the design, this test notices.
 */
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createMunicipality } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const NUM_RUNS = Number(process.env.WORLD_RUNS ?? 300);
const MUNICIPALITY = '1287';

const KINDS = [
  'YOUTH_TEAM',
  'SCHOOL',
  'SOCIAL_SERVICES',
  'LABOUR_OFFICE',
  'ASSOCIATION',
  'YOUTH_CLINIC',
  'OTHER',
];
const ROLES = [
  'YOUTH_COORDINATOR',
  'COUNSELLOR',
  'SOCIAL_WORKER',
  'EMPLOYMENT_OFFICER',
  'ASSOCIATION_LEADER',
  'MANAGER',
  'AUDITOR',
  'ORG_ADMIN',
  'MUNICIPALITY_ADMIN',
];
const CASE_ROLES = [
  'YOUTH_COORDINATOR',
  'COUNSELLOR',
  'SOCIAL_WORKER',
  'EMPLOYMENT_OFFICER',
  'ASSOCIATION_LEADER',
];
const CATEGORIES = [
  'IDENTITY',
  'CONTACT',
  'SCHOOL',
  'SOCIAL',
  'EMPLOYMENT',
  'HEALTH',
  'ACTIVITIES',
];
const GIVERS = [
  ['YOUNG_PERSON'],
  ['ONE_GUARDIAN'],
  ['BOTH_GUARDIANS'],
  ['YOUNG_PERSON', 'ONE_GUARDIAN'],
  ['YOUNG_PERSON', 'BOTH_GUARDIANS'],
];
const CONSENT_STATES = [
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'WITHDRAWN',
  'EXPIRED',
  'NOT_YET_VALID',
] as const;
const REFERRAL_STATES = ['SENT', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED'];

// ---------------------------------------------------------------- the world, as generated

const worldArb = fc.record({
  policy: fc.record({
    ownFrom: fc.constantFrom(15, 18),
    guardianAlso: fc.boolean(),
    both: fc.boolean(),
  }),
  orgs: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      users: fc.array(fc.subarray(ROLES, { minLength: 1, maxLength: 2 }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  people: fc.array(
    fc.record({
      age: fc.constantFrom(13, 14, 15, 16, 17, 18, 19, 23),
      days: fc.integer({ min: 3, max: 300 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  consents: fc.array(
    fc.record({
      person: fc.nat(),
      recipients: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      categories: fc.subarray(CATEGORIES, { minLength: 1, maxLength: 4 }),
      givenBy: fc.constantFrom(...GIVERS),
      state: fc.constantFrom(...CONSENT_STATES),
      documenter: fc.nat(),
    }),
    { maxLength: 6 },
  ),
  cases: fc.array(
    fc.record({
      person: fc.nat(),
      lead: fc.nat(),
      participants: fc.array(fc.nat(), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  notes: fc.array(
    fc.record({
      case: fc.nat(),
      author: fc.nat(),
      category: fc.constantFrom(...CATEGORIES),
      ownOrganisationOnly: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
  referrals: fc.array(
    fc.record({
      case: fc.nat(),
      sender: fc.nat(),
      receiver: fc.nat(),
      shared: fc.subarray(CATEGORIES, { maxLength: 4 }),
      state: fc.constantFrom(...REFERRAL_STATES),
    }),
    { maxLength: 3 },
  ),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

interface Org {
  id: string;
  kind: string;
}
interface User {
  id: string;
  orgId: string;
  roles: string[];
}
interface Person {
  id: string;
  age: number;
  days: number;
}
interface Consent {
  id: string;
  personId: string;
  recipients: string[];
  categories: string[];
  givenBy: string[];
  state: string;
  documenterId: string;
  documenterOrgId: string;
}
interface Case {
  id: string;
  personId: string;
  lead: string;
  leadUserId: string;
  participants: string[];
}
interface Note {
  id: string;
  caseId: string;
  author: string;
  authorUserId: string;
  category: string;
  visibility: string;
  body: string;
}
interface Section {
  category: string;
  body: string;
}
interface Referral {
  id: string;
  caseId: string;
  personId: string;
  sender: string;
  senderUserId: string;
  receiver: string;
  shared: string[];
  state: string;
  sections: Section[];
}
interface World {
  policy: WorldSpec['policy'];
  orgs: Org[];
  users: User[];
  people: Person[];
  consents: Consent[];
  cases: Case[];
  notes: Note[];
  referrals: Referral[];
}

function build(spec: WorldSpec): World {
  const orgs = spec.orgs.map((o) => ({ id: randomUUID(), kind: o.kind }));
  const users = spec.orgs.flatMap((o, i) =>
    o.users.map((roles) => ({ id: randomUUID(), orgId: orgs[i].id, roles })),
  );
  const usersOf = (orgId: string) => users.filter((u) => u.orgId === orgId);
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const people = spec.people.map((p) => ({ id: randomUUID(), age: p.age, days: p.days }));
  const consents = spec.consents.map((c) => {
    const documenter = pick(users, c.documenter);
    return {
      id: randomUUID(),
      personId: pick(people, c.person).id,
      recipients: [...new Set(c.recipients.map((r) => pick(orgs, r).id))],
      categories: c.categories,
      givenBy: c.givenBy,
      state: c.state,
      documenterId: documenter.id,
      documenterOrgId: documenter.orgId,
    };
  });
  const cases = spec.cases.map((c) => {
    const lead = pick(orgs, c.lead).id;
    return {
      id: randomUUID(),
      personId: pick(people, c.person).id,
      lead,
      leadUserId: usersOf(lead)[0].id,
      participants: [...new Set(c.participants.map((p) => pick(orgs, p).id))].filter(
        (p) => p !== lead,
      ),
    };
  });
  const notes: Note[] = cases.length
    ? spec.notes.map((n) => {
        const c = pick(cases, n.case);
        const author = pick([c.lead, ...c.participants], n.author);
        return {
          id: randomUUID(),
          caseId: c.id,
          author,
          authorUserId: usersOf(author)[0].id,
          category: n.category,
          visibility: n.ownOrganisationOnly ? 'AUTHOR_ORGANISATION' : 'CASE',
          body: `note ${randomUUID()}`,
        };
      })
    : [];
  const referrals: Referral[] = [];
  for (const r of cases.length ? spec.referrals : []) {
    const c = pick(cases, r.case);
    const sender = pick([c.lead, ...c.participants], r.sender);
    const others = orgs.filter((o) => o.id !== sender);
    const receiver = pick(others, r.receiver).id;
    referrals.push({
      id: randomUUID(),
      caseId: c.id,
      personId: c.personId,
      sender,
      senderUserId: usersOf(sender)[0].id,
      receiver,
      shared: r.shared,
      state: r.state,
      sections: r.shared.map((category) => ({ category, body: `section ${randomUUID()}` })),
    });
  }
  return { policy: spec.policy, orgs, users, people, consents, cases, notes, referrals };
}

// ---------------------------------------------------------------- the oracle (DESIGN.md §6, §6a)

/** §6: who can consent by age under the municipality's policy. */
function sufficient(givenBy: string[], age: number, p: World['policy']): boolean {
  const own = givenBy.includes('YOUNG_PERSON');
  const both = givenBy.includes('BOTH_GUARDIANS');
  const guardian = both || givenBy.includes('ONE_GUARDIAN');
  if (age >= 18) return own; // 18 and over: the young person alone
  const ownNeeded = age >= p.ownFrom;
  const guardianNeeded = age < p.ownFrom || p.guardianAlso;
  if (ownNeeded && !own) return false;
  if (guardianNeeded && !(p.both ? both : guardian)) return false;
  return true;
}

/** "Consent for X": in force now, sufficient under the age policy, names the organisation, covers X (any when X omitted). */
function consentFor(w: World, orgId: string, personId: string, category?: string): boolean {
  const person = w.people.find((p) => p.id === personId)!;
  return w.consents.some(
    (c) =>
      c.personId === personId &&
      c.state === 'ACTIVE' &&
      sufficient(c.givenBy, person.age, w.policy) &&
      c.recipients.includes(orgId) &&
      (category === undefined || c.categories.includes(category)),
  );
}

interface Seen {
  cases: Record<string, { id: string; restricted: boolean; body: string | null }[]>;
  referrals: Record<string, Section[]>;
}

function oracle(w: World, user: User): Seen {
  const seen: Seen = { cases: {}, referrals: {} };
  // Only case-working roles ever see personal data.
  if (!user.roles.some((r) => CASE_ROLES.includes(r))) return seen;
  const org = user.orgId;
  const kind = w.orgs.find((o) => o.id === org)!.kind;
  for (const c of w.cases) {
    const visible =
      c.lead === org || (c.participants.includes(org) && consentFor(w, org, c.personId));
    if (!visible) continue;
    seen.cases[c.id] = w.notes
      .filter((n) => n.caseId === c.id)
      .map((n) => {
        // A note kept to its author organisation is a placeholder for everyone else.
        const full =
          n.author === org ||
          (n.visibility === 'CASE' && consentFor(w, org, c.personId, n.category));
        return { id: n.id, restricted: !full, body: full ? n.body : null };
      });
  }
  for (const r of w.referrals) {
    if (r.sender === org) seen.referrals[r.id] = r.sections;
    else if (r.receiver === org && consentFor(w, org, r.personId))
      // Associations see name, contact and the activity only, never shared content.
      seen.referrals[r.id] =
        kind === 'ASSOCIATION'
          ? []
          : r.sections.filter((s) => consentFor(w, org, r.personId, s.category));
  }
  return seen;
}

// ---------------------------------------------------------------- writing a world

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[], type = 'text') => `ARRAY[${xs.map(q).join(',')}]::${type}[]`;
let personalNumberSeq = 0;

function insertSql(w: World): string {
  const s: string[] = [];
  s.push(`INSERT INTO consent_policy (municipality_code, own_consent_from_age, guardian_also_required, both_guardians_required)
          VALUES ('${MUNICIPALITY}', ${w.policy.ownFrom}, ${w.policy.guardianAlso}, ${w.policy.both})
          ON CONFLICT (municipality_code) DO UPDATE SET own_consent_from_age = EXCLUDED.own_consent_from_age,
            guardian_also_required = EXCLUDED.guardian_also_required, both_guardians_required = EXCLUDED.both_guardians_required`);
  for (const o of w.orgs)
    s.push(
      `INSERT INTO organisation (id, municipality_code, name, kind) VALUES (${q(o.id)}, '${MUNICIPALITY}', ${q('org ' + o.id)}, ${q(o.kind)})`,
    );
  for (const u of w.users)
    s.push(`INSERT INTO app_user (id, organisation_id, municipality_code, email, display_name, password_hash, roles)
            VALUES (${q(u.id)}, ${q(u.orgId)}, '${MUNICIPALITY}', ${q(`w-${u.id}@test.example`)}, 'W', 'x', ${arr(u.roles)})`);
  for (const p of w.people) {
    const pnr = `20${String(++personalNumberSeq).padStart(10, '0')}`;
    s.push(`INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code)
            VALUES (${q(p.id)}, '${pnr}', app_today() - make_interval(years => ${p.age}, days => ${p.days}), 'W', 'P', '${MUNICIPALITY}')`);
  }
  const window: Record<string, [number, number]> = {
    ACTIVE: [-10, 30],
    WITHDRAWN: [-10, 30],
    EXPIRED: [-30, -1],
    NOT_YET_VALID: [2, 30],
  };
  for (const c of w.consents) {
    const [from, until] = window[c.state];
    const withdrawn = c.state === 'WITHDRAWN';
    s.push(`INSERT INTO consent (id, young_person_id, municipality_code, given_by, method, documented_by_user_id, documented_by_organisation_id,
              purpose, categories, valid_from, valid_until, withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id)
            VALUES (${q(c.id)}, ${q(c.personId)}, '${MUNICIPALITY}', ${arr(c.givenBy)}, 'WRITTEN', ${q(c.documenterId)}, ${q(c.documenterOrgId)},
              'p', ${arr(c.categories)}, app_now() + interval '${from} days', app_now() + interval '${until} days',
              ${withdrawn ? 'app_now()' : 'NULL'}, ${withdrawn ? "'YOUNG_PERSON'" : 'NULL'}, ${withdrawn ? q(c.documenterId) : 'NULL'})`);
    for (const r of c.recipients)
      s.push(
        `INSERT INTO consent_recipient (consent_id, organisation_id) VALUES (${q(c.id)}, ${q(r)})`,
      );
  }
  for (const c of w.cases) {
    s.push(`INSERT INTO joint_case (id, young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
            VALUES (${q(c.id)}, ${q(c.personId)}, '${MUNICIPALITY}', ${q(c.lead)}, ${q(c.leadUserId)}, 't', ${q(c.leadUserId)})`);
    s.push(
      `INSERT INTO case_participant (case_id, organisation_id, role) VALUES (${q(c.id)}, ${q(c.lead)}, 'LEAD')`,
    );
    for (const p of c.participants)
      s.push(
        `INSERT INTO case_participant (case_id, organisation_id) VALUES (${q(c.id)}, ${q(p)})`,
      );
  }
  for (const n of w.notes)
    s.push(`INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, visibility, body)
            VALUES (${q(n.id)}, ${q(n.caseId)}, ${q(n.id)}, 1, ${q(n.author)}, ${q(n.authorUserId)}, ${q(n.category)}, ${q(n.visibility)}, ${q(n.body)})`);
  for (const r of w.referrals) {
    const decline = r.state === 'DECLINED' ? "'OTHER'" : 'NULL';
    const outcome = r.state === 'COMPLETED' ? "'OTHER'" : 'NULL';
    s.push(`INSERT INTO referral (id, case_id, young_person_id, municipality_code, sender_organisation_id, sender_user_id, receiver_organisation_id,
              purpose, shared_categories, response_due_date, state, decline_reason, outcome_code)
            VALUES (${q(r.id)}, ${q(r.caseId)}, ${q(r.personId)}, '${MUNICIPALITY}', ${q(r.sender)}, ${q(r.senderUserId)}, ${q(r.receiver)},
              'GUIDANCE', ${arr(r.shared)}, app_today() + 7, ${q(r.state)}, ${decline}, ${outcome})`);
    for (const sec of r.sections)
      s.push(`INSERT INTO referral_section (referral_id, young_person_id, sender_organisation_id, receiver_organisation_id, category, body)
              VALUES (${q(r.id)}, ${q(r.personId)}, ${q(r.sender)}, ${q(r.receiver)}, ${q(sec.category)}, ${q(sec.body)})`);
  }
  return s.join(';\n');
}

// ---------------------------------------------------------------- asking the API

const QUERY = `{
  cases(first: 100) { edges { node { id latestNotes(limit: 20) { id restricted body } } } }
  referrals(first: 100) { edges { node { id sections { category body } } } }
}`;

function normalise(seen: Seen) {
  return {
    cases: Object.fromEntries(
      Object.entries(seen.cases)
        .sort()
        .map(([id, notes]) => [id, [...notes].sort((a, b) => a.id.localeCompare(b.id))]),
    ),
    referrals: Object.fromEntries(
      Object.entries(seen.referrals)
        .sort()
        .map(([id, secs]) => [id, [...secs].sort((a, b) => a.category.localeCompare(b.category))]),
    ),
  };
}

describe('authorization over generated worlds (DESIGN.md §6a)', () => {
  let t: TestApp;
  let jwt: JwtService;

  beforeAll(async () => {
    t = await createTestApp();
    jwt = t.app.get(JwtService);
    await createMunicipality(t, MUNICIPALITY);
  });
  afterAll(() => t.close());

  async function asSeenBy(user: User): Promise<Seen> {
    const token = await jwt.signAsync({ sub: user.id, typ: 'access' });
    const res = await t.gql(QUERY, {}, token);
    const seen: Seen = { cases: {}, referrals: {} };
    if (res.errors) {
      // Roles without case work are refused outright: they see nothing.
      const codes = new Set(res.errors.map((e) => e.extensions?.code));
      if (codes.size === 1 && codes.has('FORBIDDEN')) return seen;
      throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
    }
    for (const e of res.data.cases.edges) seen.cases[e.node.id] = e.node.latestNotes;
    for (const e of res.data.referrals.edges) seen.referrals[e.node.id] = e.node.sections;
    return seen;
  }

  it(`every user sees exactly what the oracle allows (${NUM_RUNS} worlds)`, async () => {
    let checkedUsers = 0;
    let visibleCases = 0;
    let restrictedNotes = 0;
    let receivedReferrals = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async (spec) => {
        const w = build(spec);
        await t.db.query(insertSql(w));
        const actual = await Promise.all(w.users.map((u) => asSeenBy(u)));
        w.users.forEach((u, i) => {
          const expected = oracle(w, u);
          expect(normalise(actual[i])).toEqual(normalise(expected));
          checkedUsers++;
          visibleCases += Object.keys(expected.cases).length;
          restrictedNotes += Object.values(expected.cases)
            .flat()
            .filter((n) => n.restricted).length;
          receivedReferrals += w.referrals.filter(
            (r) => r.receiver === u.orgId && expected.referrals[r.id],
          ).length;
        });
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    // The worlds must exercise the interesting paths, or the test proves little.
    expect(checkedUsers).toBeGreaterThan(NUM_RUNS * 2);
    expect(visibleCases).toBeGreaterThan(NUM_RUNS / 10);
    expect(restrictedNotes).toBeGreaterThan(0);
    expect(receivedReferrals).toBeGreaterThan(0);
  }, 300_000);
});
