import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { ConflictError } from '../../core/errors/domain-error';

/** A young person as the caller describes them; the columns of young_person. */
export interface NewPerson {
  personalNumber: string;
  coordinationNumber: boolean;
  birthDate: string;
  givenName: string;
  familyName: string;
  homeMunicipalityCode: string;
  streetAddress?: string | null;
  postalCode?: string | null;
  city?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredLanguage?: string | null;
  protectedIdentity?: boolean;
}

/**
 * `VISIBLE`: the caller already sees a record with this personnummer (reusing it or
 * answering CONFLICT reveals nothing new). `CREATED`: a record was made from what the
 * caller gave, whether or not the number exists elsewhere; the caller cannot tell which.
 */
export interface Registration {
  outcome: 'VISIBLE' | 'CREATED';
  id: string;
  /**
   * The existing person a CREATED record may duplicate: for routing a legal duty
   * (legal-duty-subject.ts) only, never for an answer.
   */
  duplicateOf: string | null;
}

/**
 * Registers a personnummer without an existence oracle (DESIGN §6). The register is
 * consulted through existing_person_id(), which sees past row-level security; when it
 * names a person the caller may not see, the new record is a possible duplicate linked to
 * it for the youth team of that person's home municipality. Its id never leaves here.
 */
export async function registerPerson(
  em: EntityManager,
  ctx: RequestContext,
  person: NewPerson,
): Promise<Registration> {
  const visible = await visibleRecord(em, person.personalNumber);
  if (visible) return { outcome: 'VISIBLE', id: visible, duplicateOf: null };
  const [{ existing }]: { existing: string | null }[] = await em.query(
    `SELECT existing_person_id($1) AS existing`,
    [person.personalNumber],
  );
  const id = randomUUID();
  await insertPerson(em, id, person, existing !== null);
  // Run for a new number too (it links nothing), so both answers cost the same statements.
  await linkPossibleDuplicates(em, ctx, [{ duplicateId: id, existingId: existing }]);
  return { outcome: 'CREATED', id, duplicateOf: existing };
}

/**
 * A record's personnummer is corrected (before the UPDATE): as for a registration, a
 * number on another record the caller sees is a CONFLICT, and a number held elsewhere
 * makes this record a possible duplicate of that person, for its youth team, without the
 * answer telling. Both paths send the same statements.
 */
export async function renumberPerson(
  em: EntityManager,
  ctx: RequestContext,
  id: string,
  personalNumber: string,
): Promise<void> {
  if (await visibleRecord(em, personalNumber, id)) {
    throw new ConflictError('A young person with this personnummer is already registered', {
      field: 'personalNumber',
    });
  }
  const [{ existing }]: { existing: string | null }[] = await em.query(
    `SELECT nullif(existing_person_id($1), $2::uuid) AS existing`,
    [personalNumber, id],
  );
  await em.query(
    `UPDATE young_person SET is_possible_duplicate = is_possible_duplicate OR $2 WHERE id = $1`,
    [id, existing !== null],
  );
  await linkPossibleDuplicates(em, ctx, [{ duplicateId: id, existingId: existing }]);
}

/**
 * A record with this number the caller may read, the register's own record first. Row-level
 * security decides which rows the caller sees (DESIGN §6a: e.g. the home youth team, a
 * school where the person is enrolled now); the query adds no rule of its own.
 */
async function visibleRecord(
  em: EntityManager,
  personalNumber: string,
  except: string | null = null,
): Promise<string | null> {
  const rows: { id: string }[] = await em.query(
    `SELECT yp.id FROM young_person yp WHERE yp.personal_number = $1 AND yp.id IS DISTINCT FROM $2
      ORDER BY yp.is_possible_duplicate, yp.created_at LIMIT 1`,
    [personalNumber, except],
  );
  return rows[0]?.id ?? null;
}

/**
 * No RETURNING and no ON CONFLICT: both need the new row to be readable, and the caller
 * may not see what it adds (a school before the enrolment, a concern report's sender).
 */
async function insertPerson(
  em: EntityManager,
  id: string,
  n: NewPerson,
  possibleDuplicate: boolean,
): Promise<void> {
  try {
    await em.query(
      `INSERT INTO young_person (id, personal_number, coordination_number, birth_date, given_name, family_name,
         home_municipality_code, street_address, postal_code, city, phone, email, preferred_language,
         protected_identity, is_possible_duplicate)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [
        id,
        n.personalNumber,
        n.coordinationNumber,
        n.birthDate,
        n.givenName,
        n.familyName,
        n.homeMunicipalityCode,
        n.streetAddress ?? null,
        n.postalCode ?? null,
        n.city ?? null,
        n.phone ?? null,
        n.email ?? null,
        n.preferredLanguage ?? null,
        n.protectedIdentity ?? false,
        possibleDuplicate,
      ],
    );
  } catch (e) {
    // Registered by someone else between the lookup and the insert.
    if ((e as { code?: string }).code === '23505')
      throw new ConflictError('The personnummer was registered at the same time; try again', {
        field: 'personalNumber',
      });
    throw e;
  }
}

/**
 * Links new records to the existing people they may duplicate, for the youth team of the
 * existing person's home municipality (looked up past the caller's scope).
 */
export async function linkPossibleDuplicates(
  em: EntityManager,
  ctx: RequestContext,
  links: { duplicateId: string; existingId: string | null }[],
): Promise<void> {
  if (links.length === 0) return;
  await em.query(
    `INSERT INTO possible_duplicate (duplicate_id, existing_id, municipality_code, created_by_organisation_id)
     SELECT l.duplicate_id, l.existing_id, existing_person_home(l.existing_id), $3
       FROM unnest($1::uuid[], $2::uuid[]) AS l(duplicate_id, existing_id)
      WHERE l.existing_id IS NOT NULL`,
    [links.map((l) => l.duplicateId), links.map((l) => l.existingId), ctx.actor.organisationId],
  );
}
