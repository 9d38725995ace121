/**
 * The worlds the authorization tests generate (fast-check): three municipalities,
 * organisations of every kind, users with and without the protected-identity and
 * emergency permissions, young people aged around 15 and 18 on the pinned date (some
 * moved, some with protected identity, some enrolled), KAA register rows, consents in
 * every state and policy, cases, notes, referrals, risk flags, cross-municipality
 * notices, concern reports and emergency openings. Shared by the generated-worlds test
 * (through the API) and the row-level security test (raw SELECTs).
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ageOn, CATEGORIES, isCaseWorker, World, WUser } from './oracle';

export const APP_NOW = '2026-12-31T12:00:00+01:00';
export const TODAY = '2026-12-31';
export const MONTH = '2026-12';
export const MUNICIPALITIES = ['1287', '1280', '1272'];

const KINDS = [
  'YOUTH_TEAM',
  'YOUTH_TEAM',
  'SCHOOL',
  'SCHOOL',
  'SOCIAL_SERVICES',
  'LABOUR_OFFICE',
  'ASSOCIATION',
];
const ROLE_OF_KIND: Record<string, string> = {
  YOUTH_TEAM: 'YOUTH_COORDINATOR',
  SCHOOL: 'COUNSELLOR',
  SOCIAL_SERVICES: 'SOCIAL_WORKER',
  LABOUR_OFFICE: 'EMPLOYMENT_OFFICER',
  ASSOCIATION: 'ASSOCIATION_LEADER',
};
const OTHER_ROLES = ['MANAGER', 'AUDITOR', 'ORG_ADMIN', 'MUNICIPALITY_ADMIN'];
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

export const worldArb = fc.record({
  policies: fc.tuple(
    ...MUNICIPALITIES.map(() =>
      fc.option(
        fc.record({
          ownConsentFromAge: fc.constantFrom(13, 15, 16, 18),
          guardianAlsoRequired: fc.boolean(),
          bothGuardiansRequired: fc.boolean(),
        }),
      ),
    ),
  ),
  orgs: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      municipality: fc.nat(2),
      users: fc.array(
        fc.record({
          caseWorker: fc.constantFrom(true, true, true, false),
          otherRole: fc.constantFrom(...OTHER_ROLES),
          protectedIdentity: fc.boolean(),
          emergency: fc.boolean(),
          probe: fc.constantFrom(true, false, false, false),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { minLength: 2, maxLength: 6 },
  ),
  people: fc.array(
    fc.record({
      age: fc.constantFrom(14, 15, 16, 17, 18, 19, 22),
      // Days past the birthday: around it (turning 15 or 18 today, yesterday, tomorrow) or anywhere.
      offset: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -300, max: 300 })),
      home: fc.nat(2),
      movedFrom: fc.option(fc.nat(2), { freq: 3 }),
      protectedIdentity: fc.constantFrom(false, false, false, true),
      schooling: fc.option(fc.record({ school: fc.nat(), active: fc.boolean() })),
      kaa: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  consents: fc.array(
    fc.record({
      person: fc.nat(),
      recipients: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      // Name the person's home youth team too (risk flags reach it only so).
      homeYouthTeam: fc.boolean(),
      categories: fc.subarray([...CATEGORIES], { minLength: 1, maxLength: 4 }),
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
    { maxLength: 4 },
  ),
  referrals: fc.array(
    fc.record({
      case: fc.nat(),
      sender: fc.nat(),
      receiver: fc.nat(),
      sections: fc.subarray([...CATEGORIES], { maxLength: 4 }),
      state: fc.constantFrom(...REFERRAL_STATES),
    }),
    { maxLength: 3 },
  ),
  riskFlags: fc.array(fc.record({ person: fc.nat(), school: fc.nat() }), { maxLength: 3 }),
  notices: fc.array(
    fc.record({ person: fc.nat(), school: fc.nat(), toPreviousHome: fc.boolean() }),
    { maxLength: 3 },
  ),
  concernReports: fc.array(fc.record({ person: fc.nat(), sender: fc.nat() }), { maxLength: 2 }),
  openings: fc.array(
    fc.record({
      user: fc.nat(),
      person: fc.nat(),
      state: fc.constantFrom('ACTIVE', 'ACTIVE', 'EXPIRED', 'ENDED'),
    }),
    { maxLength: 3 },
  ),
});
export type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

export interface Generated extends World {
  probes: string[]; // users whose direct gets are checked too
}

function shiftDate(date: string, years: number, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // Never born on 29 February: the birthday of a leap-day child is a convention of its own.
  const day = m === 2 && d === 29 ? 28 : d;
  const t = new Date(Date.UTC(y + years, m - 1, day) + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

export function build(spec: WorldSpec): Generated {
  const pick = <T>(list: T[], n: number): T => list[n % list.length];
  const municipalities = MUNICIPALITIES;
  const orgs = spec.orgs.map((o) => ({
    id: randomUUID(),
    kind: o.kind,
    municipality: municipalities[o.municipality],
  }));
  const probes: string[] = [];
  const users = spec.orgs.flatMap((o, i) =>
    o.users.map((u) => {
      const org = orgs[i];
      // A manager of the youth team itself would blur "youth team" and "manager": not generated.
      const other =
        org.kind === 'YOUTH_TEAM' && u.otherRole === 'MANAGER' ? 'AUDITOR' : u.otherRole;
      const user: WUser = {
        id: randomUUID(),
        orgId: org.id,
        municipality: org.municipality,
        roles: [u.caseWorker ? ROLE_OF_KIND[org.kind] : other],
        permissions: [
          ...(u.protectedIdentity ? ['PROTECTED_IDENTITY'] : []),
          ...(u.emergency ? ['EMERGENCY_ACCESS'] : []),
        ],
      };
      if (u.probe && probes.length < 2) probes.push(user.id);
      return user;
    }),
  );
  const usersOf = (orgId: string) => users.filter((u) => u.orgId === orgId);
  const schools = orgs.filter((o) => o.kind === 'SCHOOL');
  const people = spec.people.map((p) => {
    const home = municipalities[p.home];
    const moved = p.movedFrom === null ? null : municipalities[p.movedFrom];
    return {
      id: randomUUID(),
      birthDate: shiftDate(TODAY, -p.age, -p.offset),
      home,
      previousHome: moved !== null && moved !== home ? moved : null,
      protectedIdentity: p.protectedIdentity,
    };
  });
  const schoolings = schools.length
    ? spec.people.flatMap((p, i) =>
        p.schooling
          ? [
              {
                id: randomUUID(),
                personId: people[i].id,
                schoolId: pick(schools, p.schooling.school).id,
                active: p.schooling.active,
              },
            ]
          : [],
      )
    : [];
  const kaa = spec.people.flatMap((p, i) =>
    p.kaa
      ? [
          {
            personId: people[i].id,
            municipality: people[i].home,
            periodId: randomUUID(),
            occupationId: randomUUID(),
            measureId: randomUUID(),
          },
        ]
      : [],
  );
  // A moved person in the register: the previous home's register still holds a period.
  const handovers = spec.people.flatMap((p, i) =>
    p.kaa && people[i].previousHome
      ? [{ personId: people[i].id, municipality: people[i].previousHome!, periodId: randomUUID() }]
      : [],
  );
  const consents = spec.consents.map((c) => {
    const documenter = pick(users, c.documenter);
    const person = pick(people, c.person);
    const homeTeams = c.homeYouthTeam
      ? orgs
          .filter((o) => o.kind === 'YOUTH_TEAM' && o.municipality === person.home)
          .map((o) => o.id)
      : [];
    return {
      id: randomUUID(),
      personId: person.id,
      recipients: [...new Set([...c.recipients.map((r) => pick(orgs, r).id), ...homeTeams])],
      categories: c.categories,
      givenBy: c.givenBy,
      state: c.state,
      documenterUserId: documenter.id,
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
  const notes = cases.length
    ? spec.notes.map((n) => {
        const c = pick(cases, n.case);
        const author = pick([c.lead, ...c.participants], n.author);
        return {
          id: randomUUID(),
          caseId: c.id,
          author,
          authorUserId: usersOf(author)[0].id,
          category: n.category,
          visibility: n.ownOrganisationOnly ? ('AUTHOR_ORGANISATION' as const) : ('CASE' as const),
        };
      })
    : [];
  const referrals = (cases.length ? spec.referrals : []).map((r) => {
    const c = pick(cases, r.case);
    const sender = pick([c.lead, ...c.participants], r.sender);
    const receiver = pick(
      orgs.filter((o) => o.id !== sender),
      r.receiver,
    ).id;
    const answered = r.state === 'ACCEPTED' || r.state === 'COMPLETED';
    return {
      id: randomUUID(),
      caseId: c.id,
      personId: c.personId,
      sender,
      senderUserId: usersOf(sender)[0].id,
      receiver,
      state: r.state,
      outcomeCode: r.state === 'COMPLETED' ? 'SUPPORT_GIVEN' : null,
      receiverNote: answered ? `receiver's own note ${randomUUID()}` : null,
      sections: r.sections,
    };
  });
  const riskFlags = schools.length
    ? spec.riskFlags.map((f) => {
        const school = pick(schools, f.school);
        return {
          id: randomUUID(),
          personId: pick(people, f.person).id,
          schoolId: school.id,
          raisedBy: usersOf(school.id)[0].id,
        };
      })
    : [];
  const notices = schools.length
    ? spec.notices.map((n) => {
        const school = pick(schools, n.school);
        const person = pick(people, n.person);
        return {
          id: randomUUID(),
          personId: person.id,
          schoolId: school.id,
          sentBy: usersOf(school.id)[0].id,
          homeMunicipality:
            n.toPreviousHome && person.previousHome ? person.previousHome : person.home,
        };
      })
    : [];
  // Concern reports are about children (under 18), to the social services of their home.
  const children = people.filter((p) => ageOn(p.birthDate, TODAY) < 18);
  const concernReports = children.length
    ? spec.concernReports.map((r) => {
        const person = pick(children, r.person);
        const sender = pick(users, r.sender);
        return {
          id: randomUUID(),
          personId: person.id,
          sender: sender.orgId,
          senderUserId: sender.id,
          receivers: orgs
            .filter((o) => o.kind === 'SOCIAL_SERVICES' && o.municipality === person.home)
            .map((o) => o.id),
        };
      })
    : [];
  const openers = users.filter(
    (u) => u.permissions.includes('EMERGENCY_ACCESS') && isCaseWorker(u),
  );
  const openings = openers.length
    ? spec.openings.map((o) => ({
        id: randomUUID(),
        userId: pick(openers, o.user).id,
        personId: pick(people, o.person).id,
        state: o.state,
      }))
    : [];
  return {
    today: TODAY,
    municipalities,
    policies: Object.fromEntries(municipalities.map((m, i) => [m, spec.policies[i]])),
    orgs,
    users,
    people,
    schoolings,
    kaa,
    handovers,
    consents,
    cases,
    notes,
    referrals,
    riskFlags,
    notices,
    concernReports,
    openings,
    probes,
  };
}
