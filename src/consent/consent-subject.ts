import { EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { NotFoundError } from '../core/errors/domain-error';
import { OrganisationKind } from '../identity/role.enum';
import { YoungPersonEntity } from '../young-people/young-person.entity';

export interface PersonFacts {
  id: string;
  birthDate: string;
  homeMunicipalityCode: string;
}

/**
 * The young person a consent or case is about, if the actor may work with them: the
 * youth team of the home municipality (statutory KAA duty), an organisation already in a
 * case about them, or one whose YoungPerson scope includes them. Otherwise NOT_FOUND.
 */
export async function requireWorkablePerson(
  em: EntityManager,
  ctx: RequestContext,
  youngPersonId: string,
): Promise<PersonFacts> {
  const rows: {
    id: string;
    birth_date: string;
    home_municipality_code: string;
    member: boolean;
  }[] = await em.query(
    `SELECT yp.id, to_char(yp.birth_date, 'YYYY-MM-DD') AS birth_date, yp.home_municipality_code,
              EXISTS (SELECT 1 FROM joint_case c LEFT JOIN case_participant p ON p.case_id = c.id
                       WHERE c.young_person_id = yp.id
                         AND (c.lead_organisation_id = $2 OR p.organisation_id = $2)) AS member
         FROM young_person yp WHERE yp.id = $1`,
    [youngPersonId, ctx.actor.organisationId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('Young person');
  const statutory =
    ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
    row.home_municipality_code === ctx.actor.municipalityCode;
  if (!statutory && !row.member) {
    const qb = em
      .getRepository(YoungPersonEntity)
      .createQueryBuilder('yp')
      .where('yp.id = :id', { id: youngPersonId });
    const visible = applyAbilityScope(qb, ctx.ability, Action.Read, 'YoungPerson')
      ? await qb.getExists()
      : false;
    if (!visible) throw new NotFoundError('Young person');
  }
  return {
    id: row.id,
    birthDate: row.birth_date,
    homeMunicipalityCode: row.home_municipality_code,
  };
}
