import { DataSource } from 'typeorm';
import { Actor } from '../core/auth/actor';
import { Action, AppAbility, SubjectName } from '../core/authorization/actions';
import { isStatutoryYouthTeam } from '../core/authorization/statutory-youth-team';
import { SqlParams } from '../core/database/sql-params';
import { scopedYoungPersonIds } from '../young-people/young-person.access';

export { SqlParams };

/**
 * The young people of the caller's register, to embed as `young_person_id IN (...)`: the
 * residents of the municipality whose statutory youth team the caller is
 * (authz.youth_team_of; row-level security decides the rows, the municipality narrows on
 * an index). null when the caller keeps no register (skip the query).
 */
export function youthRegisterPeopleSql(actor: Actor): string | null {
  if (!isStatutoryYouthTeam(actor)) return null;
  return `SELECT scope_yp.id FROM young_person scope_yp
           WHERE scope_yp.home_municipality_code = authz.municipality_code()
             AND authz.youth_team_of(scope_yp.home_municipality_code)`;
}

/** An action's CASL conditions on the young person as SQL (young-person.access.ts). */
export function scopedYoungPersonIdsSql(
  ds: DataSource,
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  params: SqlParams,
  narrowedBy?: string,
): string | null {
  return scopedYoungPersonIds(
    ds,
    ability,
    action,
    params,
    subject as string,
    'scope_yp',
    narrowedBy,
  );
}
