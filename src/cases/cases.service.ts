import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { inTransaction } from '../core/database/transaction';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { basisFor, groupedEntries } from '../consent/access-basis';
import { requireWorkablePerson } from '../consent/consent-subject';
import { OrganisationKind, CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { JointCaseEntity } from './case.entities';
import { CaseStatus } from './case.enums';
import { CasesArgs, CloseCaseInput, OpenCaseInput } from './dto/case.inputs';
import { CaseModel, CaseParticipantModel } from './models/case.model';
import { Clock } from '../core/clock/clock';

/** Opening, listing, reading and closing joint cases; participants. */
@Injectable()
export class CasesService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  async open(ctx: RequestContext, input: OpenCaseInput): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const person = await requireWorkablePerson(em, ctx, input.youngPersonId);
      const leadUserId = input.leadUserId ?? ctx.actor.userId;
      const lead: unknown[] = await em.query(
        `SELECT 1 FROM app_user WHERE id = $1 AND organisation_id = $2 AND active AND roles && $3::text[]`,
        [leadUserId, ctx.actor.organisationId, CASE_WORKING_ROLES],
      );
      if (!lead.length)
        throw new BadInputError('leadUserId must be a case-working user of your organisation', {
          field: 'leadUserId',
        });
      const participants = (input.participantOrganisationIds ?? []).filter(
        (o) => o !== ctx.actor.organisationId,
      );
      await this.assertOrganisationsExist(em, participants);
      const saved = await em.getRepository(JointCaseEntity).save({
        youngPersonId: person.id,
        municipalityCode: person.homeMunicipalityCode,
        leadOrganisationId: ctx.actor.organisationId,
        leadUserId,
        title: input.title.trim(),
        status: CaseStatus.OPEN,
        createdBy: ctx.actor.userId,
      });
      await em.query(
        `INSERT INTO case_participant (case_id, organisation_id, role, added_by)
         SELECT $1::uuid, $2::uuid, 'LEAD', $3::uuid UNION ALL SELECT $1::uuid, unnest($4::uuid[]), 'PARTICIPANT', $3::uuid`,
        [saved.id, ctx.actor.organisationId, ctx.actor.userId, participants],
      );
      for (const org of participants)
        await this.notifications.notify(
          em,
          { organisationId: org, roles: [...CASE_WORKING_ROLES] },
          { kind: 'CASE_PARTICIPANT_ADDED', subjectType: 'JOINT_CASE', subjectId: saved.id },
        );
      const statutory =
        ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
        person.homeMunicipalityCode === ctx.actor.municipalityCode;
      const s = await this.snapshots.load(ctx.actor, em);
      const consentIds = s.consentIdsFor(person.id);
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'JOINT_CASE',
          subjectIds: [saved.id],
          youngPersonIds: [person.id],
          legalBasis: statutory
            ? LegalBasis.STATUTORY_DUTY
            : consentIds.length
              ? LegalBasis.CONSENT
              : LegalBasis.OWN_ORGANISATION,
          consentIds,
          subjectMunicipalityCode: person.homeMunicipalityCode,
        },
      ]);
      return CaseModel.from(saved);
    });
  }

  async list(ctx: RequestContext, args: CasesArgs): Promise<Page<CaseModel>> {
    const qb = this.ds.getRepository(JointCaseEntity).createQueryBuilder('c');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'Case')) return toPage([], 0, 0, () => []);
    if (args.status) qb.andWhere('c.status = :status', { status: args.status });
    if (args.youngPersonId) qb.andWhere('c.young_person_id = :yp', { yp: args.youngPersonId });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(c.created_at, c.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(size + 1)
      .getMany();
    await this.logRead(ctx, rows.slice(0, size));
    return toPage(rows.map(CaseModel.from), size, total, (c) => [c.createdAt.toISOString(), c.id]);
  }

  async get(ctx: RequestContext, id: string): Promise<CaseModel> {
    const c = await this.find(this.ds.manager, ctx, id);
    await this.logRead(ctx, [c]);
    return CaseModel.from(c);
  }

  /** A case the caller may read, else NOT_FOUND; `need` adds the write checks. */
  async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    need?: 'write' | 'lead',
  ): Promise<JointCaseEntity> {
    const qb = em
      .getRepository(JointCaseEntity)
      .createQueryBuilder('c')
      .where('c.id = :id', { id });
    if (need) qb.setLock('pessimistic_write');
    const found = applyAbilityScope(qb, ctx.ability, Action.Read, 'Case')
      ? await qb.getOne()
      : null;
    if (!found) throw new NotFoundError('Case');
    if (need === 'write' && !ctx.ability.can(Action.Update, subject('Case', found)))
      throw new ForbiddenError(
        'Only the lead organisation and consented participants can change the case',
      );
    if (need === 'lead' && !ctx.ability.can(Action.Manage, subject('CaseLead', found)))
      throw new ForbiddenError('Only the lead organisation can do this');
    if (need && found.status !== CaseStatus.OPEN) throw new ConflictError('The case is closed');
    return found;
  }

  async addParticipant(ctx: RequestContext, caseId: string, organisationId: string) {
    return inTransaction(this.ds, async (em) => {
      const c = await this.find(em, ctx, caseId, 'lead');
      await this.assertOrganisationsExist(em, [organisationId]);
      const added: unknown[] = await em.query(
        `INSERT INTO case_participant (case_id, organisation_id, role, added_by) VALUES ($1, $2, 'PARTICIPANT', $3)
         ON CONFLICT DO NOTHING RETURNING case_id`,
        [c.id, organisationId, ctx.actor.userId],
      );
      if (added.length) {
        await this.notifications.notify(
          em,
          { organisationId, roles: [...CASE_WORKING_ROLES] },
          { kind: 'CASE_PARTICIPANT_ADDED', subjectType: 'JOINT_CASE', subjectId: c.id },
        );
        await this.logChange(em, ctx, c, ['participants']);
      }
      return CaseModel.from(c);
    });
  }

  async close(ctx: RequestContext, id: string, input: CloseCaseInput): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.find(em, ctx, id, 'lead');
      c.status = CaseStatus.CLOSED;
      c.closureOutcome = input.outcome;
      c.closureNote = input.note?.trim() || null;
      c.closedAt = this.clock.now();
      c.closedBy = ctx.actor.userId;
      c.updatedAt = this.clock.now();
      await em.getRepository(JointCaseEntity).save(c);
      await em.query(
        `UPDATE case_task SET status = 'DONE', completed_at = app_now(), completed_by = $2 WHERE case_id = $1 AND status = 'OPEN'`,
        [c.id, ctx.actor.userId],
      );
      await this.logChange(em, ctx, c, ['status', 'closureOutcome', 'closureNote']);
      return CaseModel.from(c);
    });
  }

  /** Participants of many cases at once (the parents are already authorised). */
  async participantsOf(caseIds: readonly string[]): Promise<Map<string, CaseParticipantModel[]>> {
    const rows: { case_id: string; organisation_id: string; role: string; added_at: Date }[] =
      await this.ds.query(
        `SELECT case_id, organisation_id, role, added_at FROM case_participant
          WHERE case_id = ANY($1::uuid[]) ORDER BY role, added_at`,
        [caseIds],
      );
    const map = new Map<string, CaseParticipantModel[]>();
    for (const r of rows) {
      const p = Object.assign(new CaseParticipantModel(), {
        organisationId: r.organisation_id,
        role: r.role,
        addedAt: r.added_at,
      });
      map.set(r.case_id, [...(map.get(r.case_id) ?? []), p]);
    }
    return map;
  }

  async logChange(
    em: EntityManager,
    ctx: RequestContext,
    c: JointCaseEntity,
    fields: string[],
    subjectType = 'JOINT_CASE',
    subjectId = c.id,
  ): Promise<void> {
    const s = await this.snapshots.load(ctx.actor, em);
    const b = basisFor(s, c.youngPersonId, {
      own: c.leadOrganisationId === ctx.actor.organisationId,
    });
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType,
        subjectIds: [subjectId],
        youngPersonIds: [c.youngPersonId],
        fields,
        legalBasis: b.legalBasis,
        consentIds: b.consentIds,
        subjectMunicipalityCode: c.municipalityCode,
      },
    ]);
  }

  async logRead(ctx: RequestContext, cases: JointCaseEntity[]): Promise<void> {
    if (!cases.length) return;
    const s = await this.snapshots.load(ctx.actor, this.ds.manager);
    const items = cases.map((c) => ({
      subjectId: c.id,
      youngPersonId: c.youngPersonId,
      municipalityCode: c.municipalityCode,
      ...basisFor(s, c.youngPersonId, { own: c.leadOrganisationId === ctx.actor.organisationId }),
    }));
    for (const e of groupedEntries(AccessAction.READ, 'JOINT_CASE', items)) this.log.read(ctx, e);
  }

  private async assertOrganisationsExist(em: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found: unknown[] = await em.query(
      `SELECT id FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (found.length !== new Set(ids).size)
      throw new BadInputError('Unknown organisation', { field: 'organisationId' });
  }
}
