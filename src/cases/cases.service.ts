import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { groupedEntries } from '../consent/access-basis';
import { requireWorkablePerson } from '../consent/consent-subject';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { JointCaseEntity } from './case.entities';
import { CaseStatus } from './case.enums';
import { queryRows } from '../core/database/query-rows';
import { CasesArgs, CloseCaseInput, OpenCaseInput } from './dto/case.inputs';
import { CaseModel, CaseParticipantModel } from './models/case.model';
import { Clock } from '../core/clock/clock';

/** What authz.case_access decided for the caller and one case, selected with the case's row. */
export interface CaseAccess {
  lead: boolean;
  emergency: boolean;
  /** The legal basis to log: OWN_ORGANISATION (lead), CONSENT, EMERGENCY_ACCESS. */
  basis: LegalBasis;
  consentIds: string[];
}

/** A case the caller sees (row-level security let it through), with the decision. */
export type VisibleCase = JointCaseEntity & { access: CaseAccess };

/** Opening, listing, reading and closing joint cases; participants. */
/** Fewer candidate cases than this: sort them; more: walk the index (narrowedForList). */
const MANY_CASES = 500;

@Injectable()
export class CasesService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
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
      // Opening a case is justified by the caller's access to the person (statutory duty,
      // consent, …); the new case itself is only ever its own organisation's.
      const [basis]: { basis: LegalBasis; consent_ids: string[] }[] = await em.query(
        `SELECT coalesce((p).basis, (a).basis) AS basis,
                CASE WHEN (p).basis IS NULL THEN (a).consent_ids ELSE (p).consent_ids END AS consent_ids
           FROM joint_case c, authz.case_access(c.id, c.lead_organisation_id, c.young_person_id) a,
                authz.person_access(c.young_person_id) p
          WHERE c.id = $1`,
        [saved.id],
      );
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'JOINT_CASE',
          subjectIds: [saved.id],
          youngPersonIds: [person.id],
          legalBasis: basis.basis,
          consentIds: basis.consent_ids,
          subjectMunicipalityCode: person.homeMunicipalityCode,
        },
      ]);
      return CaseModel.from(saved);
    });
  }

  /** Cases the caller sees, newest first. */
  async list(ctx: RequestContext, args: CasesArgs): Promise<Page<CaseModel>> {
    const qb = await this.narrowedForList(this.visible(this.ds.manager));
    if (args.status) qb.andWhere('c.status = :status', { status: args.status });
    if (args.youngPersonId) qb.andWhere('c.young_person_id = :yp', { yp: args.youngPersonId });
    // Counted only when asked for: the page itself costs the same for any caseload. In a
    // savepoint, so a count that runs out of time costs only its own field.
    const counting = qb.clone();
    const total = () => inTransaction(this.ds, () => counting.getCount());
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(c.created_at, c.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await withAccess(
      qb
        .orderBy('c.created_at', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .limit(size + 1),
    );
    this.logRead(ctx, rows.slice(0, size));
    return toPage(rows.map(CaseModel.from), size, total, (c) => [c.createdAt.toISOString(), c.id]);
  }

  async get(ctx: RequestContext, id: string): Promise<CaseModel> {
    const c = await this.find(this.ds.manager, ctx, id);
    this.logRead(ctx, [c]);
    return CaseModel.from(c);
  }

  /**
   * A case the caller sees, else NOT_FOUND (row-level security hides it). `write`: the lead
   * or a consented participant (an emergency opening only reads); `lead`: managing
   * participants and closing belong to the lead organisation.
   */
  async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    need?: 'write' | 'lead',
    /** Reopening is the one change a closed case takes. */
    closedToo = false,
  ): Promise<VisibleCase> {
    const qb = this.visible(em).andWhere('c.id = :id', { id });
    if (need) qb.setLock('pessimistic_write');
    const [found] = await withAccess(qb);
    if (!found) throw new NotFoundError('Case');
    if (need === 'write' && found.access.basis === LegalBasis.EMERGENCY_ACCESS)
      throw new ForbiddenError(
        'Only the lead organisation and consented participants can change the case',
      );
    if (need === 'lead' && !found.access.lead)
      throw new ForbiddenError('Only the lead organisation can do this');
    if (need && !closedToo && found.status !== CaseStatus.OPEN)
      throw new ConflictError('The case is closed');
    return found;
  }

  /**
   * Narrows to the cases the actor is a party to (authz.case_candidates: lead, participant,
   * own emergency opening), so PostgreSQL starts from joint_case_lead_idx /
   * case_participant_organisation_idx and row-level security judges only those.
   */
  ownOrJoined<T extends SelectQueryBuilder<JointCaseEntity>>(qb: T): T {
    return qb.andWhere('c.id IN (SELECT authz.case_candidates())');
  }

  /**
   * The newest-first list at a cost that does not grow with the caseload: an organisation
   * with many cases walks the newest-first index and row-level security keeps its rows
   * until the page is full; one with few sorts its candidates. A bounded look at the
   * candidates tells which.
   */
  private async narrowedForList(
    qb: SelectQueryBuilder<JointCaseEntity>,
  ): Promise<SelectQueryBuilder<JointCaseEntity>> {
    const [{ n }]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM authz.case_candidates_upto($1)`,
      [MANY_CASES],
    );
    return n >= MANY_CASES ? qb : this.ownOrJoined(qb);
  }

  /** Cases (alias c) as row-level security lets them through, authz.case_access beside each. */
  visible(em: EntityManager): SelectQueryBuilder<JointCaseEntity> {
    return em
      .getRepository(JointCaseEntity)
      .createQueryBuilder('c')
      .addSelect(
        'to_jsonb(authz.case_access(c.id, c.lead_organisation_id, c.young_person_id))',
        'access',
      );
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

  /**
   * The lead removes a participating organisation: row-level security ends its access to
   * the case on its next request (participation is the relation it reads), and it is told,
   * without content. The lead organisation itself is not removed here.
   */
  async removeParticipant(ctx: RequestContext, caseId: string, organisationId: string) {
    return inTransaction(this.ds, async (em) => {
      const c = await this.find(em, ctx, caseId, 'lead');
      const removed = await queryRows<{ case_id: string }>(
        em,
        `DELETE FROM case_participant WHERE case_id = $1 AND organisation_id = $2 AND role = 'PARTICIPANT'
         RETURNING case_id`,
        [c.id, organisationId],
      );
      if (!removed.length) throw new NotFoundError('Participant');
      await this.notifications.notify(
        em,
        { organisationId, roles: [...CASE_WORKING_ROLES] },
        { kind: 'CASE_PARTICIPANT_REMOVED', subjectType: 'JOINT_CASE', subjectId: c.id },
      );
      await this.logChange(em, ctx, c, ['participants']);
      return CaseModel.from(c);
    });
  }

  /** The lead reopens a closed case; the earlier outcome is in the access log's change rows. */
  async reopen(ctx: RequestContext, id: string): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.find(em, ctx, id, 'lead', true);
      if (c.status !== CaseStatus.CLOSED) throw new ConflictError('The case is not closed');
      c.status = CaseStatus.OPEN;
      c.closureOutcome = null;
      c.closureNote = null;
      c.closedAt = null;
      c.closedBy = null;
      c.updatedAt = this.clock.now();
      await em.getRepository(JointCaseEntity).save(c);
      await this.logChange(em, ctx, c, ['status', 'closureOutcome', 'closureNote']);
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

  /** Participants of many cases at once (row-level security keeps them to cases the caller sees). */
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
    c: VisibleCase,
    fields: string[],
    subjectType = 'JOINT_CASE',
    subjectId = c.id,
  ): Promise<void> {
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType,
        subjectIds: [subjectId],
        youngPersonIds: [c.youngPersonId],
        fields,
        legalBasis: c.access.basis,
        consentIds: c.access.consentIds,
        subjectMunicipalityCode: c.municipalityCode,
      },
    ]);
  }

  logRead(ctx: RequestContext, cases: VisibleCase[]): void {
    const items = cases.map((c) => ({
      subjectId: c.id,
      youngPersonId: c.youngPersonId,
      municipalityCode: c.municipalityCode,
      legalBasis: c.access.basis,
      consentIds: c.access.consentIds,
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

/** The decision selected as `access` by visible(). */
export interface RawCaseAccess {
  access: { lead: boolean; emergency: boolean; basis: LegalBasis; consent_ids: string[] };
}

export function withCaseAccess(e: JointCaseEntity, raw: RawCaseAccess): VisibleCase {
  const a = raw.access;
  return Object.assign(e, {
    access: { lead: a.lead, emergency: a.emergency, basis: a.basis, consentIds: a.consent_ids },
  });
}

/** The rows of a visible() query, each case with its access decision. */
async function withAccess(qb: SelectQueryBuilder<JointCaseEntity>): Promise<VisibleCase[]> {
  const { entities, raw } = await qb.getRawAndEntities<RawCaseAccess>();
  return entities.map((e, i) => withCaseAccess(e, raw[i]));
}
