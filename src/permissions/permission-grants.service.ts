import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { Clock } from '../core/clock/clock';
import { queryRows } from '../core/database/query-rows';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import {
  GrantPermissionInput,
  PermissionGrantsArgs,
  RevokePermissionInput,
} from './dto/permission-grant.inputs';
import { PermissionGrantModel, PermissionGrantRow } from './models/permission-grant.model';

/** In force: not revoked and not past its last day (a Stockholm date). The one copy of the rule is permissions_in_force(). */
const GRANT_COLUMNS = `g.id, g.user_id, g.municipality_code, g.permission, g.reason,
  to_char(g.ends_on, 'YYYY-MM-DD') AS ends_on, g.granted_by_user_id, g.granted_at, g.revoked_at,
  g.revoked_by_user_id, g.revoke_reason, g.permission = ANY (permissions_in_force(g.user_id)) AS in_force`;

/**
 * Permissions as data (DESIGN.md §6: emergency access; §2: protected identity). A
 * MUNICIPALITY_ADMIN grants and revokes them for users of its own municipality, each with
 * a reason and an end date; every change is logged, and the municipality's auditors list
 * them. The actor is reloaded on every request from the grants in force, so a revocation
 * ends the permission on the caller's next request.
 */
@Injectable()
export class PermissionGrantsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async grant(ctx: RequestContext, input: GrantPermissionInput): Promise<PermissionGrantModel> {
    if (input.endsOn < this.clock.today()) throw new BadInputError('endsOn must be today or later');
    const reason = input.reason.trim();
    if (!reason) throw new BadInputError('reason must not be blank');
    return this.ds.transaction(async (em) => {
      const [user] = await queryRows<{ id: string }>(
        em,
        `SELECT id FROM app_user WHERE id = $1 AND municipality_code = $2 FOR UPDATE`,
        [input.userId, this.municipalityOf(ctx)],
      );
      if (!user) throw new NotFoundError('User');
      // A new grant replaces an open one (e.g. to extend it): one open grant per permission.
      await em.query(
        `UPDATE permission_grant SET revoked_at = app_now(), revoked_by_user_id = $3,
                revoke_reason = 'Replaced by a new grant'
          WHERE user_id = $1 AND permission = $2 AND revoked_at IS NULL`,
        [user.id, input.permission, ctx.actor.userId],
      );
      const [{ id }] = await queryRows<{ id: string }>(
        em,
        `INSERT INTO permission_grant (user_id, municipality_code, permission, reason, ends_on, granted_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          user.id,
          this.municipalityOf(ctx),
          input.permission,
          reason,
          input.endsOn,
          ctx.actor.userId,
        ],
      );
      await this.mirror(em, user.id);
      await this.record(em, ctx, AccessAction.CREATE, id);
      return this.load(em, id);
    });
  }

  async revoke(ctx: RequestContext, input: RevokePermissionInput): Promise<PermissionGrantModel> {
    const reason = input.reason.trim();
    if (!reason) throw new BadInputError('reason must not be blank');
    return this.ds.transaction(async (em) => {
      const [grant] = await queryRows<{ user_id: string }>(
        em,
        `UPDATE permission_grant SET revoked_at = app_now(), revoked_by_user_id = $3, revoke_reason = $4
          WHERE id = $1 AND municipality_code = $2 AND revoked_at IS NULL RETURNING user_id`,
        [input.grantId, this.municipalityOf(ctx), ctx.actor.userId, reason],
      );
      if (!grant) throw new NotFoundError('Permission grant');
      await this.mirror(em, grant.user_id);
      await this.record(em, ctx, AccessAction.UPDATE, input.grantId);
      return this.load(em, input.grantId);
    });
  }

  async list(ctx: RequestContext, args: PermissionGrantsArgs): Promise<Page<PermissionGrantModel>> {
    const municipality = this.municipalityOf(ctx, Action.Read);
    const where = ['g.municipality_code = $1'];
    const params: unknown[] = [municipality];
    if (args.userId) where.push(`g.user_id = $${params.push(args.userId)}`);
    if (args.inForce !== undefined)
      where.push(
        `(g.permission = ANY (permissions_in_force(g.user_id))) = $${params.push(args.inForce)}`,
      );
    const filter = where.join(' AND ');
    const countParams = [...params];
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      where.push(
        `(g.granted_at, g.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`,
      );
    }
    const size = pageSize(args);
    const rows = await queryRows<PermissionGrantRow>(
      this.ds,
      `SELECT ${GRANT_COLUMNS} FROM permission_grant g WHERE ${where.join(' AND ')}
        ORDER BY g.granted_at DESC, g.id DESC LIMIT ${size + 1}`,
      params,
    );
    const total = async () =>
      (
        await queryRows<{ n: number }>(
          this.ds,
          `SELECT count(*)::int AS n FROM permission_grant g WHERE ${filter}`,
          countParams,
        )
      )[0].n;
    return toPage(rows.map(PermissionGrantModel.from), size, total, (g) => [
      g.grantedAt.toISOString(),
      g.id,
    ]);
  }

  /** The caller's municipality when its ability reaches grants there; otherwise nothing is. */
  private municipalityOf(ctx: RequestContext, action = Action.Manage): string {
    const code = ctx.actor.municipalityCode;
    if (!ctx.ability.can(action, 'PermissionGrant')) throw new NotFoundError('Permission grant');
    return code;
  }

  /** app_user.permissions mirrors the open grants for readers of the user row. */
  private mirror(em: EntityManager, userId: string): Promise<unknown> {
    return em.query(
      `UPDATE app_user u SET permissions = array(
         SELECT DISTINCT permission FROM permission_grant g WHERE g.user_id = u.id AND g.revoked_at IS NULL)
        WHERE u.id = $1`,
      [userId],
    );
  }

  private record(em: EntityManager, ctx: RequestContext, action: AccessAction, id: string) {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType: 'PERMISSION_GRANT',
        subjectIds: [id],
        legalBasis: LegalBasis.ADMINISTRATION,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }

  private async load(em: EntityManager, id: string): Promise<PermissionGrantModel> {
    const [row] = await queryRows<PermissionGrantRow>(
      em,
      `SELECT ${GRANT_COLUMNS} FROM permission_grant g WHERE g.id = $1`,
      [id],
    );
    return PermissionGrantModel.from(row);
  }
}
