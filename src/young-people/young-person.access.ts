import { createMongoAbility, subject as asSubject } from '@casl/ability';
import { DataSource, EntityManager } from 'typeorm';
import { Action, AppAbility } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { ALL_YOUNG_PERSON_FIELDS, KAA_PERSON, YOUNG_PERSON } from './young-person-fields';
import { YoungPersonEntity } from './young-person.entity';

/** Positional parameters for hand-written SQL; generated SQL is embedded with its $n renumbered. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  embed(sql: string, params: unknown[]): string {
    const offset = this.values.length;
    this.values.push(...params);
    return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}

type Db = DataSource | EntityManager;

/**
 * `SELECT id FROM young_person WHERE <the ability's rules>` for embedding as
 * `yp.id IN (...)`: the row scope of the YoungPerson subject, to which every contributor
 * (KAA statute, school enrolment, consent, cases) adds its rows. null: nothing allowed.
 */
export function scopedYoungPersonIds(
  db: Db,
  ability: AppAbility,
  action: Action,
  params: SqlParams,
  subjectName: string = YOUNG_PERSON,
  alias = 'scope_yp',
): string | null {
  const qb = db.getRepository(YoungPersonEntity).createQueryBuilder(alias).select(`${alias}.id`);
  if (!applyAbilityScope(qb, ability, action, subjectName)) return null;
  const [sql, values] = qb.getQueryAndParameters();
  return params.embed(sql, values);
}

/**
 * The rows on which one field is readable: the rules that mention the field (or no field),
 * with their field lists dropped, so a field-level `cannot` (protected identity) becomes a
 * row condition. Used so that searching never matches a value the caller may not see.
 */
export function fieldScopedYoungPersonIds(
  db: Db,
  ability: AppAbility,
  field: string,
  params: SqlParams,
  alias: string,
): string | null {
  const rules = ability
    .rulesFor(Action.Read, YOUNG_PERSON, field)
    .slice()
    .reverse()
    .map((r) => ({ ...r.origin, fields: undefined }));
  const fieldAbility = createMongoAbility(rules) as AppAbility;
  return scopedYoungPersonIds(db, fieldAbility, Action.Read, params, YOUNG_PERSON, alias);
}

/** The facts the field rules look at; anything else is not needed for the decision. */
export interface PersonAccessFacts {
  id: string;
  homeMunicipalityCode: string;
  protectedIdentity: boolean;
}

/** Field permissions for one row, decided by the ability (CASL field rules). */
export function readableFields(ability: AppAbility, row: PersonAccessFacts): Set<string> {
  const facts = {
    id: row.id,
    homeMunicipalityCode: row.homeMunicipalityCode,
    protectedIdentity: row.protectedIdentity,
  };
  const person = asSubject(YOUNG_PERSON, { ...facts });
  const readable = new Set(
    ALL_YOUNG_PERSON_FIELDS.filter((f) => ability.can(Action.Read, person, f)),
  );
  // The register view (KAA period, occupation, contacts) is a separate subject.
  if (ability.can(Action.Read, asSubject(KAA_PERSON, { ...facts }))) readable.add('kaa');
  return readable;
}
