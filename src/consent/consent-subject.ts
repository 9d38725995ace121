import { EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { NotFoundError } from '../core/errors/domain-error';

export interface PersonFacts {
  id: string;
  birthDate: string;
  homeMunicipalityCode: string;
}

/**
 * The young person a consent or case is about, if the actor may work with them
 * (authz.workable_person decides, in SQL). Otherwise NOT_FOUND, exactly as for an id
 * that does not exist. The actor is the request transaction's (its settings), so the
 * context is not needed; it stays in the signature for the callers.
 */
export async function requireWorkablePerson(
  em: EntityManager,
  _ctx: RequestContext,
  youngPersonId: string,
): Promise<PersonFacts> {
  const rows: { id: string; birth_date: string; home_municipality_code: string }[] = await em.query(
    `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, home_municipality_code
         FROM authz.workable_person($1)`,
    [youngPersonId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('Young person');
  return {
    id: row.id,
    birthDate: row.birth_date,
    homeMunicipalityCode: row.home_municipality_code,
  };
}
