import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { KaaPlanModel, KaaPlanVersionModel } from './models/kaa.models';

type Db = DataSource | EntityManager;

/**
 * Register rows of many young people in one statement, grouped by young person. Row-level
 * security keeps them to the caller's register (authz.youth_team_of(municipality_code)).
 */
export async function registerRowsByPerson<T extends ObjectLiteral & { youngPersonId: string }>(
  db: Db,
  entity: EntityTarget<T>,
  youngPersonIds: readonly string[],
  orderBy: Record<string, 'ASC' | 'DESC'>,
): Promise<Map<string, T[]>> {
  const byPerson = new Map<string, T[]>(youngPersonIds.map((id) => [id, []]));
  const qb = db
    .getRepository(entity)
    .createQueryBuilder('r')
    .where('r.youngPersonId IN (:...ids)', { ids: [...youngPersonIds] });
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
 * Plans with every version and its responsibilities, in one statement; row-level security
 * keeps them to the caller's register.
 */
export async function loadPlans(
  db: Db,
  keys: readonly string[],
  by: 'id' | 'young_person_id',
): Promise<Map<string, KaaPlanModel[]>> {
  const result = new Map<string, KaaPlanModel[]>(keys.map((k) => [k, []]));
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
     WHERE pl.${by} = ANY($1::uuid[])
     ORDER BY pl.created_at`,
    [[...keys]],
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
