import { DataSource, EntityManager } from 'typeorm';
import { LegalBasis } from '../audit/access-log-entry';
import { Action, AppAbility } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { SqlParams } from '../core/database/sql-params';
import {
  CONTACT_FIELDS,
  IDENTITY_FIELDS,
  RELATION_FIELDS,
  YOUNG_PERSON,
} from './young-person-fields';
import { YoungPersonEntity } from './young-person.entity';

export { SqlParams };

type Db = DataSource | EntityManager;

/**
 * `SELECT id FROM young_person WHERE <the ability's rules>` for embedding as
 * `yp.id IN (...)`: the young people an ACTION's conditions allow (e.g. the youth team's
 * changes in its home municipality). Reads do not need it: row-level security decides
 * rows. null: nothing allowed. `narrowedBy` (SQL on the alias, e.g. a correlation) keeps
 * the set to what the embedding statement looks for, so the planner probes an index for it
 * whatever the table's statistics say (a first import into an empty register has none).
 */
export function scopedYoungPersonIds(
  db: Db,
  ability: AppAbility,
  action: Action,
  params: SqlParams,
  subjectName: string = YOUNG_PERSON,
  alias = 'scope_yp',
  narrowedBy?: string,
): string | null {
  const qb = db.getRepository(YoungPersonEntity).createQueryBuilder(alias).select(`${alias}.id`);
  if (!applyAbilityScope(qb, ability, action, subjectName)) return null;
  if (narrowedBy) qb.andWhere(narrowedBy);
  const [sql, values] = qb.getQueryAndParameters();
  return params.embed(sql, values);
}

/** What authz.person_row_access decided for the caller and one person. */
export interface PersonDecision {
  identity: boolean;
  contact: boolean;
  kaa: boolean;
}

/** The legal basis of a read or change and the consents it rests on (for the access log). */
export interface PersonBasis {
  basis: LegalBasis | null;
  consentIds: string[];
}

/**
 * The API fields a decision opens: identity with the guardians' names and the schooling
 * (their rows follow the person, row-policies.sql.ts); contact and address with the
 * guardians' contact; 'kaa' for the register view (period, occupation, contacts). A consent
 * for CONTACT only on a protected identity opens the id alone.
 */
export function readableFields(d: PersonDecision): Set<string> {
  // The row came back, so the caller has a basis for part of it: its id at least.
  const readable = new Set<string>(['id']);
  if (d.identity) [...IDENTITY_FIELDS, ...RELATION_FIELDS].forEach((f) => readable.add(f));
  if (d.contact) CONTACT_FIELDS.forEach((f) => readable.add(f));
  if (d.kaa) readable.add('kaa');
  return readable;
}
