import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { PortalRequest } from '../core/auth/request-context';
import { requestLoader } from '../core/graphql/request-loader';
import { YoungPersonModel } from '../young-people/models/young-person.model';
import { KaaClosureEntity } from './kaa-closure.entity';
import { KaaMeasureEntity } from './kaa-measure.entity';
import { KaaPeriodEntity } from './kaa-period.entity';
import { toClosureModel, toMeasureModel, toPeriodModel } from './kaa.mappers';
import { loadPlans, registerRowsByPerson } from './kaa.loaders';
import {
  KaaClosureModel,
  KaaMeasureModel,
  KaaPeriodModel,
  KaaPlanModel,
} from './models/kaa.models';
import { OccupationModel } from './models/occupation.model';
import { OccupationEntity } from './occupation.entity';

const ONLY = 'null outside the home municipality’s youth team';

/**
 * The register view of a young person. Each field is one batched statement per request,
 * limited to the caller's register; the person's own read entry in the access log covers it.
 */
@Resolver(() => YoungPersonModel)
export class KaaPersonFieldsResolver {
  constructor(private readonly ds: DataSource) {}

  @ResolveField(() => [KaaPeriodModel], {
    nullable: true,
    description: `Register periods, newest first; ${ONLY}`,
  })
  kaaPeriods(
    @Parent() p: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ) {
    return this.rows(p, req, KaaPeriodEntity, { entryDate: 'DESC' }, toPeriodModel);
  }

  @ResolveField(() => [OccupationModel], {
    nullable: true,
    description: `The occupation timeline, newest first; ${ONLY}`,
  })
  occupations(
    @Parent() p: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ) {
    return this.rows(
      p,
      req,
      OccupationEntity,
      { validFrom: 'DESC', recordedAt: 'DESC' },
      (o) => OccupationModel.from(o),
    );
  }

  @ResolveField(() => [KaaMeasureModel], {
    nullable: true,
    description: `Measures, newest first; ${ONLY}`,
  })
  measures(
    @Parent() p: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ) {
    return this.rows(
      p,
      req,
      KaaMeasureEntity,
      { offeredOn: 'DESC', createdAt: 'DESC' },
      toMeasureModel,
    );
  }

  @ResolveField(() => [KaaClosureModel], {
    nullable: true,
    description: `Closures (avslut); ${ONLY}`,
  })
  kaaClosures(
    @Parent() p: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ) {
    return this.rows(p, req, KaaClosureEntity, { closedOn: 'DESC' }, toClosureModel);
  }

  @ResolveField(() => [KaaPlanModel], {
    nullable: true,
    description: `Individual plans (one per register period) with every version; ${ONLY}`,
  })
  async kaaPlans(
    @Parent() p: YoungPersonModel,
    @Context('req') req: PortalRequest,
  ) {
    if (!p.readable?.has('kaa')) return null;
    const plans = await requestLoader(req, 'kaaPlansByPerson', (ids) =>
      loadPlans(this.ds, ids, 'young_person_id'),
    ).load(p.id);
    return plans ?? [];
  }

  private async rows<T extends ObjectLiteral & { youngPersonId: string }, M>(
    p: YoungPersonModel,
    req: PortalRequest,
    entity: EntityTarget<T>,
    order: Record<string, 'ASC' | 'DESC'>,
    map: (row: T) => M,
  ): Promise<M[] | null> {
    if (!p.readable?.has('kaa')) return null;
    const name = `kaa:${typeof entity === 'function' ? entity.name : String(entity)}`;
    const rows = await requestLoader(req, name, (ids) =>
      registerRowsByPerson(this.ds, entity, ids, order),
    ).load(p.id);
    return (rows ?? []).map(map);
  }
}
