import { addDays } from '../../src/core/clock/stockholm-calendar';
import { birthDateTurning, testClock } from '../support/clock';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { TestApp } from '../support/test-app';

let serial = 100;

/** ISO date `days` from today (negative = past). */
export function day(days: number): string {
  return addDays(testClock.today(), days);
}

/** Birth date of someone who turned `age` about `daysPast` days ago. */
export function birthDateForAge(age: number, daysPast = 180): string {
  return birthDateTurning(age, daysPast);
}

/** A valid personnummer for a birth date, in 12-digit and YYMMDD-NNNN forms. */
export function personalNumberFor(birthDate: string, nextSerial = serial++) {
  const compact = birthDate.replace(/-/g, '');
  const yymmdd = compact.slice(2);
  const s = String(nextSerial % 1000).padStart(3, '0');
  const check = luhnCheckDigit(yymmdd + s);
  return { twelve: `${compact}${s}${check}`, dashed: `${yymmdd}-${s}${check}` };
}

export interface PersonOpts {
  municipality?: string;
  age?: number;
  birthDate?: string;
  givenName?: string;
  familyName?: string;
  protectedIdentity?: boolean;
  contact?: boolean;
}

export async function insertPerson(t: TestApp, o: PersonOpts = {}): Promise<string> {
  const birthDate = o.birthDate ?? birthDateForAge(o.age ?? 17);
  const contact = o.contact ?? true;
  const { rows } = await t.db.query(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
       street_address, postal_code, city, phone, email, protected_identity)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [
      personalNumberFor(birthDate).twelve,
      birthDate,
      o.givenName ?? 'Test',
      o.familyName ?? `Person${serial}`,
      o.municipality ?? '1287',
      contact ? 'Hemligvägen 7' : null,
      contact ? '231 42' : null,
      contact ? 'Trelleborg' : null,
      contact ? '0701234567' : null,
      contact ? 'hidden@example.se' : null,
      o.protectedIdentity ?? false,
    ],
  );
  return rows[0].id;
}

export async function insertPeriod(
  t: TestApp,
  youngPersonId: string,
  o: { municipality?: string; entryDate?: string; exitDate?: string; exitReason?: string } = {},
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason)
     VALUES ($1,$2,$3,'INTERRUPTED_STUDIES',$4,$5) RETURNING id`,
    [
      youngPersonId,
      o.municipality ?? '1287',
      o.entryDate ?? day(-30),
      o.exitDate ?? null,
      o.exitReason ?? null,
    ],
  );
  return rows[0].id;
}

export async function insertOccupation(
  t: TestApp,
  youngPersonId: string,
  category: string,
  validFrom = day(-10),
  municipality = '1287',
) {
  await t.db.query(
    `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
     VALUES ($1,$2,$3,$4,'YOUNG_PERSON')`,
    [youngPersonId, municipality, category, validFrom],
  );
}

export async function insertContact(t: TestApp, youngPersonId: string, at: string) {
  await t.db.query(
    `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, outcome)
     VALUES ($1,'1287','LETTER','OUTBOUND',$2,'NO_RESPONSE')`,
    [youngPersonId, at],
  );
}

export async function insertSchooling(
  t: TestApp,
  youngPersonId: string,
  o: { type: string; status: string; code?: string; school?: string; start?: string; end?: string },
) {
  await t.db.query(
    `INSERT INTO schooling (young_person_id, school_name, programme_code, programme_type, start_date, end_date, status)
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [
      youngPersonId,
      o.school ?? 'Söderslättsgymnasiet',
      o.code ?? (o.type === 'NATIONAL' ? 'EK' : o.type === 'INTRODUCTION' ? 'IMA' : 'GR'),
      o.type,
      o.start ?? day(-800),
      o.status === 'ACTIVE' ? null : (o.end ?? day(-60)),
      o.status,
    ],
  );
}

/** Access-log rows written after `sinceId`. */
export async function logRowsSince(t: TestApp, sinceId: number) {
  const { rows } = await t.db.query(
    `SELECT action, subject_type, subject_ids, young_person_ids, legal_basis, actor_user_id
     FROM access_log WHERE id > $1 ORDER BY id`,
    [sinceId],
  );
  return rows as {
    action: string;
    subject_type: string;
    subject_ids: string[];
    young_person_ids: string[];
    legal_basis: string;
    actor_user_id: string;
  }[];
}

export async function lastLogId(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(`SELECT COALESCE(max(id), 0)::int AS id FROM access_log`);
  return rows[0].id;
}
