import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { BasisItem, groupedEntries } from '../consent/access-basis';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { BadInputError } from '../core/errors/domain-error';
import { decodeCursor, pageSize, toPage } from '../core/graphql/connection';
import {
  MarkNotificationsReadResult,
  NotificationConnection,
  NotificationModel,
  NotificationsArgs,
} from './models/notification.model';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATION } from './notifications.abilities';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const NOTIFICATION_SUBJECT = 'NOTIFICATION';
const LOGGED_FIELDS = ['id', 'kind', 'subjectType', 'subjectId', 'createdAt', 'readAt'];

/** The reader's basis for the notification's subject record, as JSON; decided with the row. */
interface SubjectAccess {
  basis: LegalBasis | null;
  consent_ids: string[] | null;
}

/**
 * The caller's own notification feed. A notification names a record about a young
 * person, so showing one is a read of that person's data: logged under the legal basis
 * the reader has for that record now (authz.notification_subject_access, the record's
 * own rule), or, without one, shown with no subject and not logged.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(ctx: RequestContext, args: NotificationsArgs): Promise<NotificationConnection> {
    const qb = this.ds.getRepository(NotificationEntity).createQueryBuilder('n');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, NOTIFICATION))
      return { ...toPage([], 0, 0, () => []), unreadCount: 0 };
    const unread = qb.clone().andWhere('n.read_at IS NULL');
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const total = await qb.clone().getCount();
    const unreadCount = args.unreadOnly ? total : await unread.getCount();
    if (args.after) {
      const [id] = decodeCursor(args.after, 1);
      if (typeof id !== 'string' || !UUID.test(id)) throw new BadInputError('Invalid cursor');
      qb.andWhere(
        '(n.created_at, n.id) < (SELECT c.created_at, c.id FROM notification c WHERE c.id = :cId::uuid)',
        { cId: id },
      );
    }
    const size = pageSize(args);
    const rows = await withSubjectAccess(
      qb
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .limit(size + 1),
    );
    // The row past the page only tells whether there is a next page: not shown, not logged.
    const shown = [
      ...this.shown(ctx, rows.slice(0, size)),
      ...rows.slice(size).map((r) => NotificationModel.from(r.entity)),
    ];
    return {
      ...toPage(shown, size, total, (n) => [n.id]),
      unreadCount,
    };
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const qb = this.ds
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.read_at IS NULL');
    return applyAbilityScope(qb, ctx.ability, Action.Read, NOTIFICATION) ? qb.getCount() : 0;
  }

  /** Ids that are not the caller's are ignored, exactly like unknown ones. */
  async markRead(ctx: RequestContext, ids: string[]): Promise<MarkNotificationsReadResult> {
    const scope = this.ds
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .select('n.id')
      .where('n.id = ANY(:ids)', { ids })
      .andWhere('n.read_at IS NULL');
    let marked = 0;
    if (applyAbilityScope(scope, ctx.ability, Action.Update, NOTIFICATION)) {
      const [sql, params] = scope.getQueryAndParameters();
      const result: [unknown[], number] = await this.ds.query(
        `UPDATE notification SET read_at = app_now() WHERE id IN (${sql})`,
        params,
      );
      marked = result[1];
    }
    return { marked, unreadCount: await this.unreadCount(ctx) };
  }

  /**
   * One notification of the subscriber, for the subscription's event; null when it is not
   * theirs. Decided and logged when delivered, in the event's own request transaction.
   */
  async ownById(ctx: RequestContext, id: string): Promise<NotificationModel | null> {
    const rows = await withSubjectAccess(
      this.ds
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .innerJoin('app_user', 'u', 'u.id = n.recipient_user_id AND u.active')
        .where('n.id = :id AND n.recipient_user_id = :userId', { id, userId: ctx.actor.userId }),
    );
    return rows.length ? this.shown(ctx, rows)[0] : null;
  }

  /** The models shown, each read of a young person's notification queued for the log. */
  private shown(ctx: RequestContext, rows: AccessedRow[]): NotificationModel[] {
    const reads: BasisItem[] = [];
    const models = rows.map(({ entity, access }) => {
      const model = NotificationModel.from(entity);
      if (!entity.youngPersonId) return model;
      if (!access?.basis) return Object.assign(model, { subjectId: null });
      reads.push({
        subjectId: entity.id,
        youngPersonId: entity.youngPersonId,
        // The writer counts each row for the person's home municipality.
        municipalityCode: null,
        legalBasis: access.basis,
        consentIds: access.consent_ids ?? [],
      });
      return model;
    });
    for (const e of groupedEntries(AccessAction.READ, NOTIFICATION_SUBJECT, reads, LOGGED_FIELDS))
      this.log.read(ctx, e);
    return models;
  }
}

interface AccessedRow {
  entity: NotificationEntity;
  access: SubjectAccess | null;
}

/** The rows with the reader's access to their young person, in the same statement. */
async function withSubjectAccess(
  qb: SelectQueryBuilder<NotificationEntity>,
): Promise<AccessedRow[]> {
  const { entities, raw } = await qb
    .addSelect(
      `CASE WHEN n.young_person_id IS NOT NULL
            THEN to_jsonb(authz.notification_subject_access(n.subject_type, n.subject_id)) END`,
      'subject_access',
    )
    .getRawAndEntities<{ n_id: string; subject_access: SubjectAccess | null }>();
  const access = new Map(raw.map((r) => [r.n_id, r.subject_access]));
  return entities.map((entity) => ({ entity, access: access.get(entity.id) ?? null }));
}
