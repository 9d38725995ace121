import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { OrganisationEntity } from '../identity/organisation.entity';
import { OrganisationKind } from '../identity/role.enum';
import { ActivityAttendanceEntity, ActivityEntity } from './activity.entity';
import { ActivitiesArgs, AttendanceInput, CreateActivityInput } from './dto/activity.inputs';
import { ActivityModel, AttendanceModel } from './models/activity.model';
import { Clock } from '../core/clock/clock';

/** Group activities and their attendance counts (no personal data, so no access log). */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, args: ActivitiesArgs): Promise<Page<ActivityModel>> {
    const qb = this.ds.getRepository(ActivityEntity).createQueryBuilder('a');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'Activity'))
      return toPage([], 0, 0, () => []);
    if (args.from) qb.andWhere('a.starts_at >= :from', { from: args.from });
    if (args.to) qb.andWhere('a.starts_at < :to', { to: args.to });
    if (args.kind) qb.andWhere('a.kind = :kind', { kind: args.kind });
    if (args.hostOrganisationId)
      qb.andWhere('a.host_organisation_id = :host', { host: args.hostOrganisationId });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [startsAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(a.starts_at, a.id) > (:startsAt, :id)', { startsAt, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('a.starts_at')
      .addOrderBy('a.id')
      .take(size + 1)
      .getMany();
    return toPage(rows.map(ActivityModel.from), size, total, (a) => [
      a.startsAt.toISOString(),
      a.id,
    ]);
  }

  async create(ctx: RequestContext, input: CreateActivityInput): Promise<ActivityModel> {
    this.assertTimes(input.startsAt, input.endsAt, input.ageMin ?? 15, input.ageMax ?? 25);
    // An association always hosts its own activities; the youth team may name any host.
    const hostOrganisationId =
      ctx.actor.organisationKind === OrganisationKind.ASSOCIATION
        ? ctx.actor.organisationId
        : (input.hostOrganisationId ?? null);
    const candidate = { municipalityCode: ctx.actor.municipalityCode, hostOrganisationId };
    if (!ctx.ability.can(Action.Create, subject('Activity', candidate)))
      throw new NotFoundError('Organisation');
    if (hostOrganisationId)
      await this.assertHostInMunicipality(hostOrganisationId, ctx.actor.municipalityCode);
    const saved = await this.ds.getRepository(ActivityEntity).save({
      ...candidate,
      kind: input.kind,
      title: input.title.trim(),
      place: input.place?.trim() || null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      ageMin: input.ageMin ?? 15,
      ageMax: input.ageMax ?? 25,
      createdBy: ctx.actor.userId,
    });
    return ActivityModel.from(saved);
  }

  async cancel(ctx: RequestContext, id: string): Promise<ActivityModel> {
    const activity = await this.findForUpdate(this.ds.manager, ctx, id);
    activity.cancelledAt ??= this.clock.now();
    return ActivityModel.from(await this.ds.getRepository(ActivityEntity).save(activity));
  }

  /** Records (or corrects) the head counts of an activity that has started. */
  async reportAttendance(
    ctx: RequestContext,
    activityId: string,
    input: AttendanceInput,
  ): Promise<AttendanceModel> {
    const bands = input.age15to17 + input.age18to20 + input.age21to25;
    if (bands > input.total) throw new BadInputError('The age bands add up to more than the total');
    if (input.firstTimers > input.total)
      throw new BadInputError('firstTimers cannot exceed the total');
    return this.ds.transaction(async (em) => {
      const activity = await this.findForUpdate(em, ctx, activityId);
      if (activity.cancelledAt) throw new BadInputError('The activity was cancelled');
      if (activity.startsAt > this.clock.now())
        throw new BadInputError('Attendance can be reported once the activity has started');
      const row = {
        activityId,
        ...input,
        reportedBy: ctx.actor.userId,
        reportedAt: this.clock.now(),
      };
      await em.getRepository(ActivityAttendanceEntity).upsert(row, ['activityId']);
      return AttendanceModel.from(row);
    });
  }

  /** Attendance of many activities in one query (used by the field resolver's loader). */
  async attendanceByActivity(ids: readonly string[]): Promise<Map<string, AttendanceModel>> {
    const rows = await this.ds
      .getRepository(ActivityAttendanceEntity)
      .findBy({ activityId: In([...ids]) });
    return new Map(rows.map((r) => [r.activityId, AttendanceModel.from(r)]));
  }

  private async findForUpdate(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
  ): Promise<ActivityEntity> {
    const qb = em.getRepository(ActivityEntity).createQueryBuilder('a').where('a.id = :id', { id });
    const found = applyAbilityScope(qb, ctx.ability, Action.Update, 'Activity')
      ? await qb.getOne()
      : null;
    if (!found) throw new NotFoundError('Activity');
    return found;
  }

  private async assertHostInMunicipality(
    organisationId: string,
    municipalityCode: string,
  ): Promise<void> {
    const exists = await this.ds
      .getRepository(OrganisationEntity)
      .existsBy({ id: organisationId, municipalityCode });
    if (!exists) throw new NotFoundError('Organisation');
  }

  private assertTimes(startsAt: Date, endsAt: Date, ageMin: number, ageMax: number): void {
    if (endsAt <= startsAt) throw new BadInputError('endsAt must be after startsAt');
    if (ageMax < ageMin) throw new BadInputError('ageMax must not be below ageMin');
  }
}
