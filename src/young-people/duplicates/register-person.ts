import { EntityManager } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { ConflictError } from '../../core/errors/domain-error';
import { scopedYoungPersonIds, SqlParams } from '../young-person.access';

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
export type Registration = { outcome: 'VISIBLE' | 'CREATED'; id: string };

/**
 * Registers a personnummer without an existence oracle (DESIGN §6). The register is
 * consulted through existing_person_id(), which sees past the caller's row scope; when it
 * names a person the caller may not see, the new record is a possible duplicate linked to
 * it for the youth team of that person's home municipality. Its id never leaves here.
 */
export async function registerPerson(
  em: EntityManager,
  ctx: RequestContext,
  person: NewPerson,
): Promise<Registration> {
  const visible = await visibleRecord(em, ctx, person.personalNumber);
  if (visible) return { outcome: 'VISIBLE', id: visible };
  const [{ existing }]: { existing: string | null }[] = await em.query(
    `SELECT existing_person_id($1) AS existing`,
    [person.personalNumber],
  );
  const id = await insertPerson(em, person, existing !== null);
  if (!id) {
    // Registered by someone else between the lookup and the insert.
    throw new ConflictError('The personnummer was registered at the same time; try again', {
      field: 'personalNumber',
    });
  }
  if (existing) await linkPossibleDuplicates(em, ctx, [{ duplicateId: id, existingId: existing }]);
  return { outcome: 'CREATED', id };
}

/**
 * A record with this number the caller may read (its row scope, or, for a school, an
 * active enrolment there: DESIGN §6a); the register's own record first.
 */
async function visibleRecord(
  em: EntityManager,
  ctx: RequestContext,
  personalNumber: string,
): Promise<string | null> {
  const p = new SqlParams();
  const scope = scopedYoungPersonIds(em, ctx.ability, Action.Read, p);
  const enrolled = `EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
      AND s.school_organisation_id = ${p.add(ctx.actor.organisationId)} AND s.status = 'ACTIVE')`;
  const rows: { id: string }[] = await em.query(
    `SELECT yp.id FROM young_person yp
      WHERE yp.personal_number = ${p.add(personalNumber)}
        AND (${enrolled}${scope ? ` OR yp.id IN (${scope})` : ''})
      ORDER BY yp.is_possible_duplicate, yp.created_at LIMIT 1`,
    p.values,
  );
  return rows[0]?.id ?? null;
}

async function insertPerson(
  em: EntityManager,
  n: NewPerson,
  possibleDuplicate: boolean,
): Promise<string | null> {
  const rows: { id: string }[] = await em.query(
    `INSERT INTO young_person (personal_number, coordination_number, birth_date, given_name, family_name,
       home_municipality_code, street_address, postal_code, city, phone, email, preferred_language,
       protected_identity, is_possible_duplicate)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
     ON CONFLICT (personal_number) WHERE NOT is_possible_duplicate DO NOTHING RETURNING id`,
    [
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
  return rows[0]?.id ?? null;
}

/**
 * Links new records to the existing people they may duplicate, for the youth team of the
 * existing person's home municipality (looked up past the caller's scope).
 */
export async function linkPossibleDuplicates(
  em: EntityManager,
  ctx: RequestContext,
  links: { duplicateId: string; existingId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await em.query(
    `INSERT INTO possible_duplicate (duplicate_id, existing_id, municipality_code, created_by_organisation_id)
     SELECT l.duplicate_id, l.existing_id, existing_person_home(l.existing_id), $3
       FROM unnest($1::uuid[], $2::uuid[]) AS l(duplicate_id, existing_id)`,
    [links.map((l) => l.duplicateId), links.map((l) => l.existingId), ctx.actor.organisationId],
  );
}
