import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { AccessAction } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { groupedEntries } from '../consent/access-basis';
import {
  CaseGoalEntity,
  CaseMeetingEntity,
  CaseTaskEntity,
  JointCaseEntity,
} from './case.entities';
import { GoalResponsible, TaskKind, TaskStatus } from './case.enums';
import { CasesService, RawCaseAccess } from './cases.service';
import {
  AddTaskInput,
  MyTasksArgs,
  RecordMinutesInput,
  ScheduleMeetingInput,
  SetGoalInput,
  UpdateGoalStatusInput,
} from './dto/case.inputs';
import { CaseGoalModel, CaseMeetingModel, CaseTaskModel } from './models/case-plan.model';
import { Clock } from '../core/clock/clock';

/** Meetings (preventive, follow-up, SIP), the EOR action plan and tasks of a case. */
@Injectable()
export class CasePlanService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly notifications: NotificationWriter,
    private readonly log: AccessLogWriter,
  ) {}

  async scheduleMeeting(
    ctx: RequestContext,
    input: ScheduleMeetingInput,
  ): Promise<CaseMeetingModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, input.caseId, 'write');
      const orgs = [...new Set([ctx.actor.organisationId, ...input.participantOrganisationIds])];
      await this.assertParticipants(c.id, orgs);
      const m = await em.getRepository(CaseMeetingEntity).save({
        caseId: c.id,
        kind: input.kind,
        scheduledAt: input.scheduledAt,
        heldAt: null,
        minutes: null,
        youngPersonAttended: null,
        createdBy: ctx.actor.userId,
      });
      await em.query(
        `INSERT INTO case_meeting_participant (meeting_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
        [m.id, orgs],
      );
      for (const org of orgs.filter((o) => o !== ctx.actor.organisationId))
        await this.notifications.notify(
          em,
          { organisationId: org, roles: [...CASE_WORKING_ROLES] },
          { kind: 'CASE_MEETING_SCHEDULED', subjectType: 'JOINT_CASE', subjectId: c.id },
        );
      await this.cases.logChange(em, ctx, c, ['meetings'], 'CASE_MEETING', m.id);
      return CaseMeetingModel.from(m, orgs);
    });
  }

  async recordMinutes(ctx: RequestContext, input: RecordMinutesInput): Promise<CaseMeetingModel> {
    return inTransaction(this.ds, async (em) => {
      const m = await em.getRepository(CaseMeetingEntity).findOneBy({ id: input.meetingId });
      if (!m) throw new NotFoundError('Meeting');
      const c = await this.cases.find(em, ctx, m.caseId, 'write');
      m.heldAt = input.heldAt;
      m.minutes = input.minutes;
      m.youngPersonAttended = input.youngPersonAttended ?? null;
      await em.getRepository(CaseMeetingEntity).save(m);
      await this.cases.logChange(em, ctx, c, ['minutes'], 'CASE_MEETING', m.id);
      const orgs: { organisation_id: string }[] = await em.query(
        `SELECT organisation_id FROM case_meeting_participant WHERE meeting_id = $1`,
        [m.id],
      );
      return CaseMeetingModel.from(
        m,
        orgs.map((o) => o.organisation_id),
      );
    });
  }

  /** A goal, or a sub-goal planned backwards: never due after the goal it leads to. */
  async setGoal(ctx: RequestContext, input: SetGoalInput): Promise<CaseGoalModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, input.caseId, 'write');
      if (input.parentGoalId) {
        const parent = await em
          .getRepository(CaseGoalEntity)
          .findOneBy({ id: input.parentGoalId, caseId: c.id });
        if (!parent) throw new NotFoundError('Goal');
        if (parent.parentGoalId)
          throw new BadInputError('Sub-goals belong to a goal, not to another sub-goal');
        if (input.targetDate > parent.targetDate)
          throw new BadInputError(
            'A sub-goal is planned backwards from its goal: its target date cannot be after the goal’s',
            { field: 'targetDate' },
          );
      }
      if ((input.responsible === GoalResponsible.ORGANISATION) !== !!input.ownerOrganisationId)
        throw new BadInputError(
          'ownerOrganisationId is required exactly when responsible is ORGANISATION',
          {
            field: 'ownerOrganisationId',
          },
        );
      if (input.ownerOrganisationId)
        await this.assertParticipants(c.id, [input.ownerOrganisationId]);
      const g = await em.getRepository(CaseGoalEntity).save({
        caseId: c.id,
        parentGoalId: input.parentGoalId ?? null,
        description: input.description.trim(),
        targetDate: input.targetDate,
        responsible: input.responsible,
        ownerOrganisationId: input.ownerOrganisationId ?? null,
        createdBy: ctx.actor.userId,
      });
      await this.cases.logChange(em, ctx, c, ['goals'], 'CASE_GOAL', g.id);
      return CaseGoalModel.from(g);
    });
  }

  async updateGoalStatus(
    ctx: RequestContext,
    input: UpdateGoalStatusInput,
  ): Promise<CaseGoalModel> {
    return inTransaction(this.ds, async (em) => {
      const g = await em.getRepository(CaseGoalEntity).findOneBy({ id: input.goalId });
      if (!g) throw new NotFoundError('Goal');
      const c = await this.cases.find(em, ctx, g.caseId, 'write');
      g.status = input.status;
      await em.getRepository(CaseGoalEntity).save(g);
      await this.cases.logChange(em, ctx, c, ['goals'], 'CASE_GOAL', g.id);
      return CaseGoalModel.from(g);
    });
  }

  async addTask(ctx: RequestContext, input: AddTaskInput): Promise<CaseTaskModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, input.caseId, 'write');
      await this.assertParticipants(c.id, [input.ownerOrganisationId]);
      const task = await em.getRepository(CaseTaskEntity).save({
        caseId: c.id,
        kind: TaskKind.GENERAL,
        title: input.title.trim(),
        ownerOrganisationId: input.ownerOrganisationId,
        ownerUserId: null,
        dueDate: input.dueDate,
        status: TaskStatus.OPEN,
        consentId: null,
        createdBy: ctx.actor.userId,
      });
      if (input.ownerOrganisationId !== ctx.actor.organisationId)
        await this.notifications.notify(
          em,
          { organisationId: input.ownerOrganisationId, roles: [...CASE_WORKING_ROLES] },
          { kind: 'CASE_TASK_ASSIGNED', subjectType: 'CASE_TASK', subjectId: task.id },
        );
      await this.cases.logChange(em, ctx, c, ['tasks'], 'CASE_TASK', task.id);
      return CaseTaskModel.from(task);
    });
  }

  async completeTask(ctx: RequestContext, id: string): Promise<CaseTaskModel> {
    return inTransaction(this.ds, async (em) => {
      const task = await em.getRepository(CaseTaskEntity).findOneBy({ id });
      if (!task) throw new NotFoundError('Task');
      const c = await this.cases.find(em, ctx, task.caseId, 'write');
      if (task.status === TaskStatus.OPEN) {
        task.status = TaskStatus.DONE;
        task.completedAt = this.clock.now();
        task.completedBy = ctx.actor.userId;
        await em.getRepository(CaseTaskEntity).save(task);
        await this.cases.logChange(em, ctx, c, ['tasks'], 'CASE_TASK', task.id);
      }
      return CaseTaskModel.from(task);
    });
  }

  async meetingsOf(caseIds: readonly string[]): Promise<Map<string, CaseMeetingModel[]>> {
    const rows = await this.ds
      .getRepository(CaseMeetingEntity)
      .createQueryBuilder('m')
      .where('m.case_id = ANY(:ids)', { ids: [...caseIds] })
      .orderBy('m.scheduled_at')
      .getMany();
    const parts: { meeting_id: string; organisation_id: string }[] = rows.length
      ? await this.ds.query(
          `SELECT meeting_id, organisation_id FROM case_meeting_participant WHERE meeting_id = ANY($1::uuid[])`,
          [rows.map((m) => m.id)],
        )
      : [];
    const map = new Map<string, CaseMeetingModel[]>();
    for (const m of rows) {
      const orgs = parts.filter((p) => p.meeting_id === m.id).map((p) => p.organisation_id);
      map.set(m.caseId, [...(map.get(m.caseId) ?? []), CaseMeetingModel.from(m, orgs)]);
    }
    return map;
  }

  async goalsOf(caseIds: readonly string[]): Promise<Map<string, CaseGoalModel[]>> {
    const rows = await this.ds
      .getRepository(CaseGoalEntity)
      .createQueryBuilder('g')
      .where('g.case_id = ANY(:ids)', { ids: [...caseIds] })
      .orderBy('g.target_date', 'DESC')
      .getMany();
    const map = new Map<string, CaseGoalModel[]>();
    for (const g of rows.filter((r) => !r.parentGoalId)) {
      const subs = rows.filter((r) => r.parentGoalId === g.id).map((r) => CaseGoalModel.from(r));
      map.set(g.caseId, [...(map.get(g.caseId) ?? []), CaseGoalModel.from(g, subs)]);
    }
    return map;
  }

  async tasksOf(caseIds: readonly string[]): Promise<Map<string, CaseTaskModel[]>> {
    const rows = await this.ds
      .getRepository(CaseTaskEntity)
      .createQueryBuilder('t')
      .where('t.case_id = ANY(:ids)', { ids: [...caseIds] })
      .orderBy('t.due_date')
      .getMany();
    const map = new Map<string, CaseTaskModel[]>();
    for (const t of rows) map.set(t.caseId, [...(map.get(t.caseId) ?? []), CaseTaskModel.from(t)]);
    return map;
  }

  /**
   * Open tasks owned by the caller's organisation in cases it may read, soonest first
   * (the alerts job on the clock makes the re-consent tasks; a query never writes).
   */
  async myTasks(ctx: RequestContext, args: MyTasksArgs): Promise<Page<CaseTaskModel>> {
    // Row-level security keeps the tasks of cases the caller sees; the owner narrows.
    const qb = this.ds
      .getRepository(CaseTaskEntity)
      .createQueryBuilder('t')
      .innerJoin(JointCaseEntity, 'c', 'c.id = t.case_id')
      .where('t.owner_organisation_id = :org', { org: ctx.actor.organisationId });
    if (args.status) qb.andWhere('t.status = :status', { status: args.status });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [dueDate, id] = decodeCursor(args.after, 2);
      qb.andWhere('(t.due_date, t.id) > (:dueDate, :id)', { dueDate, id });
    }
    const size = pageSize(args);
    const { entities, raw } = await qb
      .addSelect('c.young_person_id', 'young_person_id')
      .addSelect('c.municipality_code', 'municipality_code')
      .addSelect(
        'to_jsonb(authz.case_access(c.id, c.lead_organisation_id, c.young_person_id))',
        'access',
      )
      .orderBy('t.due_date')
      .addOrderBy('t.id')
      .limit(size + 1)
      .getRawAndEntities<RawCaseAccess & { young_person_id: string; municipality_code: string }>();
    const items = entities.slice(0, size).map((t, i) => ({
      subjectId: t.id,
      youngPersonId: raw[i].young_person_id,
      municipalityCode: raw[i].municipality_code,
      legalBasis: raw[i].access.basis,
      consentIds: raw[i].access.consent_ids,
    }));
    for (const e of groupedEntries(AccessAction.READ, 'CASE_TASK', items)) this.log.read(ctx, e);
    return toPage(entities.map(CaseTaskModel.from), size, total, (t) => [t.dueDate, t.id]);
  }

  private async assertParticipants(caseId: string, orgs: string[]): Promise<void> {
    const found: unknown[] = await this.ds.query(
      `SELECT organisation_id FROM case_participant WHERE case_id = $1 AND organisation_id = ANY($2::uuid[])`,
      [caseId, orgs],
    );
    if (found.length !== new Set(orgs).size)
      throw new BadInputError('Only organisations taking part in the case can be named', {
        field: 'organisationId',
      });
  }
}
