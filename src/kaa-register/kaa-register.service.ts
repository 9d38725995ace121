import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { OrganisationKind, Role } from '../identity/role.enum';
import { YoungPersonLogService } from '../young-people/young-person-log.service';
import {
  CloseKaaPeriodInput,
  OpenKaaPeriodInput,
  RecordClosureInput,
  RecordOccupationInput,
} from './dto/kaa.inputs';
import { lockRegisterPerson, lockRegisterRow } from './kaa-access';
import { isCalendarDate } from '../core/clock/stockholm-calendar';
import { KaaClosureEntity } from './kaa-closure.entity';
import { KaaMeasureEntity } from './kaa-measure.entity';
import { KaaPeriodEntity } from './kaa-period.entity';
import { ClosureKind } from './kaa.enums';
import { toClosureModel, toPeriodModel } from './kaa.mappers';
import { OccupationModel } from './models/occupation.model';
import { OccupationEntity } from './occupation.entity';
import { Clock } from '../core/clock/clock';

/** Register periods, the occupation timeline and closures (avslut). */
@Injectable()
export class KaaRegisterService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly logs: YoungPersonLogService,
  ) {}

  openPeriod(ctx: RequestContext, input: OpenKaaPeriodInput) {
    requireDates({ entryDate: input.entryDate, nextFollowUpDate: input.nextFollowUpDate });
    return inTransaction(this.ds, async (em) => {
      const person = await lockRegisterPerson(em, ctx, input.youngPersonId);
      const responsible = input.responsibleUserId ?? ctx.actor.userId;
      await requireTeamCoordinator(em, ctx, responsible);
      const repo = em.getRepository(KaaPeriodEntity);
      let period: KaaPeriodEntity;
      try {
        period = await repo.save(
          repo.create({
            youngPersonId: person.id,
            municipalityCode: person.homeMunicipalityCode,
            entryDate: input.entryDate,
            entryReason: input.entryReason,
            responsibleUserId: responsible,
            nextFollowUpDate: input.nextFollowUpDate ?? null,
            createdBy: ctx.actor.userId,
          }),
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505') {
          throw new ConflictError('The young person already has an open register period');
        }
        throw e;
      }
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.CREATE,
        'KAA_PERIOD',
        period,
        Object.keys(input),
      );
      return toPeriodModel(period);
    });
  }

  closePeriod(ctx: RequestContext, id: string, input: CloseKaaPeriodInput) {
    requireDates({ exitDate: input.exitDate });
    return inTransaction(this.ds, async (em) => {
      const period = await lockRegisterRow(em, ctx, KaaPeriodEntity, id, 'Register period');
      if (period.exitDate) throw new BadInputError('The register period is already closed');
      if (input.exitDate < period.entryDate) {
        throw new BadInputError('exitDate must not be before the entry date', {
          field: 'exitDate',
        });
      }
      period.exitDate = input.exitDate;
      period.exitReason = input.exitReason;
      await em.getRepository(KaaPeriodEntity).save(period);
      await this.logs.registerRowChange(ctx, em, AccessAction.UPDATE, 'KAA_PERIOD', period, [
        'exitDate',
        'exitReason',
      ]);
      return toPeriodModel(period);
    });
  }

  recordOccupation(ctx: RequestContext, input: RecordOccupationInput) {
    return inTransaction(this.ds, (em) => this.recordOccupationIn(em, ctx, input));
  }

  /** Inside the caller's transaction (an answer to a letter records its contact with it). */
  async recordOccupationIn(
    em: EntityManager,
    ctx: RequestContext,
    input: RecordOccupationInput,
  ): Promise<OccupationModel> {
    requireDates({ validFrom: input.validFrom });
    const person = await lockRegisterPerson(em, ctx, input.youngPersonId);
    const repo = em.getRepository(OccupationEntity);
    const row = await repo.save(
      repo.create({
        youngPersonId: person.id,
        municipalityCode: person.homeMunicipalityCode,
        category: input.category,
        validFrom: input.validFrom,
        source: input.source,
        note: input.note?.trim() || null,
        recordedBy: ctx.actor.userId,
        recordedAt: this.clock.now(),
      }),
    );
    await this.logs.registerRowChange(
      ctx,
      em,
      AccessAction.CREATE,
      'OCCUPATION',
      row,
      Object.keys(input),
    );
    return OccupationModel.from(row);
  }

  recordClosure(ctx: RequestContext, input: RecordClosureInput) {
    requireDates({ closedOn: input.closedOn });
    if (input.kind === ClosureKind.WORK && !input.occupationTitle) {
      throw new BadInputError('occupationTitle is required for a closure to work', {
        field: 'occupationTitle',
      });
    }
    if (input.kind === ClosureKind.STUDIES && !input.programme) {
      throw new BadInputError('programme is required for a closure to studies', {
        field: 'programme',
      });
    }
    if (input.kind !== ClosureKind.WORK && input.occupationTitle) {
      throw new BadInputError('occupationTitle is only for a closure to work', {
        field: 'occupationTitle',
      });
    }
    if (input.kind !== ClosureKind.STUDIES && input.programme) {
      throw new BadInputError('programme is only for a closure to studies', { field: 'programme' });
    }
    if (input.kind !== ClosureKind.WORK && input.occupationField) {
      throw new BadInputError('occupationField is only for a closure to work', {
        field: 'occupationField',
      });
    }
    if (input.kind !== ClosureKind.STUDIES && input.programmeCode) {
      throw new BadInputError('programmeCode is only for a closure to studies', {
        field: 'programmeCode',
      });
    }
    return inTransaction(this.ds, async (em) => {
      const person = await lockRegisterPerson(em, ctx, input.youngPersonId);
      if (input.measureId) {
        const measure = await em.getRepository(KaaMeasureEntity).findOneBy({
          id: input.measureId,
          youngPersonId: person.id,
          municipalityCode: person.homeMunicipalityCode,
        });
        if (!measure) throw new NotFoundError('Measure');
      }
      const periods = em.getRepository(KaaPeriodEntity);
      const openPeriod = await this.openPeriodOf(em, person);
      const repo = em.getRepository(KaaClosureEntity);
      const closure = await repo.save(
        repo.create({
          youngPersonId: person.id,
          municipalityCode: person.homeMunicipalityCode,
          kaaPeriodId: openPeriod?.id ?? null,
          measureId: input.measureId ?? null,
          kind: input.kind,
          closedOn: input.closedOn,
          occupationTitle: input.occupationTitle?.trim() ?? null,
          programme: input.programme?.trim() ?? null,
          occupationField: input.occupationField ?? null,
          programmeCode: input.programmeCode ?? null,
          note: input.note?.trim() || null,
          recordedBy: ctx.actor.userId,
          recordedAt: this.clock.now(),
        }),
      );
      await this.logs.registerRowChange(
        ctx,
        em,
        AccessAction.CREATE,
        'KAA_CLOSURE',
        closure,
        Object.keys(input),
      );
      if (input.closePeriodWith) {
        if (!openPeriod) throw new BadInputError('There is no open register period to close');
        if (input.closedOn < openPeriod.entryDate) {
          throw new BadInputError('closedOn must not be before the entry date', {
            field: 'closedOn',
          });
        }
        openPeriod.exitDate = input.closedOn;
        openPeriod.exitReason = input.closePeriodWith;
        await periods.save(openPeriod);
        await this.logs.registerRowChange(ctx, em, AccessAction.UPDATE, 'KAA_PERIOD', openPeriod, [
          'exitDate',
          'exitReason',
        ]);
      }
      return toClosureModel(closure);
    });
  }

  private async openPeriodOf(
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
}

/** The responsible coordinator must belong to the caller's own youth team. */
export async function requireTeamCoordinator(
  em: EntityManager,
  ctx: RequestContext,
  userId: string,
): Promise<void> {
  const rows = await em.query(
    `SELECT 1 FROM app_user u JOIN organisation o ON o.id = u.organisation_id
     WHERE u.id = $1 AND u.organisation_id = $2 AND u.active AND $3 = ANY(u.roles) AND o.kind = $4`,
    [userId, ctx.actor.organisationId, Role.YOUTH_COORDINATOR, OrganisationKind.YOUTH_TEAM],
  );
  if (!rows.length) {
    throw new BadInputError('responsibleUserId must be a coordinator of your own team', {
      field: 'responsibleUserId',
    });
  }
}

export function requireDates(dates: Record<string, string | undefined | null>): void {
  for (const [field, value] of Object.entries(dates)) {
    if (value && !isCalendarDate(value))
      throw new BadInputError(`${field} is not a valid date`, { field });
  }
}
