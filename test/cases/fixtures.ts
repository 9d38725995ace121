import { birthDateTurning } from '../support/clock';
import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../../src/young-people/personal-number';
import { TestApp } from '../support/test-app';

/** A valid personnummer for someone born `years` years and `days` days before today. */
export function personalNumberAged(years: number, days = 30): { pnr: string; birthDate: string } {
  const iso = birthDateTurning(years, days);
  const yymmdd = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const serial = String(randomInt(0, 1000)).padStart(3, '0');
  const pnr = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${serial}${luhnCheckDigit(yymmdd + serial)}`;
  return { pnr, birthDate: iso };
}

/** Inserts a young person born `years` (+ `days`) ago in the given home municipality. */
export async function createYoungPerson(
  t: TestApp,
  municipalityCode: string,
  years = 17,
  days = 30,
): Promise<string> {
  for (;;) {
    const { pnr, birthDate } = personalNumberAged(years, days);
    const { rows } = await t.db.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code, phone)
       VALUES ($1, $2, 'Test', 'Person', $3, '0700000000') ON CONFLICT DO NOTHING RETURNING id`,
      [pnr, birthDate, municipalityCode],
    );
    if (rows[0]) return rows[0].id;
  }
}

export interface ConsentFixture {
  youngPersonId: string;
  municipalityCode: string;
  documentedByUserId: string;
  documentedByOrganisationId: string;
  recipients: string[];
  categories: string[];
  givenBy?: string[];
  /** Offsets from now in days. */
  fromDays?: number;
  untilDays?: number;
  withdrawn?: boolean;
}

export async function insertConsent(t: TestApp, c: ConsentFixture): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
        documented_by_organisation_id, purpose, categories, valid_from, valid_until,
        withdrawn_at, withdrawn_by, withdrawal_recorded_by_user_id)
     VALUES ($1, $2, $3, 'WRITTEN', $4, $5, 'Samverkan', $6,
        app_now() + make_interval(days => $7), app_now() + make_interval(days => $8),
        CASE WHEN $9 THEN app_now() END, CASE WHEN $9 THEN 'YOUNG_PERSON' END, CASE WHEN $9 THEN $4::uuid END)
     RETURNING id`,
    [
      c.youngPersonId,
      c.municipalityCode,
      c.givenBy ?? ['YOUNG_PERSON'],
      c.documentedByUserId,
      c.documentedByOrganisationId,
      c.categories,
      c.fromDays ?? -10,
      c.untilDays ?? 180,
      c.withdrawn ?? false,
    ],
  );
  await t.db.query(
    `INSERT INTO consent_recipient (consent_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
    [rows[0].id, c.recipients],
  );
  return rows[0].id;
}

export async function insertCase(
  t: TestApp,
  c: {
    youngPersonId: string;
    municipalityCode: string;
    leadOrganisationId: string;
    leadUserId: string;
    participants?: string[];
  },
): Promise<string> {
  const { rows } = await t.db.query(
    `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
     VALUES ($1, $2, $3, $4, 'Samverkan', $4) RETURNING id`,
    [c.youngPersonId, c.municipalityCode, c.leadOrganisationId, c.leadUserId],
  );
  await t.db.query(
    `INSERT INTO case_participant (case_id, organisation_id, role)
     SELECT $1::uuid, $2::uuid, 'LEAD' UNION ALL SELECT $1::uuid, unnest($3::uuid[]), 'PARTICIPANT'`,
    [rows[0].id, c.leadOrganisationId, c.participants ?? []],
  );
  return rows[0].id;
}

export async function insertNote(
  t: TestApp,
  n: {
    caseId: string;
    authorOrganisationId: string;
    authorUserId: string;
    category: string;
    body: string;
  },
): Promise<string> {
  const { rows } = await t.db.query(
    `WITH id AS (SELECT gen_random_uuid() AS id)
     INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, body)
     SELECT id.id, $1, id.id, 1, $2, $3, $4, $5 FROM id RETURNING id`,
    [n.caseId, n.authorOrganisationId, n.authorUserId, n.category, n.body],
  );
  return rows[0].id;
}
