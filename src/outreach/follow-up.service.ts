import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { Role } from '../identity/role.enum';
import { AssignResponsibleCoordinatorInput, ScheduleFollowUpInput } from './dto/work-list.inputs';
import { FollowUpPlanModel } from './models/work-list.model';
import { SqlParams, youthRegisterPeopleSql } from './youth-register-scope';
import { Clock } from '../core/clock/clock';
import { queryRows } from '../core/database/query-rows';

interface PlanRow {
  id: string;
  young_person_id: string;
  responsible_user_id: string | null;
  next_follow_up: string | null;
}

/** Nobody gets lost: every open period has a responsible coordinator and a next follow-up. */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async assignResponsible(
    ctx: RequestContext,
    input: AssignResponsibleCoordinatorInput,
  ): Promise<FollowUpPlanModel> {
    return inTransaction(this.ds, async (em) => {
      const ok: unknown[] = await em.query(
        `SELECT 1 FROM app_user
         WHERE id = $1 AND organisation_id = $2 AND active AND $3 = ANY(roles)`,
        [input.userId, ctx.actor.organisationId, Role.YOUTH_COORDINATOR],
      );
      // Same answer for an unknown user and one of another team: nothing to probe.
      if (ok.length === 0) {
        throw new BadInputError('userId must be an active YOUTH_COORDINATOR of your youth team', {
          field: 'userId',
        });
      }
      return this.updateOpenPeriod(
        ctx,
        em,
        input.youngPersonId,
        'responsible_user_id',
        input.userId,
        ['responsibleUserId'],
      );
    });
  }

  async scheduleFollowUp(
    ctx: RequestContext,
    input: ScheduleFollowUpInput,
  ): Promise<FollowUpPlanModel> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date))) {
      throw new BadInputError('date must be YYYY-MM-DD', { field: 'date' });
    }
    if (input.date < this.clock.today()) {
      throw new BadInputError('date must be today or later', { field: 'date' });
    }
    return inTransaction(this.ds, (em) =>
      this.updateOpenPeriod(ctx, em, input.youngPersonId, 'next_follow_up_date', input.date, [
        'nextFollowUpDate',
      ]),
    );
  }

  private async updateOpenPeriod(
    ctx: RequestContext,
    em: EntityManager,
    youngPersonId: string,
    column: 'responsible_user_id' | 'next_follow_up_date',
    value: string,
    fields: string[],
  ): Promise<FollowUpPlanModel> {
    const p = new SqlParams();
    const scope = youthRegisterPeopleSql(ctx.actor);
    if (!scope) throw new NotFoundError('KAA period');
    const rows = await queryRows<PlanRow>(
      em,
      `UPDATE kaa_period p SET ${column} = ${p.add(value)}, updated_at = app_now()
       WHERE p.young_person_id = ${p.add(youngPersonId)}
         AND p.municipality_code = ${p.add(ctx.actor.municipalityCode)}
         AND p.exit_date IS NULL AND p.young_person_id IN (${scope})
       RETURNING p.id, p.young_person_id, p.responsible_user_id, p.next_follow_up_date::text AS next_follow_up`,
      p.values,
    );
    if (rows.length === 0) throw new NotFoundError('KAA period');
    const row = rows[0];
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType: 'KAA_PERIOD',
        subjectIds: [row.id],
        youngPersonIds: [row.young_person_id],
        fields,
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
    return Object.assign(new FollowUpPlanModel(), {
      kaaPeriodId: row.id,
      youngPersonId: row.young_person_id,
      responsibleUserId: row.responsible_user_id,
      nextFollowUpDate: row.next_follow_up,
    });
  }
}
