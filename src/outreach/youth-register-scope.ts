import { DataSource } from 'typeorm';
import { Action, AppAbility, SubjectName } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { YoungPersonEntity } from '../young-people/young-person.entity';

/**
 * Positional parameters for hand-written SQL; other generated SQL can be embedded with
 * its own $n renumbered.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Embeds SQL that uses $1..$k for its own parameters. */
  embed(sql: string, params: unknown[]): string {
    const offset = this.values.length;
    this.values.push(...params);
    return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}

/**
 * The outreach subjects (contacts, work list, import, SCB extract) are all about the
 * young people of the caller's register, so their ability rules are conditions on the
 * young person (YoungPersonEntity property names, e.g. homeMunicipalityCode). This
 * turns them into `SELECT id FROM young_person WHERE <rules>` to embed as
 * `young_person_id IN (...)`; null when nothing is allowed (skip the query).
 */
export function scopedYoungPersonIdsSql(
  ds: DataSource,
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  params: SqlParams,
): string | null {
  const qb = ds
    .getRepository(YoungPersonEntity)
    .createQueryBuilder('scope_yp')
    .select('scope_yp.id');
  if (!applyAbilityScope(qb, ability, action, subject)) return null;
  const [sql, values] = qb.getQueryAndParameters();
  return params.embed(sql, values);
}
