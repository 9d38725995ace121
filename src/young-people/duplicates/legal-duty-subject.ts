import { EntityManager } from 'typeorm';

/** The person a legal duty reaches, and the tenant that receives it. */
export interface LegalDutySubject {
  id: string;
  homeMunicipalityCode: string;
}

/**
 * Legal duties are never blocked (DESIGN §4, §5): a notice or concern report about a
 * possible duplicate goes to the existing person it duplicates, so the receiver finds it
 * under the person it knows. null when the record is not a possible duplicate. The sender
 * is never told: callers keep its own record in the reported_* columns for its view.
 */
export async function legalDutySubject(
  em: EntityManager,
  youngPersonId: string,
): Promise<LegalDutySubject | null> {
  const rows: { id: string | null; home: string | null }[] = await em.query(
    `SELECT e.id, existing_person_home(e.id) AS home
       FROM young_person yp CROSS JOIN LATERAL (SELECT existing_person_id(yp.personal_number) AS id) e
      WHERE yp.id = $1 AND yp.is_possible_duplicate`,
    [youngPersonId],
  );
  const r = rows[0];
  return r?.id && r.home ? { id: r.id, homeMunicipalityCode: r.home } : null;
}

/** The existing person a new record duplicates (registerPerson's duplicateOf), as a duty's receiver. */
export async function existingPersonSubject(
  em: EntityManager,
  existingId: string,
): Promise<LegalDutySubject | null> {
  const [{ home }]: { home: string | null }[] = await em.query(
    `SELECT existing_person_home($1) AS home`,
    [existingId],
  );
  return home ? { id: existingId, homeMunicipalityCode: home } : null;
}
