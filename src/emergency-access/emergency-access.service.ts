import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, PageArgs, pageSize, toPage } from '../core/graphql/connection';
import { groupedEntries } from '../consent/access-basis';
import { Role } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import {
  EmergencyReviewArgs,
  MIN_REASON_LENGTH,
  OpenEmergencyAccessInput,
  ReviewEmergencyAccessInput,
} from './dto/emergency-access.inputs';
import { EmergencyAccessEntity } from './emergency-access.entity';
import { EmergencyAccessModel } from './models/emergency-access.model';
import { Clock } from '../core/clock/clock';

/** How long a break-the-glass opening lasts. */
export const EMERGENCY_ACCESS_HOURS = 4;

/**
 * Emergency access: a user holding the EMERGENCY_ACCESS permission opens a record they are
 * not otherwise entitled to, for four hours, with a written reason. The opening and every
 * read under it are logged with legal basis EMERGENCY_ACCESS. Only residents of the opener's
 * own municipality can be opened. The opening waits on the review lists of the auditors of
 * the young person's and the opener's municipality until an auditor marks it reviewed; the
 * opener may end it early.
 */
@Injectable()
export class EmergencyAccessService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async open(ctx: RequestContext, input: OpenEmergencyAccessInput): Promise<EmergencyAccessModel> {
    const reason = input.reason.trim();
    if (reason.length < MIN_REASON_LENGTH)
      throw new BadInputError(
        `Emergency access needs a written reason of at least ${MIN_REASON_LENGTH} characters`,
        { field: 'reason' },
      );
    if (!input.youngPersonId === !input.caseId)
      throw new BadInputError('Give either youngPersonId or caseId');
    return inTransaction(this.ds, async (em) => {
      const target = await this.target(em, input);
      const saved = await em.getRepository(EmergencyAccessEntity).save({
        userId: ctx.actor.userId,
        organisationId: ctx.actor.organisationId,
        youngPersonId: target.youngPersonId,
        caseId: input.caseId ?? null,
        municipalityCode: target.municipalityCode,
        openerMunicipalityCode: ctx.actor.municipalityCode,
        reason,
        openedAt: this.clock.now(),
        expiresAt: new Date(this.clock.now().getTime() + EMERGENCY_ACCESS_HOURS * 3600_000),
        endedAt: null,
        reviewedAt: null,
        reviewedBy: null,
        reviewNote: null,
      });
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'EMERGENCY_ACCESS',
          subjectIds: [saved.id],
          youngPersonIds: [target.youngPersonId],
          fields: ['reason'],
          legalBasis: LegalBasis.EMERGENCY_ACCESS,
          subjectMunicipalityCode: target.municipalityCode,
        },
      ]);
      const orgs: { id: string }[] = await em.query(
        `SELECT DISTINCT organisation_id AS id FROM app_user
          WHERE municipality_code = ANY($1) AND active AND 'AUDITOR' = ANY(roles)`,
        [[target.municipalityCode, ctx.actor.municipalityCode]],
      );
      for (const o of orgs)
        await this.notifications.notify(
          em,
          { organisationId: o.id, roles: [Role.AUDITOR] },
          { kind: 'EMERGENCY_ACCESS_OPENED', subjectType: 'EMERGENCY_ACCESS', subjectId: saved.id },
        );
      return EmergencyAccessModel.from(saved, this.clock.now());
    });
  }

  /**
   * The opened person, only if they live in the opener's municipality
   * (authz.emergency_target): a resident of another municipality answers exactly as an id
   * that does not exist.
   */
  private async target(
    em: EntityManager,
    input: OpenEmergencyAccessInput,
  ): Promise<{ youngPersonId: string; municipalityCode: string }> {
    const rows: { young_person_id: string; municipality_code: string }[] = await em.query(
      `SELECT young_person_id, municipality_code FROM authz.emergency_target($1, $2)`,
      [input.youngPersonId ?? null, input.caseId ?? null],
    );
    if (!rows.length) throw new NotFoundError(input.caseId ? 'Case' : 'Young person');
    return { youngPersonId: rows[0].young_person_id, municipalityCode: rows[0].municipality_code };
  }

  /** The caller's own openings, newest first. */
  mine(ctx: RequestContext, args: PageArgs) {
    return this.page(ctx, args, (qb) => qb.where('e.user_id = authz.user_id()'));
  }

  /**
   * The opener ends an opening early: it ends now, so the next request no longer has it.
   * Anyone else, and an opening that does not exist, get NOT_FOUND.
   */
  async end(ctx: RequestContext, id: string): Promise<EmergencyAccessModel> {
    return inTransaction(this.ds, async (em) => {
      const found = await this.lockForUpdate(em, id, 'e.user_id = authz.user_id()');
      const now = this.clock.now();
      if (found.expiresAt.getTime() <= now.getTime())
        throw new ConflictError('Emergency access has already ended');
      // Never before the opening itself (CHECK expires_at >= opened_at).
      const end = new Date(Math.max(now.getTime(), found.openedAt.getTime()));
      found.expiresAt = end;
      found.endedAt = end;
      await this.saveLogged(em, ctx, found, ['endedAt', 'expiresAt', 'active']);
      return EmergencyAccessModel.from(found, now);
    });
  }

  /**
   * The opening, locked, if row-level security lets the caller see it and `may` (the opener,
   * or a reviewer) holds; else NOT_FOUND, as for an id that does not exist.
   */
  private async lockForUpdate(em: EntityManager, id: string, may: string): Promise<VisibleOpening> {
    const [found] = await withBasis(
      this.visible(em).where('e.id = :id', { id }).andWhere(may).setLock('pessimistic_write'),
    );
    if (!found) throw new NotFoundError('Emergency access');
    return found;
  }

  /** Saves a change to an opening with its access-log row, in the caller's transaction. */
  private async saveLogged(
    em: EntityManager,
    ctx: RequestContext,
    found: VisibleOpening,
    fields: string[],
  ): Promise<void> {
    const { basis, ...opening } = found;
    await em.getRepository(EmergencyAccessEntity).save(opening);
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType: 'EMERGENCY_ACCESS',
        subjectIds: [found.id],
        youngPersonIds: [found.youngPersonId],
        fields,
        legalBasis: basis,
        subjectMunicipalityCode: found.municipalityCode,
      },
    ]);
  }

  /** AUDITOR: openings of the own municipality's residents or users awaiting review (or reviewed). */
  reviewList(ctx: RequestContext, args: EmergencyReviewArgs) {
    return this.page(ctx, args, (qb) =>
      qb
        .where(REVIEWER)
        .andWhere(args.reviewed ? 'e.reviewed_at IS NOT NULL' : 'e.reviewed_at IS NULL'),
    );
  }

  async markReviewed(
    ctx: RequestContext,
    id: string,
    input: ReviewEmergencyAccessInput,
  ): Promise<EmergencyAccessModel> {
    return inTransaction(this.ds, async (em) => {
      const found = await this.lockForUpdate(em, id, REVIEWER);
      if (found.reviewedAt) throw new ConflictError('Already reviewed');
      found.reviewedAt = this.clock.now();
      found.reviewedBy = ctx.actor.userId;
      found.reviewNote = input.note?.trim() || null;
      await this.saveLogged(em, ctx, found, ['reviewedAt', 'reviewNote']);
      return EmergencyAccessModel.from(found, this.clock.now());
    });
  }

  private async page(
    ctx: RequestContext,
    args: PageArgs,
    filter: (qb: SelectQueryBuilder<EmergencyAccessEntity>) => unknown,
  ): Promise<Page<EmergencyAccessModel>> {
    const qb = this.visible(this.ds.manager);
    filter(qb);
    const total = await qb.clone().getCount();
    if (args.after) {
      const [openedAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(e.opened_at, e.id) < (:openedAt, :id)', { openedAt, id });
    }
    const size = pageSize(args);
    const rows = await withBasis(
      qb
        .orderBy('e.opened_at', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .limit(size + 1),
    );
    const items = rows.slice(0, size).map((e) => ({
      subjectId: e.id,
      youngPersonId: e.youngPersonId,
      municipalityCode: e.municipalityCode,
      legalBasis: e.basis,
      consentIds: [],
    }));
    // One log row per basis and subject municipality, so each counts for its residents' auditors.
    for (const entry of groupedEntries(AccessAction.READ, 'EMERGENCY_ACCESS', items, ['reason']))
      this.log.read(ctx, entry);
    return toPage(
      rows.map((r) => EmergencyAccessModel.from(r, this.clock.now())),
      size,
      total,
      (e) => [e.openedAt.toISOString(), e.id],
    );
  }

  /** Openings as row-level security lets them through, with authz.emergency_opening_basis. */
  private visible(em: EntityManager) {
    return em
      .getRepository(EmergencyAccessEntity)
      .createQueryBuilder('e')
      .addSelect(
        'authz.emergency_opening_basis(e.user_id, e.municipality_code, e.opener_municipality_code)',
        'basis',
      );
  }
}

/** The auditors of the opener's and of the young person's municipality (DESIGN.md §6). */
const REVIEWER = 'authz.reviews_emergency_opening(e.municipality_code, e.opener_municipality_code)';

type VisibleOpening = EmergencyAccessEntity & { basis: LegalBasis };

async function withBasis(qb: SelectQueryBuilder<EmergencyAccessEntity>): Promise<VisibleOpening[]> {
  const { entities, raw } = await qb.getRawAndEntities<{ basis: LegalBasis }>();
  return entities.map((e, i) => Object.assign(e, { basis: raw[i].basis }));
}
