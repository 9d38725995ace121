import { EntityManager } from 'typeorm';
import { luhnCheckDigit } from '../young-people/personal-number';
import type { DemoStep } from './demo-seed';
import { Clock } from '../core/clock/clock';
import { addDays, addYears } from '../core/clock/stockholm-calendar';

/** Young people the README examples in README.md refer to. */
export const DEMO_OUTREACH = {
  /** Elin: two letters unanswered, a home visit is due. */
  lettersUnansweredId: '00000000-0000-4000-8000-0a0000000400',
  /** Mohammed, 16: his guardian declined contact, a home visit must be booked. */
  guardianDeclinedId: '00000000-0000-4000-8000-0a0000000401',
  /** Wilma: entered the register three days ago, never contacted. */
  neverContactedId: '00000000-0000-4000-8000-0a0000000402',
};

type Contact = [daysAgo: number, channel: string, outcome: string, direction?: string];

interface DemoPerson {
  serial: number;
  id?: string;
  givenName: string;
  familyName: string;
  age: number;
  municipality?: string;
  entryDaysAgo: number;
  /** null: no responsible coordinator. */
  responsible?: boolean;
  /** Days from today; null: none set. */
  followUpInDays?: number | null;
  exitDaysAgo?: number;
  occupation?: string;
  guardianDeclinedDaysAgo?: number;
  protectedIdentity?: boolean;
  contacts?: Contact[];
  /** Received the spring letter round. */
  inRound?: boolean;
}

// Ages and dates are relative to today, so the list looks current whenever it is loaded.
const PEOPLE: DemoPerson[] = [
  {
    serial: 400,
    id: DEMO_OUTREACH.lettersUnansweredId,
    givenName: 'Elin',
    familyName: 'Andersson',
    age: 17,
    entryDaysAgo: 120,
    followUpInDays: 5,
    inRound: true,
    contacts: [[14, 'LETTER', 'NO_RESPONSE']],
  },
  {
    serial: 401,
    id: DEMO_OUTREACH.guardianDeclinedId,
    givenName: 'Mohammed',
    familyName: 'Ali',
    age: 16,
    entryDaysAgo: 90,
    followUpInDays: 3,
    guardianDeclinedDaysAgo: 10,
    inRound: true,
    contacts: [[10, 'VIA_GUARDIAN', 'GUARDIAN_DECLINED']],
  },
  {
    serial: 402,
    id: DEMO_OUTREACH.neverContactedId,
    givenName: 'Wilma',
    familyName: 'Nilsson',
    age: 18,
    entryDaysAgo: 3,
    followUpInDays: 1,
  },
  {
    serial: 403,
    givenName: 'Liam',
    familyName: 'Persson',
    age: 19,
    entryDaysAgo: 150,
    followUpInDays: -5,
    contacts: [[20, 'PHONE', 'REACHED']],
  },
  {
    serial: 404,
    givenName: 'Saga',
    familyName: 'Johansson',
    age: 17,
    entryDaysAgo: 60,
    responsible: false,
    followUpInDays: 10,
    inRound: true,
  },
  {
    serial: 405,
    givenName: 'Noah',
    familyName: 'Karlsson',
    age: 18,
    entryDaysAgo: 75,
    followUpInDays: null,
    contacts: [[30, 'SMS', 'MESSAGE_LEFT']],
  },
  {
    serial: 406,
    givenName: 'Alice',
    familyName: 'Lindberg',
    age: 18,
    entryDaysAgo: 100,
    followUpInDays: 14,
    contacts: [
      [25, 'LETTER', 'NO_RESPONSE'],
      [7, 'PHONE', 'REACHED'],
    ],
  },
  {
    serial: 407,
    givenName: 'Hugo',
    familyName: 'Eriksson',
    age: 19,
    entryDaysAgo: 130,
    followUpInDays: 7,
    inRound: true,
    contacts: [[2, 'HOME_VISIT', 'NO_RESPONSE']],
  },
  {
    serial: 408,
    givenName: 'Ella',
    familyName: 'Larsson',
    age: 17,
    entryDaysAgo: 80,
    followUpInDays: 4,
    contacts: [[12, 'SMS', 'MESSAGE_LEFT']],
  },
  {
    serial: 409,
    givenName: 'Omar',
    familyName: 'Hassan',
    age: 18,
    entryDaysAgo: 140,
    followUpInDays: 30,
    occupation: 'WORK',
    contacts: [[15, 'PHONE', 'REACHED']],
  },
  {
    serial: 410,
    givenName: 'Maja',
    familyName: 'Olsson',
    age: 19,
    entryDaysAgo: 110,
    followUpInDays: 30,
    occupation: 'STUDIES',
    contacts: [[40, 'IN_PERSON', 'REACHED', 'INBOUND']],
  },
  {
    serial: 411,
    givenName: 'Leo',
    familyName: 'Svensson',
    age: 17,
    entryDaysAgo: 95,
    followUpInDays: 6,
    protectedIdentity: true,
    inRound: true,
  },
  {
    serial: 412,
    givenName: 'Astrid',
    familyName: 'Gustafsson',
    age: 16,
    entryDaysAgo: 70,
    followUpInDays: 9,
    guardianDeclinedDaysAgo: 30,
    contacts: [[8, 'HOME_VISIT', 'REACHED']],
  },
  {
    serial: 413,
    givenName: 'Elias',
    familyName: 'Pettersson',
    age: 18,
    entryDaysAgo: 200,
    exitDaysAgo: 20,
    contacts: [[60, 'PHONE', 'REACHED']],
  },
  {
    serial: 414,
    givenName: 'Freja',
    familyName: 'Jönsson',
    age: 18,
    entryDaysAgo: 20,
    followUpInDays: 2,
    occupation: 'UNKNOWN',
  },
  {
    serial: 415,
    givenName: 'Lucas',
    familyName: 'Hansson',
    age: 19,
    entryDaysAgo: 160,
    followUpInDays: -2,
    inRound: true,
  },
  {
    serial: 416,
    givenName: 'Nora',
    familyName: 'Bengtsson',
    age: 17,
    entryDaysAgo: 85,
    followUpInDays: 12,
    inRound: true,
    contacts: [[20, 'PHONE', 'REACHED', 'INBOUND']],
  },
  {
    serial: 417,
    givenName: 'Adam',
    familyName: 'Lindqvist',
    age: 18,
    entryDaysAgo: 65,
    followUpInDays: 8,
    inRound: true,
    contacts: [[35, 'EMAIL', 'NO_RESPONSE']],
  },
  {
    serial: 418,
    givenName: 'Selma',
    familyName: 'Axelsson',
    age: 16,
    entryDaysAgo: 50,
    followUpInDays: 5,
    inRound: true,
  },
  {
    serial: 419,
    givenName: 'Vincent',
    familyName: 'Berglund',
    age: 19,
    entryDaysAgo: 170,
    followUpInDays: 20,
    contacts: [
      [50, 'SOCIAL_MEDIA', 'NO_RESPONSE'],
      [18, 'VIA_SCHOOL', 'WRONG_DETAILS'],
    ],
  },
  // Malmö's own register, so its coordinator sees a list of its own (and nothing of Trelleborg's).
  {
    serial: 590,
    givenName: 'Zara',
    familyName: 'Yilmaz',
    age: 17,
    municipality: '1280',
    entryDaysAgo: 40,
    followUpInDays: 3,
  },
  {
    serial: 591,
    givenName: 'Theo',
    familyName: 'Holmberg',
    age: 18,
    municipality: '1280',
    entryDaysAgo: 55,
    followUpInDays: null,
  },
];

const ROUND_DAYS_AGO = 30;

function birthDate(today: string, age: number, serial: number): string {
  // Spread birthdays so ages are stable for months around the demo date.
  return addDays(addYears(today, -age), -40 - (serial % 150));
}

function personalNumber(date: string, serial: number): string {
  const yymmdd = date.replace(/-/g, '').slice(2);
  const s = String(serial);
  return `${date.replace(/-/g, '')}${s}${luhnCheckDigit(yymmdd + s)}`;
}

const daysAgo = (n: number) => `app_now() - interval '${n} days'`;

/**
 * Outreach demo (DESIGN.md §3): Trelleborg's KAA register with letters unanswered,
 * phone contacts, home visits, a guardian who declined, overdue and missing follow-ups,
 * and a spring letter round, so coordinator@trelleborg.demo sees a real work list.
 */
export const outreachDemoStep: DemoStep = {
  name: 'outreach',
  async run(em: EntityManager, clock: Clock) {
    const coordinators: { id: string; municipality_code: string }[] = await em.query(
      `SELECT id, municipality_code FROM app_user WHERE email IN ('coordinator@trelleborg.demo', 'coordinator@malmo.demo')`,
    );
    const coordinatorOf = (m: string) =>
      coordinators.find((c) => c.municipality_code === m)?.id ?? null;
    const roundIds: string[] = [];
    for (const p of PEOPLE) {
      const municipality = p.municipality ?? '1287';
      const by = coordinatorOf(municipality);
      const born = birthDate(clock.today(), p.age, p.serial);
      const pn = personalNumber(born, p.serial);
      await em.query(
        `INSERT INTO young_person (id, personal_number, birth_date, given_name, family_name, home_municipality_code,
           street_address, postal_code, city, phone, protected_identity)
         VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (personal_number) WHERE NOT is_possible_duplicate DO NOTHING`,
        [
          p.id ?? null,
          pn,
          born,
          p.givenName,
          p.familyName,
          municipality,
          `Testgatan ${p.serial - 390}`,
          municipality === '1287' ? '231 42' : '211 20',
          municipality === '1287' ? 'Trelleborg' : 'Malmö',
          `070-000 0${p.serial}`,
          p.protectedIdentity ?? false,
        ],
      );
      const [{ id }] = await em.query(`SELECT id FROM young_person WHERE personal_number = $1`, [
        pn,
      ]);
      const open: unknown[] = await em.query(
        `SELECT 1 FROM kaa_period WHERE young_person_id = $1 AND municipality_code = $2`,
        [id, municipality],
      );
      if (open.length > 0) continue; // loaded before (e.g. by another step): leave as is
      await em.query(
        `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason,
           responsible_user_id, next_follow_up_date, created_by)
         VALUES ($1, $2, (${daysAgo(p.entryDaysAgo)})::date, 'INTERRUPTED_STUDIES',
           ${p.exitDaysAgo !== undefined ? `(${daysAgo(p.exitDaysAgo)})::date` : 'NULL'},
           ${p.exitDaysAgo !== undefined ? `'STARTED_STUDIES'` : 'NULL'},
           $3, ${p.followUpInDays == null ? 'NULL' : `app_today() + ${p.followUpInDays}`}, $4)`,
        [id, municipality, p.responsible === false ? null : by, by],
      );
      if (p.occupation) {
        await em.query(
          `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source, recorded_by)
           VALUES ($1, $2, $3, app_today() - 10, 'YOUNG_PERSON', $4)`,
          [id, municipality, p.occupation, by],
        );
      }
      if (p.guardianDeclinedDaysAgo !== undefined) {
        await em.query(
          `INSERT INTO guardian (young_person_id, name, phone, declined_contact, declined_contact_at)
           VALUES ($1, 'Vårdnadshavare ' || $2, '070-111 22 33', true, ${daysAgo(p.guardianDeclinedDaysAgo)})`,
          [id, p.familyName],
        );
      }
      for (const [ago, channel, outcome, direction] of p.contacts ?? []) {
        await em.query(
          `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
           VALUES ($1, $2, $3, $4, ${daysAgo(ago)}, $5, $6)`,
          [id, municipality, channel, direction ?? 'OUTBOUND', by, outcome],
        );
      }
      if (p.inRound) roundIds.push(id);
    }
    const by = coordinatorOf('1287');
    if (roundIds.length > 0 && by) {
      const [round] = await em.query(
        `INSERT INTO outreach_round (municipality_code, channel, direction, outcome, occurred_at, note, recipient_count, created_by)
         VALUES ('1287', 'LETTER', 'OUTBOUND', 'NO_RESPONSE', ${daysAgo(ROUND_DAYS_AGO)}, 'Vårbrev till KAA-ungdomar', $1, $2)
         RETURNING id`,
        [roundIds.length, by],
      );
      await em.query(
        `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome, note, outreach_round_id)
         SELECT unnest($1::uuid[]), '1287', 'LETTER', 'OUTBOUND', ${daysAgo(ROUND_DAYS_AGO)}, $2, 'NO_RESPONSE', 'Vårbrev till KAA-ungdomar', $3`,
        [roundIds, by, round.id],
      );
    }
  },
};
