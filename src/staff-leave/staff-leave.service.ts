import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES, Role } from '../identity/role.enum';
import { UserEntity } from '../identity/user.entity';
import { NotificationWriter } from '../notifications/notification.writer';
import { ReassignStaffWorkInput } from './dto/reassign-staff-work.input';
import {
  StaffWorkPreviewModel,
  StaffWorkReassignmentModel,
} from './models/staff-work-reassignment.model';
import { STAFF_WORK_KINDS, StaffWorkKind } from './staff-work.kinds';
import { queryRows } from '../core/database/query-rows';

/** The role the receiver needs for a kind of work; any case-working role otherwise. */
const REQUIRED_ROLE: Partial<Record<StaffWorkKind['key'], Role>> = {
  kaaPeriods: Role.YOUTH_COORDINATOR,
  riskFlags: Role.COUNSELLOR,
};

interface Moved {
  id: string;
  young_person_id: string;
  municipality_code: string;
}

/**
 * Staff leave: moves all of a user's open work (cases led, tasks, referrals sent, risk
 * flags, KAA periods) to an active colleague of the same organisation in one transaction,
 * the access-log rows included. Either everything moves or nothing does.
 */
@Injectable()
export class StaffLeaveService {
  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async reassign(
    ctx: RequestContext,
    input: ReassignStaffWorkInput,
  ): Promise<StaffWorkReassignmentModel> {
    if (input.fromUserId === input.toUserId) throw sameUser();
    return inTransaction(this.ds, async (em) => {
      const { from, to } = await this.users(em, ctx, input.fromUserId, input.toUserId, true);
      const params = [from.id, from.organisationId];
      const counts = await this.counts(em, params);
      this.checkReceiver(to!, counts);
      const result = Object.assign(new StaffWorkReassignmentModel(), {
        fromUserId: from.id,
        toUserId: to!.id,
      });
      const entries: AccessLogEntry[] = [];
      for (const kind of STAFF_WORK_KINDS) {
        const rows: Moved[] = counts[kind.key] > 0 ? await this.move(em, kind, params, to!.id) : [];
        result[kind.key] = rows.length;
        entries.push(...logEntries(kind, rows));
      }
      await this.log.record(em, ctx, entries);
      if (entries.length)
        await this.notifications.notify(
          em,
          { organisationId: to!.organisationId, userId: to!.id },
          { kind: 'WORK_REASSIGNED', subjectType: 'USER', subjectId: from.id },
        );
      return result;
    });
  }

  /**
   * What reassign would move now, by the same counts and (with a receiver) the same
   * checks; reads only, so the admin sees it before anything moves. Counts name no one.
   */
  async preview(
    ctx: RequestContext,
    fromUserId: string,
    toUserId: string | undefined,
  ): Promise<StaffWorkPreviewModel> {
    if (fromUserId === toUserId) throw sameUser();
    return inTransaction(this.ds, async (em) => {
      const { from, to } = await this.users(em, ctx, fromUserId, toUserId, false);
      const counts = await this.counts(em, [from.id, from.organisationId]);
      if (to) this.checkReceiver(to, counts);
      return Object.assign(new StaffWorkPreviewModel(), counts, {
        fromUserId: from.id,
        toUserId: to?.id ?? null,
      });
    });
  }

  private async counts(
    em: EntityManager,
    params: string[],
  ): Promise<Record<StaffWorkKind['key'], number>> {
    const [counts] = await em.query(
      `SELECT ${STAFF_WORK_KINDS.map((k) => `(${k.count})::int AS "${k.key}"`).join(', ')}`,
      params,
    );
    return counts;
  }

  /**
   * Both users inside the admin's reach (locked when the work is to move); the receiver
   * in the leaver's organisation.
   */
  private async users(
    em: EntityManager,
    ctx: RequestContext,
    fromUserId: string,
    toUserId: string | undefined,
    lock: boolean,
  ) {
    const ids = toUserId ? [fromUserId, toUserId] : [fromUserId];
    const qb = em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id IN (:...ids)', { ids })
      .orderBy('u.id');
    if (lock) qb.setLock('pessimistic_write');
    const found = applyAbilityScope(qb, ctx.ability, Action.Update, 'User')
      ? await qb.getMany()
      : [];
    const from = found.find((u) => u.id === fromUserId);
    const to = toUserId ? found.find((u) => u.id === toUserId) : undefined;
    if (!from) throw new NotFoundError('User');
    // A colleague in another organisation is out of reach, whoever asks.
    if (toUserId && (!to || to.organisationId !== from.organisationId))
      throw new NotFoundError('User');
    return { from, to };
  }

  private checkReceiver(to: UserEntity, counts: Record<string, number>): void {
    if (!to.active)
      throw new BadInputError('The receiving user is not active', { field: 'toUserId' });
    if (!to.roles.some((r) => CASE_WORKING_ROLES.includes(r)))
      throw new BadInputError('The receiving user has no case-working role', { field: 'toUserId' });
    for (const kind of STAFF_WORK_KINDS) {
      const role = REQUIRED_ROLE[kind.key];
      if (role && counts[kind.key] > 0 && !to.roles.includes(role))
        throw new BadInputError(`The receiving user needs the ${role} role for ${kind.key}`, {
          field: 'toUserId',
          kind: kind.key,
        });
    }
  }

  private move(em: EntityManager, kind: StaffWorkKind, params: string[], toId: string) {
    return queryRows<Moved>(em, kind.update, [...params, toId]);
  }
}

function sameUser(): BadInputError {
  return new BadInputError('Choose another user to receive the work', { field: 'toUserId' });
}

/** One UPDATE row per kind and municipality, with the ids and the young people affected. */
function logEntries(kind: StaffWorkKind, rows: Moved[]): AccessLogEntry[] {
  const byMunicipality = new Map<string, Moved[]>();
  for (const r of rows)
    byMunicipality.set(r.municipality_code, [
      ...(byMunicipality.get(r.municipality_code) ?? []),
      r,
    ]);
  return [...byMunicipality].map(([municipalityCode, moved]) => ({
    action: AccessAction.UPDATE,
    subjectType: kind.subjectType,
    subjectIds: moved.map((m) => m.id),
    youngPersonIds: moved.map((m) => m.young_person_id),
    fields: [kind.field],
    legalBasis: LegalBasis.ADMINISTRATION,
    subjectMunicipalityCode: municipalityCode,
  }));
}
