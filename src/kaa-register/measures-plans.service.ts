import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { YoungPersonLogService } from '../young-people/young-person-log.service';
import {
  AddMeasureInput,
  CreatePlanInput,
  PlanContentInput,
  RevisePlanInput,
  UpdateMeasureInput,
} from './dto/kaa.inputs';
import { lockRegisterPerson, lockRegisterRow } from './kaa-access';
import { KaaMeasureEntity } from './kaa-measure.entity';
import { KaaPeriodEntity } from './kaa-period.entity';
import { KaaPlanEntity } from './kaa-plan.entity';
import { requireDates } from './kaa-register.service';
import { MeasureStatus, PlanParty } from './kaa.enums';
import { toMeasureModel } from './kaa.mappers';
import { loadPlans } from './kaa.loaders';
import { canMoveMeasure, measureNeedsEndReason } from './register-rules';

/** Measures (åtgärder) and the individual plan with its revisions. */
@Injectable()
export class MeasuresPlansService {
  constructor(
    private readonly ds: DataSource,
    private readonly logs: YoungPersonLogService,
  ) {}

  addMeasure(ctx: RequestContext, input: AddMeasureInput) {
    requireDates({ offeredOn: input.offeredOn, startDate: input.startDate });
    const started = [MeasureStatus.ONGOING].includes(input.status);
    if (![MeasureStatus.OFFERED, MeasureStatus.ONGOING].includes(input.status)) {
      throw new BadInputError('A new measure is OFFERED or ONGOING; end it with updateMeasure', {
        field: 'status',
      });
    }
    if (started && !input.startDate) {
      throw new BadInputError('startDate is required for an ONGOING measure', {
        field: 'startDate',
      });
    }
    if (input.startDate && input.startDate < input.offeredOn) {
      throw new BadInputError('startDate must not be before offeredOn', { field: 'startDate' });
    }
    return inTransaction(this.ds, async (em) => {
      const person = await lockRegisterPerson(em, ctx, input.youngPersonId);
      const period = await openPeriod(em, person);
      let planId = input.planId ?? null;
      if (planId) {
        const plan = await em.getRepository(KaaPlanEntity).findOneBy({
          id: planId,
          youngPersonId: person.id,
          municipalityCode: person.homeMunicipalityCode,
        });
        if (!plan) throw new NotFoundError('Plan');
      } else if (period) {
        planId =
          (await em.getRepository(KaaPlanEntity).findOneBy({ kaaPeriodId: period.id }))?.id ?? null;
      }
      const repo = em.getRepository(KaaMeasureEntity);
      const measure = await repo.save(
        repo.create({
          youngPersonId: person.id,
          municipalityCode: person.homeMunicipalityCode,
          kaaPeriodId: period?.id ?? null,
          planId,
          type: input.type,
          provider: input.provider.trim(),
          description: input.description?.trim() || null,
          offeredOn: input.offeredOn,
          startDate: input.startDate ?? null,
          status: input.status,
          createdBy: ctx.actor.userId,
        }),
      );
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.CREATE,
        'KAA_MEASURE',
        measure,
        Object.keys(input),
      );
      return toMeasureModel(measure);
    });
  }

  updateMeasure(ctx: RequestContext, id: string, input: UpdateMeasureInput) {
    requireDates({ startDate: input.startDate, endDate: input.endDate });
    return inTransaction(this.ds, async (em) => {
      const m = await lockRegisterRow(em, ctx, KaaMeasureEntity, id, 'Measure');
      const status = input.status ?? m.status;
      if (!canMoveMeasure(m.status, status)) {
        throw new BadInputError(`A ${m.status} measure cannot become ${status}`, {
          field: 'status',
        });
      }
      if (input.startDate !== undefined && input.startDate !== null) m.startDate = input.startDate;
      if (input.endDate !== undefined && input.endDate !== null) m.endDate = input.endDate;
      if (input.endReason) m.endReason = input.endReason;
      if (input.endNote !== undefined) m.endNote = input.endNote?.trim() || null;
      if (input.provider) m.provider = input.provider.trim();
      m.status = status;
      if (status === MeasureStatus.ONGOING && !m.startDate) {
        throw new BadInputError('startDate is required for an ONGOING measure', {
          field: 'startDate',
        });
      }
      if ([MeasureStatus.COMPLETED, MeasureStatus.ABORTED].includes(status) && !m.endDate) {
        throw new BadInputError(`endDate is required for a ${status} measure`, {
          field: 'endDate',
        });
      }
      if (measureNeedsEndReason(status) && !m.endReason) {
        throw new BadInputError(`endReason is required for a ${status} measure`, {
          field: 'endReason',
        });
      }
      if (!measureNeedsEndReason(status) && m.endReason) {
        throw new BadInputError('endReason is only for a measure that has ended', {
          field: 'endReason',
        });
      }
      if (m.startDate && m.startDate < m.offeredOn) {
        throw new BadInputError('startDate must not be before offeredOn', { field: 'startDate' });
      }
      if (m.endDate && (!m.startDate || m.endDate < m.startDate)) {
        throw new BadInputError('endDate must not be before startDate', { field: 'endDate' });
      }
      await em.getRepository(KaaMeasureEntity).save(m);
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.UPDATE,
        'KAA_MEASURE',
        m,
        Object.keys(input),
      );
      return toMeasureModel(m);
    });
  }

  createPlan(ctx: RequestContext, input: CreatePlanInput) {
    checkPlanContent(input);
    return inTransaction(this.ds, async (em) => {
      const person = await lockRegisterPerson(em, ctx, input.youngPersonId);
      const period = await openPeriod(em, person);
      if (!period) {
        throw new BadInputError('An individual plan needs an open register period', {
          field: 'youngPersonId',
        });
      }
      const existing = await em.getRepository(KaaPlanEntity).findOneBy({ kaaPeriodId: period.id });
      if (existing) throw new ConflictError('The period already has a plan: revise it instead');
      const repo = em.getRepository(KaaPlanEntity);
      const plan = await repo.save(
        repo.create({
          youngPersonId: person.id,
          municipalityCode: person.homeMunicipalityCode,
          kaaPeriodId: period.id,
          createdBy: ctx.actor.userId,
        }),
      );
      await this.addVersion(em, ctx, plan, 1, input, null, period);
      // Measures of the period without a plan now serve it.
      await em.query(
        `UPDATE kaa_measure SET plan_id = $1 WHERE kaa_period_id = $2 AND plan_id IS NULL`,
        [plan.id, period.id],
      );
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.CREATE,
        'KAA_PLAN',
        plan,
        Object.keys(input),
      );
      return (await loadPlans(em, [plan.id], 'id')).get(plan.id)![0];
    });
  }

  revisePlan(ctx: RequestContext, planId: string, input: RevisePlanInput) {
    checkPlanContent(input);
    return inTransaction(this.ds, async (em) => {
      const plan = await lockRegisterRow(em, ctx, KaaPlanEntity, planId, 'Plan');
      const [{ next }]: { next: number }[] = await em.query(
        `SELECT COALESCE(max(version), 0)::int + 1 AS next FROM kaa_plan_version WHERE plan_id = $1`,
        [plan.id],
      );
      const period = await em.getRepository(KaaPeriodEntity).findOneBy({ id: plan.kaaPeriodId });
      await this.addVersion(em, ctx, plan, next, input, input.revisionReason.trim(), period);
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.UPDATE,
        'KAA_PLAN',
        plan,
        Object.keys(input),
      );
      return (await loadPlans(em, [plan.id], 'id')).get(plan.id)![0];
    });
  }

  private async addVersion(
    em: EntityManager,
    ctx: RequestContext,
    plan: KaaPlanEntity,
    version: number,
    input: PlanContentInput,
    revisionReason: string | null,
    period: KaaPeriodEntity | null,
  ): Promise<void> {
    const [{ id }]: { id: string }[] = await em.query(
      `INSERT INTO kaa_plan_version (plan_id, version, goal, description, next_follow_up_date, revision_reason, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [
        plan.id,
        version,
        input.goal.trim(),
        input.description?.trim() || null,
        input.nextFollowUpDate ?? null,
        revisionReason,
        ctx.actor.userId,
      ],
    );
    const values: unknown[] = [];
    const rows = input.responsibilities.map((r, i) => {
      values.push(
        id,
        i,
        r.party,
        r.actorName?.trim() ?? null,
        r.task.trim(),
        r.followUpDate ?? null,
      );
      const o = i * 6;
      return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6})`;
    });
    await em.query(
      `INSERT INTO kaa_plan_responsibility (plan_version_id, position, party, actor_name, task, follow_up_date)
       VALUES ${rows.join(', ')}`,
      values,
    );
    // The plan's follow-up date is the one the work list watches (nobody gets lost).
    if (input.nextFollowUpDate && period && !period.exitDate) {
      await em.query(
        `UPDATE kaa_period SET next_follow_up_date = $2, updated_at = app_now() WHERE id = $1`,
        [period.id, input.nextFollowUpDate],
      );
    }
  }
}

function checkPlanContent(input: PlanContentInput): void {
  requireDates({ nextFollowUpDate: input.nextFollowUpDate });
  input.responsibilities.forEach((r, i) => {
    requireDates({ [`responsibilities[${i}].followUpDate`]: r.followUpDate });
    if ((r.party === PlanParty.OTHER_ACTOR) !== Boolean(r.actorName)) {
      throw new BadInputError(
        `responsibilities[${i}].actorName is required for OTHER_ACTOR and only for it`,
        { field: `responsibilities[${i}].actorName` },
      );
    }
  });
}

async function openPeriod(
  em: EntityManager,
  person: { id: string; homeMunicipalityCode: string },
): Promise<KaaPeriodEntity | null> {
  return em
    .getRepository(KaaPeriodEntity)
    .createQueryBuilder('p')
    .where('p.youngPersonId = :id AND p.municipalityCode = :m AND p.exitDate IS NULL', {
      id: person.id,
      m: person.homeMunicipalityCode,
    })
    .getOne();
}
