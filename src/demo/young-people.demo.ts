import { EntityManager } from 'typeorm';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { Clock } from '../core/clock/clock';
import { addDays, addYears } from '../core/clock/stockholm-calendar';

/** Records the README examples in README.md refer to. */
export const DEMO_YOUNG_PEOPLE = {
  /** Jonas, 18: internship → job as restaurangbiträde; plan revised once. */
  jonasId: '00000000-0000-4000-8000-0b0000000100',
  jonasPlanId: '00000000-0000-4000-8000-0b0000000200',
  jonasInternshipId: '00000000-0000-4000-8000-0b0000000300',
  /** Noor, 19: study preparation → Vård- och omsorgsprogrammet (period closed). */
  noorId: '00000000-0000-4000-8000-0b0000000101',
  /** Alva, 17: skyddade personuppgifter. */
  protectedId: '00000000-0000-4000-8000-0b0000000102',
  /** Elias, 16: guardian declined contact. */
  guardianDeclinedId: '00000000-0000-4000-8000-0b0000000103',
  /** Ida, 18: in KAA, occupation unknown, never contacted. */
  unknownId: '00000000-0000-4000-8000-0b0000000104',
  /** Elvira, 17: finished compulsory school, not in any programme, not yet in the register. */
  shouldEnterId: '00000000-0000-4000-8000-0b0000000105',
  /** Oscar's offered summer job (a measure to move on). */
  offeredMeasureId: '00000000-0000-4000-8000-0b0000000301',
};

type Kind =
  | 'unknown-never' // in KAA, occupation unknown, never contacted
  | 'unknown-letters' // in KAA, occupation unknown, letters unanswered
  | 'known' // in KAA with a known occupation
  | 'guardian-declined'
  | 'should-leave-20' // open period, turned 20
  | 'should-leave-moved' // open period in Trelleborg, now folkbokförd in Malmö
  | 'should-enter' // not in the register but should be
  | 'national'; // in a national programme: not in KAA

interface Person {
  serial: number;
  id?: string;
  given: string;
  family: string;
  age: number;
  kind: Kind;
  occupation?: string;
  municipality?: string;
  followUpInDays?: number | null;
  protectedIdentity?: boolean;
  language?: string;
}

const P = (
  serial: number,
  given: string,
  family: string,
  age: number,
  kind: Kind,
  extra: Partial<Person> = {},
): Person => ({ serial, given, family, age, kind, ...extra });

// Trelleborg (1287) unless noted; dates are relative to the day the step runs.
const PEOPLE: Person[] = [
  P(100, 'Jonas', 'Lindqvist', 18, 'known', {
    id: DEMO_YOUNG_PEOPLE.jonasId,
    occupation: 'WORK',
    followUpInDays: 21,
  }),
  P(101, 'Noor', 'Hassan', 19, 'known', { id: DEMO_YOUNG_PEOPLE.noorId, occupation: 'STUDIES' }),
  P(102, 'Alva', 'Berg', 17, 'unknown-letters', {
    id: DEMO_YOUNG_PEOPLE.protectedId,
    protectedIdentity: true,
    followUpInDays: 2,
  }),
  P(103, 'Elias', 'Karlsson', 16, 'guardian-declined', {
    id: DEMO_YOUNG_PEOPLE.guardianDeclinedId,
    followUpInDays: -4,
  }),
  P(104, 'Ida', 'Johansson', 18, 'unknown-never', {
    id: DEMO_YOUNG_PEOPLE.unknownId,
    followUpInDays: 1,
  }),
  P(105, 'Hugo', 'Olsson', 17, 'unknown-never', { followUpInDays: -2 }),
  P(106, 'Amina', 'Yusuf', 18, 'unknown-never', { followUpInDays: null, language: 'so' }),
  P(107, 'Leo', 'Pettersson', 19, 'unknown-never', { followUpInDays: 5 }),
  P(108, 'Ebba', 'Nyberg', 16, 'unknown-never', { followUpInDays: -9 }),
  P(109, 'Omar', 'Khalil', 18, 'unknown-never', { followUpInDays: 3, language: 'ar' }),
  P(110, 'Maja', 'Holm', 17, 'unknown-letters', { followUpInDays: -1 }),
  P(111, 'Viktor', 'Sandberg', 19, 'unknown-letters', { followUpInDays: 7 }),
  P(112, 'Selma', 'Axelsson', 18, 'unknown-letters', { followUpInDays: -12 }),
  P(113, 'Adam', 'Lund', 16, 'unknown-letters', { followUpInDays: 4 }),
  P(114, 'Ella', 'Mattsson', 18, 'known', { occupation: 'WORK', followUpInDays: 30 }),
  P(115, 'Lucas', 'Ek', 19, 'known', { occupation: 'WORK', followUpInDays: 45 }),
  P(116, 'Wilma', 'Forsberg', 17, 'known', { occupation: 'STUDIES', followUpInDays: 60 }),
  P(117, 'Oscar', 'Strand', 18, 'known', { occupation: 'INTERNSHIP', followUpInDays: 10 }),
  P(118, 'Saga', 'Blom', 18, 'known', { occupation: 'INTERNSHIP', followUpInDays: -3 }),
  P(119, 'Ali', 'Rahimi', 19, 'known', { occupation: 'INTERNSHIP', followUpInDays: 14 }),
  P(120, 'Alice', 'Sjögren', 19, 'known', {
    occupation: 'LABOUR_OFFICE_PROGRAMME',
    followUpInDays: 20,
  }),
  P(121, 'Filip', 'Wikström', 18, 'known', { occupation: 'MUNICIPAL_MEASURE', followUpInDays: 6 }),
  P(122, 'Julia', 'Engström', 19, 'known', { occupation: 'PARENTAL_LEAVE', followUpInDays: 90 }),
  P(123, 'Anton', 'Lindberg', 17, 'known', { occupation: 'NOTHING', followUpInDays: -6 }),
  P(124, 'Nora', 'Hedlund', 18, 'known', { occupation: 'ABROAD', followUpInDays: 120 }),
  P(125, 'Emil', 'Björk', 16, 'guardian-declined', { followUpInDays: 2 }),
  P(126, 'Sofia', 'Lindgren', 17, 'known', { occupation: 'STUDIES', followUpInDays: 40 }),
  P(127, 'Isak', 'Nordin', 18, 'known', { occupation: 'WORK', followUpInDays: null }),
  P(128, 'Tilde', 'Åberg', 19, 'unknown-letters', { followUpInDays: -20 }),
  P(129, 'Melvin', 'Sundqvist', 17, 'unknown-never', { followUpInDays: 0 }),
  P(130, 'Hanna', 'Persson', 20, 'should-leave-20', { followUpInDays: -30 }),
  P(131, 'William', 'Jakobsson', 20, 'should-leave-20', { followUpInDays: 8 }),
  P(132, 'Linnea', 'Falk', 18, 'should-leave-moved', { municipality: '1280' }),
  P(133, 'Elvira', 'Söderberg', 17, 'should-enter', { id: DEMO_YOUNG_PEOPLE.shouldEnterId }),
  P(134, 'Malte', 'Gustafsson', 16, 'should-enter'),
  P(135, 'Yasmin', 'Osman', 18, 'should-enter'),
  P(136, 'Theo', 'Hellström', 17, 'national'),
  P(137, 'Agnes', 'Lundqvist', 18, 'national'),
  P(138, 'Melker', 'Håkansson', 19, 'known', { occupation: 'SICK', followUpInDays: 15 }),
  P(139, 'Klara', 'Andersson', 18, 'known', { occupation: 'WORK', followUpInDays: 25 }),
  // Malmö (1280)
  P(300, 'Zakaria', 'Ahmed', 17, 'unknown-never', { municipality: '1280', followUpInDays: 3 }),
  P(301, 'Felicia', 'Nilsson', 18, 'known', {
    municipality: '1280',
    occupation: 'WORK',
    followUpInDays: 12,
  }),
  P(302, 'Samuel', 'Berglund', 19, 'unknown-letters', { municipality: '1280', followUpInDays: -5 }),
  P(303, 'Leila', 'Mansour', 16, 'should-enter', { municipality: '1280' }),
];

function birthDate(today: string, age: number, serial: number): string {
  // Birthdays 30–209 days ago, so ages stay stable for months after loading.
  return addDays(addYears(today, -age), -30 - ((serial * 37) % 180));
}

function personalNumber(date: string, serial: number): string {
  const yymmdd = date.replace(/-/g, '').slice(2);
  const s = String(serial).padStart(3, '0');
  return `${date.replace(/-/g, '')}${s}${luhnCheckDigit(yymmdd + s)}`;
}

const ago = (days: number) => `(app_today() - ${days})`;

/**
 * Young people and the KAA register (DESIGN.md §2): about forty in Trelleborg in every
 * state a coordinator meets — unknown occupation (some never contacted), known
 * occupations, guardians who declined, protected identity, measures with an individual
 * plan (one revised), closures to work and studies, some who should leave and some who
 * should be in the register — and a few in Malmö.
 */
export const youngPeopleDemoStep: DemoStep = {
  name: 'young-people',
  async run(em: EntityManager, clock: Clock) {
    const users: { id: string; municipality_code: string }[] = await em.query(
      `SELECT id, municipality_code FROM app_user
       WHERE email IN ('coordinator@trelleborg.demo', 'coordinator@malmo.demo')`,
    );
    const coordinatorOf = (m: string) => users.find((u) => u.municipality_code === m)?.id ?? null;
    const ids = new Map<number, string>();
    for (const p of PEOPLE) {
      const id = await insertPerson(em, p, clock.today());
      if (!id) continue; // loaded before: leave as is
      ids.set(p.serial, id);
      await addState(
        em,
        p,
        id,
        coordinatorOf(p.kind === 'should-leave-moved' ? '1287' : (p.municipality ?? '1287')),
      );
    }
    const by = coordinatorOf('1287');
    if (ids.has(100)) await jonasStory(em, ids.get(100)!, by);
    if (ids.has(101)) await noorStory(em, ids.get(101)!, by);
    if (ids.has(117)) await simpleMeasures(em, ids.get(117)!, by);
  },
};

/** Inserts the person; null when the personnummer is already registered. */
async function insertPerson(em: EntityManager, p: Person, today: string): Promise<string | null> {
  const municipality = p.municipality ?? '1287';
  const born = birthDate(today, p.age, p.serial);
  const rows: { id: string }[] = await em.query(
    `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code,
       street_address, postal_code, city, phone, email, preferred_language, protected_identity)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      p.id ?? null,
      personalNumber(born, p.serial),
      born,
      p.given,
      p.family,
      municipality,
      `Storgatan ${p.serial - 90}`,
      municipality === '1287' ? '231 31' : '211 34',
      municipality === '1287' ? 'Trelleborg' : 'Malmö',
      `070-100 0${p.serial}`,
      `${p.given.toLowerCase()}.${p.serial}@example.se`,
      p.language ?? 'sv',
      p.protectedIdentity ?? false,
    ],
  );
  return rows[0]?.id ?? null;
}

async function addState(em: EntityManager, p: Person, id: string, by: string | null) {
  const registerMunicipality =
    p.kind === 'should-leave-moved' ? '1287' : (p.municipality ?? '1287');
  // A consistent school history: compulsory school, then (mostly) an interrupted programme.
  const leftDays = 40 + ((p.serial * 13) % 200);
  const upperStart = leftDays + 200;
  const compulsoryEnd = upperStart + 60;
  await schooling(
    em,
    id,
    'Gröningeskolan',
    'GR',
    'COMPULSORY',
    'COMPLETED',
    compulsoryEnd + 3285,
    compulsoryEnd,
  );
  if (p.kind === 'national') {
    await schooling(em, id, 'Söderslättsgymnasiet', 'EK', 'NATIONAL', 'ACTIVE', upperStart, null);
    return;
  }
  if (p.kind === 'should-enter') {
    // Dropped out of a national programme (or never started): not yet in the register.
    if (p.serial % 2) {
      await schooling(
        em,
        id,
        'Söderslättsgymnasiet',
        'BA',
        'NATIONAL',
        'INTERRUPTED',
        upperStart,
        leftDays,
      );
    }
    return;
  }
  const national = p.serial % 3 !== 0;
  await schooling(
    em,
    id,
    'Söderslättsgymnasiet',
    national ? 'HA' : 'IMV',
    national ? 'NATIONAL' : 'INTRODUCTION',
    'INTERRUPTED',
    upperStart,
    leftDays,
  );
  const entryDays = Math.max(leftDays - 3, 1);
  const follow = p.followUpInDays === undefined ? 14 : p.followUpInDays;
  await em.query(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id,
       next_follow_up_date, created_by)
     VALUES ($1, $2, ${ago(entryDays)}, 'INTERRUPTED_STUDIES', $3, ${follow === null ? 'NULL' : `app_today() + ${follow}`}, $3)`,
    [id, registerMunicipality, by],
  );
  await occupation(em, id, registerMunicipality, 'UNKNOWN', entryDays, 'POPULATION_REGISTER', by);
  if (p.kind === 'known' && p.occupation) {
    await occupation(
      em,
      id,
      registerMunicipality,
      p.occupation,
      Math.floor(entryDays / 3),
      'YOUNG_PERSON',
      by,
    );
  }
  if (p.kind === 'unknown-letters') {
    await contact(em, id, registerMunicipality, 'LETTER', 'NO_RESPONSE', entryDays - 5, by);
    await contact(
      em,
      id,
      registerMunicipality,
      'LETTER',
      'NO_RESPONSE',
      Math.max(entryDays - 35, 2),
      by,
    );
  }
  if (p.kind === 'known') {
    await contact(em, id, registerMunicipality, 'PHONE', 'REACHED', Math.floor(entryDays / 3), by);
  }
  if (p.kind === 'guardian-declined') {
    await em.query(
      `INSERT INTO guardian (young_person_id, name, phone, declined_contact, declined_contact_at)
       VALUES ($1, $2, '070-200 0000', true, app_now() - interval '12 days')`,
      [id, `Vårdnadshavare till ${p.given}`],
    );
    await contact(em, id, registerMunicipality, 'VIA_GUARDIAN', 'GUARDIAN_DECLINED', 12, by);
  } else if (p.age < 18) {
    await em.query(
      `INSERT INTO guardian (young_person_id, name, phone, email) VALUES ($1, $2, '070-300 0000', 'foralder@example.se')`,
      [id, `Förälder ${p.family}`],
    );
  }
}

/** Jonas: internship (with the plan), plan revised when it turned into a job; closure to work. */
async function jonasStory(em: EntityManager, id: string, by: string | null) {
  const [period] = await em.query(
    `SELECT id FROM kaa_period WHERE young_person_id = $1 AND exit_date IS NULL`,
    [id],
  );
  await em.query(
    `INSERT INTO kaa_plan (id, young_person_id, municipality_code, kaa_period_id, created_by, created_at)
     VALUES ($1, $2, '1287', $3, $4, app_now() - interval '60 days')`,
    [DEMO_YOUNG_PEOPLE.jonasPlanId, id, period.id, by],
  );
  const v1 = await planVersion(
    em,
    1,
    'Få en praktikplats inom restaurang inom en månad',
    60,
    null,
    by,
    [
      ['YOUNG_PERSON', null, 'Skriva CV och gå på intervju hos Restaurang Hamnen', -45],
      ['MUNICIPALITY', null, 'Ordna praktikplats och handledare', -50],
      ['OTHER_ACTOR', 'Arbetsförmedlingen', 'Utreda möjlighet till lönestöd', -30],
    ],
  );
  const v2 = await planVersion(
    em,
    2,
    'Behålla anställningen som restaurangbiträde och ta körkort',
    10,
    'Praktiken ledde till en anställning',
    by,
    [
      ['YOUNG_PERSON', null, 'Ta teoriprov för körkort', 30],
      ['MUNICIPALITY', null, 'Uppföljningssamtal efter tre månader', 21],
    ],
  );
  void v1;
  void v2;
  await measure(
    em,
    DEMO_YOUNG_PEOPLE.jonasInternshipId,
    id,
    period.id,
    DEMO_YOUNG_PEOPLE.jonasPlanId,
    'INTERNSHIP',
    'Restaurang Hamnen',
    58,
    52,
    15,
    'COMPLETED',
    'STARTED_WORK',
    by,
  );
  await measure(
    em,
    null,
    id,
    period.id,
    DEMO_YOUNG_PEOPLE.jonasPlanId,
    'COACHING',
    'Ungdomsteamet',
    60,
    59,
    null,
    'ONGOING',
    null,
    by,
  );
  await measure(
    em,
    null,
    id,
    period.id,
    DEMO_YOUNG_PEOPLE.jonasPlanId,
    'JOB_FAIR',
    'Trelleborgs näringsliv',
    55,
    null,
    null,
    'DECLINED',
    'DECLINED_BY_YOUNG_PERSON',
    by,
  );
  await em.query(
    `INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, measure_id, kind, closed_on,
       occupation_title, occupation_field, recorded_by)
     VALUES ($1, '1287', $2, $3, 'WORK', ${ago(14)}, 'restaurangbiträde', 'HOTEL_RESTAURANT_CATERING', $4)`,
    [id, period.id, DEMO_YOUNG_PEOPLE.jonasInternshipId, by],
  );

  async function planVersion(
    m: EntityManager,
    version: number,
    goal: string,
    daysBack: number,
    reason: string | null,
    user: string | null,
    responsibilities: [string, string | null, string, number][],
  ) {
    const [row] = await m.query(
      `INSERT INTO kaa_plan_version (plan_id, version, goal, next_follow_up_date, revision_reason, created_by, created_at)
       VALUES ($1, $2, $3, app_today() + $4::int, $5, $6, app_now() - ($7::int * interval '1 day')) RETURNING id`,
      [
        DEMO_YOUNG_PEOPLE.jonasPlanId,
        version,
        goal,
        version === 1 ? -45 : 21,
        reason,
        user,
        daysBack,
      ],
    );
    for (const [i, [party, actor, task, followUp]] of responsibilities.entries()) {
      await m.query(
        `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, actor_name, task, follow_up_date)
         VALUES ($1, $2, $3, $4, $5, app_today() + $6::int)`,
        [row.id, i, party, actor, task, followUp],
      );
    }
    return row.id as string;
  }
}

/** Noor: study preparation with a plan, then Vård- och omsorgsprogrammet; period closed. */
async function noorStory(em: EntityManager, id: string, by: string | null) {
  const [period] = await em.query(
    `SELECT id FROM kaa_period WHERE young_person_id = $1 AND exit_date IS NULL`,
    [id],
  );
  const [plan] = await em.query(
    `INSERT INTO kaa_plan (young_person_id, municipality_code, kaa_period_id, created_by) VALUES ($1, '1287', $2, $3) RETURNING id`,
    [id, period.id, by],
  );
  const [version] = await em.query(
    `INSERT INTO kaa_plan_version (plan_id, version, goal, next_follow_up_date, created_by)
     VALUES ($1, 1, 'Börja Vård- och omsorgsprogrammet till hösten', app_today() - 20, $2) RETURNING id`,
    [plan.id, by],
  );
  await em.query(
    `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, actor_name, task, follow_up_date) VALUES
       ($1, 0, 'YOUNG_PERSON', NULL, 'Söka till programmet', app_today() - 60),
       ($1, 1, 'MUNICIPALITY', NULL, 'Studie- och yrkesvägledning', app_today() - 70),
       ($1, 2, 'OTHER_ACTOR', 'Komvux Trelleborg', 'Förberedande kurs i svenska', app_today() - 40)`,
    [version.id],
  );
  const measureId = await measure(
    em,
    null,
    id,
    period.id,
    plan.id,
    'STUDIES_PREPARATION',
    'Komvux Trelleborg',
    90,
    85,
    10,
    'COMPLETED',
    'STARTED_STUDIES',
    by,
  );
  await measure(
    em,
    null,
    id,
    period.id,
    plan.id,
    'STUDY_CAREER_GUIDANCE',
    'Ungdomsteamet',
    95,
    95,
    80,
    'COMPLETED',
    'GOAL_REACHED',
    by,
  );
  await em.query(
    `INSERT INTO kaa_closure (young_person_id, municipality_code, kaa_period_id, measure_id, kind, closed_on, programme,
       programme_code, recorded_by)
     VALUES ($1, '1287', $2, $3, 'STUDIES', ${ago(7)}, 'Vård- och omsorgsprogrammet', 'VO', $4)`,
    [id, period.id, measureId, by],
  );
  await em.query(
    `UPDATE kaa_period SET exit_date = ${ago(7)}, exit_reason = 'STARTED_STUDIES', next_follow_up_date = NULL WHERE id = $1`,
    [period.id],
  );
  await schooling(em, id, 'Söderslättsgymnasiet', 'VO', 'NATIONAL', 'ACTIVE', 7, null);
}

/** Oscar: a plan-less offer and an aborted measure (measures in every state). */
async function simpleMeasures(em: EntityManager, id: string, by: string | null) {
  const [period] = await em.query(`SELECT id FROM kaa_period WHERE young_person_id = $1`, [id]);
  await measure(
    em,
    null,
    id,
    period.id,
    null,
    'MENTORSHIP',
    'Trelleborgs FF',
    30,
    28,
    12,
    'ABORTED',
    'STOPPED_ATTENDING',
    by,
  );
  await measure(
    em,
    null,
    id,
    period.id,
    null,
    'INTERNSHIP',
    'Trelleborgs Hamn',
    10,
    5,
    null,
    'ONGOING',
    null,
    by,
  );
  await measure(
    em,
    DEMO_YOUNG_PEOPLE.offeredMeasureId,
    id,
    period.id,
    null,
    'SUMMER_JOB',
    'Trelleborgs kommun',
    3,
    null,
    null,
    'OFFERED',
    null,
    by,
  );
}

async function measure(
  em: EntityManager,
  fixedId: string | null,
  youngPersonId: string,
  periodId: string,
  planId: string | null,
  type: string,
  provider: string,
  offeredDaysAgo: number,
  startDaysAgo: number | null,
  endDaysAgo: number | null,
  status: string,
  endReason: string | null,
  by: string | null,
): Promise<string> {
  const [row] = await em.query(
    `INSERT INTO kaa_measure (id, young_person_id, municipality_code, kaa_period_id, plan_id, type, provider,
       offered_on, start_date, end_date, status, end_reason, created_by)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, '1287', $3, $4, $5, $6, ${ago(offeredDaysAgo)},
       ${startDaysAgo === null ? 'NULL' : ago(startDaysAgo)}, ${endDaysAgo === null ? 'NULL' : ago(endDaysAgo)},
       $7, $8, $9) RETURNING id`,
    [fixedId, youngPersonId, periodId, planId, type, provider, status, endReason, by],
  );
  return row.id;
}

async function schooling(
  em: EntityManager,
  id: string,
  school: string,
  code: string,
  type: string,
  status: string,
  startDaysAgo: number,
  endDaysAgo: number | null,
) {
  await em.query(
    `INSERT INTO schooling (young_person_id, school_name, programme_code, programme_type, start_date, end_date, status)
     VALUES ($1, $2, $3, $4, ${ago(startDaysAgo)}, ${endDaysAgo === null ? 'NULL' : ago(endDaysAgo)}, $5)`,
    [id, school, code, type, status],
  );
}

async function occupation(
  em: EntityManager,
  id: string,
  municipality: string,
  category: string,
  daysAgo: number,
  source: string,
  by: string | null,
) {
  await em.query(
    `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_by, recorded_at)
     VALUES ($1, $2, $3, ${ago(daysAgo)}, $4, $5, app_now() - ($6::int * interval '1 day'))`,
    [id, municipality, category, source, by, daysAgo],
  );
}

async function contact(
  em: EntityManager,
  id: string,
  municipality: string,
  channel: string,
  outcome: string,
  daysAgo: number,
  by: string | null,
) {
  await em.query(
    `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
     VALUES ($1, $2, $3, 'OUTBOUND', app_now() - ($4::int * interval '1 day'), $5, $6)`,
    [id, municipality, channel, daysAgo, by, outcome],
  );
}
