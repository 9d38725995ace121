import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { UnusualAccessArgs, UnusualAccessModel } from './models/unusual-access.model';
import { UNUSUAL_ACCESS_FROM } from './unusual-access.sql';

/** A budget breach names no young person; it sorts as this id within its log row. */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';
const PERSON_KEY = `coalesce(u.young_person_id, '${NO_PERSON}'::uuid)`;

interface Row {
  log_id: string;
  young_person_id: string | null;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string;
  actor_organisation_kind: string;
  action: string;
  subject_type: string;
  legal_basis: string;
  reason: string;
}

/**
 * The auditor's unusual-access list (DESIGN.md §7): computed in SQL over the log's
 * young_person_ids, so the page and its count stay right however many rows the log holds.
 */
@Injectable()
export class UnusualAccessService {
  constructor(@InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource) {}

  async list(ctx: RequestContext, args: UnusualAccessArgs): Promise<Page<UnusualAccessModel>> {
    // Auditors only ever see the log of their own municipality.
    if (!ctx.ability.can(Action.Read, 'UnusualAccess')) return toPage([], 0, 0, () => []);
    const params: unknown[] = [ctx.actor.municipalityCode];
    let filter = '';
    const add = (sql: string, value: unknown) => {
      params.push(value);
      filter += ` AND ${sql.replace('?', `$${params.length}`)}`;
    };
    if (args.from) add('u.occurred_at >= ?', args.from);
    if (args.to) add('u.occurred_at < ?', args.to);
    if (args.organisationId) add('u.actor_organisation_id = ?', args.organisationId);
    if (args.userId) add('u.actor_user_id = ?', args.userId);
    if (args.youngPersonId) add('u.young_person_id = ?', args.youngPersonId);
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n ${UNUSUAL_ACCESS_FROM} ${filter}`,
      params,
    );
    let keyset = '';
    if (args.after) {
      const [logId, ypId] = decodeCursor(args.after, 2);
      params.push(String(logId), String(ypId));
      keyset = ` AND (u.log_id, ${PERSON_KEY}) < ($${params.length - 1}::bigint, $${params.length}::uuid)`;
    }
    const size = pageSize(args);
    const rows: Row[] = await this.ds.query(
      `SELECT u.*
       ${UNUSUAL_ACCESS_FROM} ${filter} ${keyset}
       ORDER BY u.log_id DESC, ${PERSON_KEY} DESC LIMIT ${size + 1}`,
      params,
    );
    return toPage(rows.map(toModel), size, n, (r) => [r.logId, r.youngPersonId ?? NO_PERSON]);
  }
}

function toModel(r: Row): UnusualAccessModel {
  return Object.assign(new UnusualAccessModel(), {
    logId: String(r.log_id),
    youngPersonId: r.young_person_id,
    occurredAt: r.occurred_at,
    actorUserId: r.actor_user_id,
    actorOrganisationId: r.actor_organisation_id,
    actorOrganisationKind: r.actor_organisation_kind,
    action: r.action,
    subjectType: r.subject_type,
    legalBasis: r.legal_basis,
    reason: r.reason,
  });
}
