import { addDays } from '../../src/core/clock/stockholm-calendar';
import { birthDateTurning, testClock } from '../support/clock';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { TestApp } from '../support/test-app';

let serial = 100;

/** ISO date `days` from today (negative = past), UTC like the database. */
export function day(days: number): string {
  return addDays(testClock.today(), days);
}

/** A valid 12-digit personnummer for a birth date. */
export function personalNumberFor(birthDate: string, nextSerial = serial++): string {
  const yymmdd = birthDate.replace(/-/g, '').slice(2);
  const s = String(nextSerial % 1000).padStart(3, '0');
  return `${birthDate.replace(/-/g, '').slice(0, 2)}${yymmdd}${s}${luhnCheckDigit(yymmdd + s)}`;
}

export interface PersonOpts {
  municipality?: string;
  age?: number;
  birthDate?: string;
  givenName?: string;
  familyName?: string;
  protectedIdentity?: boolean;
  address?: { street: string; postalCode: string; city: string; phone: string; email: string };
}

export async function createYoungPerson(t: TestApp, o: PersonOpts = {}): Promise<string> {
  const birthDate = o.birthDate ?? birthDateForAge(o.age ?? 17);
  const { rows } = await t.db.query(
    `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code,
       street_address, postal_code, city, phone, email, protected_identity)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
    [
      personalNumberFor(birthDate),
      birthDate,
      o.givenName ?? 'Test',
      o.familyName ?? `Person${serial}`,
      o.municipality ?? '1287',
      o.address?.street ?? null,
      o.address?.postalCode ?? null,
      o.address?.city ?? null,
      o.address?.phone ?? null,
      o.address?.email ?? null,
      o.protectedIdentity ?? false,
    ],
  );
  return rows[0].id;
}

/** Birth date of someone who turned `age` about half a year ago. */
export function birthDateForAge(age: number): string {
  return birthDateTurning(age, 180);
}

export interface PeriodOpts {
  municipality?: string;
  entryDate?: string;
  entryReason?: string;
  exitDate?: string | null;
  exitReason?: string | null;
  responsibleUserId?: string | null;
  nextFollowUpDate?: string | null;
}

export async function createPeriod(
  t: TestApp,
  youngPersonId: string,
  o: PeriodOpts = {},
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, exit_date, exit_reason,
       responsible_user_id, next_follow_up_date)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [
      youngPersonId,
      o.municipality ?? '1287',
      o.entryDate ?? day(-100),
      o.entryReason ?? 'INTERRUPTED_STUDIES',
      o.exitDate ?? null,
      o.exitReason ?? null,
      o.responsibleUserId ?? null,
      o.nextFollowUpDate ?? null,
    ],
  );
  return rows[0].id;
}

export async function addContact(
  t: TestApp,
  youngPersonId: string,
  channel: string,
  outcome: string,
  occurredAt: string,
  o: { municipality?: string; by?: string | null; direction?: string } = {},
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [
      youngPersonId,
      o.municipality ?? '1287',
      channel,
      o.direction ?? 'OUTBOUND',
      occurredAt,
      o.by ?? null,
      outcome,
    ],
  );
  return rows[0].id;
}

export async function addOccupation(
  t: TestApp,
  youngPersonId: string,
  category: string,
  validFrom: string,
  municipality = '1287',
): Promise<void> {
  await t.db.query(
    `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
     VALUES ($1,$2,$3,$4,'OTHER')`,
    [youngPersonId, municipality, category, validFrom],
  );
}

export async function addGuardian(
  t: TestApp,
  youngPersonId: string,
  declined: boolean,
  declinedAt: string | null = null,
): Promise<void> {
  await t.db.query(
    `INSERT INTO guardian (young_person_id, name, declined_contact, declined_contact_at) VALUES ($1,'Vårdnadshavare',$2,$3)`,
    [youngPersonId, declined, declinedAt],
  );
}
