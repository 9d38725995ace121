import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { UnusualAccessArgs, UnusualAccessModel } from './models/unusual-access.model';
import { UNUSUAL_ACCESS_FROM } from './unusual-access.sql';

interface Row {
  log_id: string;
  young_person_id: string;
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
    if (args.from) add('l.occurred_at >= ?', args.from);
    if (args.to) add('l.occurred_at < ?', args.to);
    if (args.organisationId) add('l.actor_organisation_id = ?', args.organisationId);
    if (args.userId) add('l.actor_user_id = ?', args.userId);
    if (args.youngPersonId) add('yp.id = ?', args.youngPersonId);
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n ${UNUSUAL_ACCESS_FROM} ${filter}`,
      params,
    );
    let keyset = '';
    if (args.after) {
      const [logId, ypId] = decodeCursor(args.after, 2);
      params.push(String(logId), String(ypId));
      keyset = ` AND (l.id, yp.id) < ($${params.length - 1}::bigint, $${params.length}::uuid)`;
    }
    const size = pageSize(args);
    const rows: Row[] = await this.ds.query(
      `SELECT l.id AS log_id, yp.id AS young_person_id, l.occurred_at, l.actor_user_id,
              l.actor_organisation_id, o.kind AS actor_organisation_kind, l.action,
              l.subject_type, l.legal_basis,
              CASE WHEN p.id IS NULL THEN 'NO_RELATION_PERSON_REMOVED'
                   WHEN o.municipality_code <> p.home_municipality_code THEN 'NO_RELATION_OTHER_MUNICIPALITY'
                   ELSE 'NO_RELATION' END AS reason
       ${UNUSUAL_ACCESS_FROM} ${filter} ${keyset}
       ORDER BY l.id DESC, yp.id DESC LIMIT ${size + 1}`,
      params,
    );
    return toPage(rows.map(toModel), size, n, (r) => [r.logId, r.youngPersonId]);
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
