import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { ConflictError, NotFoundError } from '../../core/errors/domain-error';
import { Page, pageSize, toPage } from '../../core/graphql/connection';
import { NotificationWriter } from '../../notifications/notification.writer';
import { ageOn } from '../../core/clock/stockholm-calendar';
import { decodeIdCursor } from '../id-cursor';
import { SCHOOL_NOTICE } from '../schools.abilities';
import { SchoolNoticesArgs } from './dto/school-notice.inputs';
import { SchoolNoticeModel } from './models/school-notice.model';
import { noticeAccessEntry, SCHOOL_NOTICE_SUBJECT } from './notice-access';
import { NOTICE_AGE_LIMIT } from './send-notice.service';
import { SchoolNoticeEntity } from './school-notice.entity';
import { NoticeKind, NoticeStatus } from './school-notice.enums';
import { Clock } from '../../core/clock/clock';
import { queryRows } from '../../core/database/query-rows';

export const NOTICE_ACKNOWLEDGED = 'NOTICE_ACKNOWLEDGED';

/** The notices a school sent and a youth team received; acknowledging one. */
@Injectable()
export class NoticeInboxService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async list(ctx: RequestContext, args: SchoolNoticesArgs): Promise<Page<SchoolNoticeModel>> {
    const qb = this.ds.getRepository(SchoolNoticeEntity).createQueryBuilder('n');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, SCHOOL_NOTICE))
      return toPage([], 0, 0, () => []);
    if (args.status) qb.andWhere('n.status = :status', { status: args.status });
    if (args.kind) qb.andWhere('n.kind = :kind', { kind: args.kind });
    const total = await qb.clone().getCount();
    if (args.after) {
      qb.andWhere(
        '(n.sent_at, n.id) < (SELECT c.sent_at, c.id FROM school_notice c WHERE c.id = :cId::uuid)',
        { cId: decodeIdCursor(args.after) },
      );
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('n.sent_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(size + 1)
      .getMany();
    const page = toPage(rows, size, total, (n) => [n.id]);
    this.log.read(
      ctx,
      noticeAccessEntry(
        AccessAction.SEARCH,
        page.edges.map((e) => e.node),
      ),
    );
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: SchoolNoticeModel.from(e.node, ctx.actor.organisationId) })),
    };
  }

  async get(ctx: RequestContext, id: string): Promise<SchoolNoticeModel> {
    const notice = await this.findScoped(this.ds.manager, ctx, id, Action.Read);
    this.log.read(ctx, noticeAccessEntry(AccessAction.READ, [notice]));
    return SchoolNoticeModel.from(notice, ctx.actor.organisationId);
  }

  /**
   * The receiving youth team confirms the notice. A drop-out enters the KAA register of
   * the home municipality (unless a period is open already) and the schooling ends, in
   * the same transaction. The school is told only that it was acknowledged.
   */
  async acknowledge(ctx: RequestContext, id: string): Promise<SchoolNoticeModel> {
    return this.ds.transaction(async (em) => {
      const notice = await this.findScoped(em, ctx, id, Action.Update);
      if (notice.status !== NoticeStatus.SENT)
        throw new ConflictError('The notice is already acknowledged');
      notice.status = NoticeStatus.ACKNOWLEDGED;
      notice.acknowledgedAt = this.clock.now();
      notice.acknowledgedBy = ctx.actor.userId;
      const entries: AccessLogEntry[] = [];
      if (notice.kind === NoticeKind.DROPPED_OUT) {
        entries.push(...(await this.enterKaaRegister(em, ctx, notice)));
      }
      await em.getRepository(SchoolNoticeEntity).save(notice);
      entries.unshift(noticeAccessEntry(AccessAction.UPDATE, [notice], ['status']));
      await this.log.record(em, ctx, entries);
      await this.notifications.notify(
        em,
        { organisationId: notice.schoolOrganisationId, userId: notice.sentBy },
        { kind: NOTICE_ACKNOWLEDGED, subjectType: SCHOOL_NOTICE_SUBJECT, subjectId: notice.id },
      );
      return SchoolNoticeModel.from(notice, ctx.actor.organisationId);
    });
  }

  private async enterKaaRegister(
    em: EntityManager,
    ctx: RequestContext,
    notice: SchoolNoticeEntity,
  ): Promise<AccessLogEntry[]> {
    const today = this.clock.today();
    const entries: AccessLogEntry[] = [];
    const base = {
      youngPersonIds: [notice.youngPersonId],
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: notice.homeMunicipalityCode,
    };
    const [person]: { birth_date: string }[] = await em.query(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM young_person WHERE id = $1`,
      [notice.youngPersonId],
    );
    // KAA ends at 20: a student who turned 20 since the notice is not registered.
    if (ageOn(person.birth_date, today) < NOTICE_AGE_LIMIT) {
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, responsible_user_id, created_by)
         VALUES ($1, $2, $3, 'INTERRUPTED_STUDIES', $4, $4)
         ON CONFLICT (young_person_id, municipality_code) WHERE exit_date IS NULL DO NOTHING
         RETURNING id`,
        [notice.youngPersonId, notice.homeMunicipalityCode, today, ctx.actor.userId],
      );
      const [open]: { id: string }[] = inserted.length
        ? inserted
        : await em.query(
            `SELECT id FROM kaa_period WHERE young_person_id = $1 AND municipality_code = $2 AND exit_date IS NULL`,
            [notice.youngPersonId, notice.homeMunicipalityCode],
          );
      notice.kaaPeriodId = open.id;
      if (inserted.length)
        entries.push({
          ...base,
          action: AccessAction.CREATE,
          subjectType: 'KAA_PERIOD',
          subjectIds: [open.id],
          fields: ['entryDate', 'entryReason'],
        });
    }
    const interrupted = await queryRows<{ id: string }>(
      em,
      `UPDATE schooling SET status = 'INTERRUPTED', end_date = GREATEST($3::date, start_date)
        WHERE young_person_id = $1 AND school_organisation_id = $2 AND status = 'ACTIVE'
        RETURNING id`,
      [notice.youngPersonId, notice.schoolOrganisationId, notice.lastAttendanceDate],
    );
    if (interrupted.length)
      entries.push({
        ...base,
        action: AccessAction.UPDATE,
        subjectType: 'SCHOOLING',
        subjectIds: interrupted.map((s) => s.id),
        fields: ['status', 'endDate'],
      });
    return entries;
  }

  private async findScoped(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    action: Action,
  ): Promise<SchoolNoticeEntity> {
    const qb = em
      .getRepository(SchoolNoticeEntity)
      .createQueryBuilder('n')
      .where('n.id = :id', { id });
    if (action !== Action.Read) qb.setLock('pessimistic_write');
    const notice = applyAbilityScope(qb, ctx.ability, action, SCHOOL_NOTICE)
      ? await qb.getOne()
      : null;
    if (!notice) throw new NotFoundError('Notice');
    return notice;
  }
}
