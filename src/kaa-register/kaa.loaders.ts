import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { KAA_REGISTER } from '../young-people/young-person-fields';
import { KaaPlanEntity } from './kaa-plan.entity';
import { KaaPlanModel, KaaPlanVersionModel } from './models/kaa.models';

type Db = DataSource | EntityManager;

/**
 * Register rows of many young people in one statement, limited to the caller's register
 * (KaaRegister scope on the row's municipality), grouped by young person.
 */
export async function registerRowsByPerson<T extends ObjectLiteral & { youngPersonId: string }>(
  db: Db,
  ctx: RequestContext,
  entity: EntityTarget<T>,
  youngPersonIds: readonly string[],
  orderBy: Record<string, 'ASC' | 'DESC'>,
): Promise<Map<string, T[]>> {
  const byPerson = new Map<string, T[]>(youngPersonIds.map((id) => [id, []]));
  const qb = db
    .getRepository(entity)
    .createQueryBuilder('r')
    .where('r.youngPersonId IN (:...ids)', { ids: [...youngPersonIds] });
  if (!applyAbilityScope(qb, ctx.ability, Action.Read, KAA_REGISTER)) return byPerson;
  for (const [field, dir] of Object.entries(orderBy)) qb.addOrderBy(`r.${field}`, dir);
  for (const row of await qb.getMany()) byPerson.get(row.youngPersonId)?.push(row);
  return byPerson;
}

interface PlanRow {
  id: string;
  young_person_id: string;
  kaa_period_id: string;
  versions: (Omit<KaaPlanVersionModel, 'createdAt'> & { createdAt: string })[];
}

/**
 * Plans with every version and its responsibilities, in one statement. `ctx` applies the
 * caller's register scope; without it (inside a change that already checked it) none.
 */
export async function loadPlans(
  db: Db,
  keys: readonly string[],
  by: 'id' | 'young_person_id',
  ctx?: RequestContext,
): Promise<Map<string, KaaPlanModel[]>> {
  const result = new Map<string, KaaPlanModel[]>(keys.map((k) => [k, []]));
  let scope = 'TRUE';
  let params: unknown[] = [[...keys]];
  if (ctx) {
    const qb = db.getRepository(KaaPlanEntity).createQueryBuilder('sp').select('sp.id');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, KAA_REGISTER)) return result;
    const [sql, values] = qb.getQueryAndParameters();
    scope = `pl.id IN (${sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`)})`;
    params = [[...keys], ...values];
  }
  const rows: PlanRow[] = await db.query(
    `SELECT pl.id, pl.young_person_id, pl.kaa_period_id,
       (SELECT json_agg(json_build_object(
          'id', v.id, 'version', v.version, 'goal', v.goal, 'description', v.description,
          'nextFollowUpDate', to_char(v.next_follow_up_date, 'YYYY-MM-DD'),
          'revisionReason', v.revision_reason, 'createdBy', v.created_by, 'createdAt', v.created_at,
          'responsibilities', (SELECT COALESCE(json_agg(json_build_object(
              'party', r.party, 'actorName', r.actor_name, 'task', r.task,
              'followUpDate', to_char(r.follow_up_date, 'YYYY-MM-DD')) ORDER BY r.position), '[]'::json)
            FROM kaa_plan_responsibility r WHERE r.plan_version_id = v.id)
        ) ORDER BY v.version) FROM kaa_plan_version v WHERE v.plan_id = pl.id) AS versions
     FROM kaa_plan pl
     WHERE pl.${by} = ANY($1::uuid[]) AND ${scope}
     ORDER BY pl.created_at`,
    params,
  );
  for (const r of rows) {
    const versions = (r.versions ?? []).map((v) =>
      Object.assign(new KaaPlanVersionModel(), { ...v, createdAt: new Date(v.createdAt) }),
    );
    const model = Object.assign(new KaaPlanModel(), {
      id: r.id,
      youngPersonId: r.young_person_id,
      kaaPeriodId: r.kaa_period_id,
      versions,
      current: versions[versions.length - 1],
    });
    result.get(by === 'id' ? r.id : r.young_person_id)?.push(model);
  }
  return result;
}
