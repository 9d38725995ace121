import { subject as asSubject } from '@casl/ability';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { NotFoundError } from '../core/errors/domain-error';
import { KAA_REGISTER } from '../young-people/young-person-fields';
import { LockedPerson, lockYoungPerson } from '../young-people/young-people.service';

/**
 * The young person for a new register record: visible for change to the caller and kept
 * in the caller's register (the home municipality's youth team). NOT_FOUND otherwise.
 */
export async function lockRegisterPerson(
  em: EntityManager,
  ctx: RequestContext,
  youngPersonId: string,
): Promise<LockedPerson> {
  const person = await lockYoungPerson(em, ctx, youngPersonId, Action.Update);
  const register = asSubject(KAA_REGISTER, { municipalityCode: person.homeMunicipalityCode });
  if (!ctx.ability.can(Action.Create, register)) throw new NotFoundError('Young person');
  return person;
}

/** An existing register row (period, measure, plan), locked, if in the caller's register. */
export async function lockRegisterRow<T extends ObjectLiteral>(
  em: EntityManager,
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: string,
  what: string,
): Promise<T> {
  const qb = em
    .getRepository(entity)
    .createQueryBuilder('r')
    .where('r.id = :rowId', { rowId: id })
    .setLock('pessimistic_write');
  if (!applyAbilityScope(qb, ctx.ability, Action.Update, KAA_REGISTER)) {
    throw new NotFoundError(what);
  }
  const row = await qb.getOne();
  if (!row) throw new NotFoundError(what);
  return row;
}
