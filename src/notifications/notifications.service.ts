import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** The caller's own notification feed. */
@Injectable()
export class NotificationsService {
  constructor(private readonly ds: DataSource) {}

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
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(size + 1)
      .getMany();
    return {
      ...toPage(rows.map(NotificationModel.from), size, total, (n) => [n.id]),
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

  /** One notification of one user, for the subscription; null when it is not theirs. */
  async ownById(userId: string, id: string): Promise<NotificationModel | null> {
    const row = await this.ds
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .innerJoin('app_user', 'u', 'u.id = n.recipient_user_id AND u.active')
      .where('n.id = :id AND n.recipient_user_id = :userId', { id, userId })
      .getOne();
    return row ? NotificationModel.from(row) : null;
  }
}
