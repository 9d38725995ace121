import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { WorkListArgs } from './dto/work-list.inputs';
import { WorkListItemModel } from './models/work-list.model';
import { ContactChannel, ContactOutcome, WorkListReason } from './outreach.enums';
import { isStatutoryYouthTeam } from '../core/authorization/statutory-youth-team';
import { SqlParams } from '../core/database/sql-params';
import { WORK_LIST_TERMS, workListSql } from './work-list.sql';

interface WorkListRow {
  kaa_period_id: string;
  young_person_id: string;
  given_name: string;
  family_name: string;
  age: number;
  entry_date_text: string;
  responsible_user_id: string | null;
  responsible_name: string | null;
  next_follow_up_text: string | null;
  contact_count: number;
  last_contact_at: Date | null;
  last_contact_channel: ContactChannel | null;
  last_contact_outcome: ContactOutcome | null;
  reasons: WorkListReason[];
  priority: number;
  sort_key: Date;
  total_count: number;
  days_since_contact: number;
  occupation_known: boolean;
  next_home_visit_at: Date | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  contact_hidden: boolean;
}

export const WORK_LIST_FIELDS = [
  'givenName',
  'familyName',
  'birthDate',
  'responsibleUserId',
  'nextFollowUpDate',
  'occupation',
  'contactAttempts',
  'guardians.declinedContact',
];

/** The youth team's daily list (DESIGN.md §3): one SQL statement, whatever the page size. */
@Injectable()
export class WorkListService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(ctx: RequestContext, args: WorkListArgs): Promise<Page<WorkListItemModel>> {
    const size = pageSize(args);
    const result = await this.fetch(ctx, args, size + 1);
    if (!result) return toPage([], size, 0, () => []);
    // The statement always returns one row so the total is known even past the last page.
    const total = result[0]?.total_count ?? 0;
    const rows = result.filter((r) => r.kaa_period_id !== null);
    const page = rows.slice(0, size);
    this.logRead(ctx, page, AccessAction.READ);
    return toPage(rows.map(toModel), size, total, (m) => [m.priority, m.sortKey, m.kaaPeriodId]);
  }

  /** The whole list (up to `max` rows, filters as the page's) for an export; logged as EXPORT. */
  async exportRows(
    ctx: RequestContext,
    args: WorkListArgs,
    max: number,
  ): Promise<WorkListItemModel[]> {
    const result = await this.fetch(ctx, { ...args, after: undefined }, max);
    const rows = (result ?? []).filter((r) => r.kaa_period_id !== null);
    this.logRead(ctx, rows, AccessAction.EXPORT);
    return rows.map(toModel);
  }

  private async fetch(
    ctx: RequestContext,
    args: WorkListArgs,
    limit: number,
  ): Promise<WorkListRow[] | null> {
    // Only a statutory youth team keeps a register; row-level security narrows the rest.
    if (!isStatutoryYouthTeam(ctx.actor)) return null;
    const p = new SqlParams();
    const age = WORK_LIST_TERMS.age;
    const filters: string[] = [];
    if (args.reason) filters.push(`${p.add(args.reason)} = ANY(k.reasons)`);
    if (args.responsibleIsMe) filters.push(`k.responsible_user_id = ${p.add(ctx.actor.userId)}`);
    if (args.responsibleUserId) {
      filters.push(`k.responsible_user_id = ${p.add(args.responsibleUserId)}`);
    }
    if (args.minAge != null) filters.push(`${age} >= ${p.add(args.minAge)}`);
    if (args.maxAge != null) filters.push(`${age} <= ${p.add(args.maxAge)}`);
    if (args.under18 != null) filters.push(args.under18 ? `${age} < 18` : `${age} >= 18`);
    if (args.minDaysSinceLastContact != null) {
      filters.push(`${WORK_LIST_TERMS.daysSinceContact} >= ${p.add(args.minDaysSinceLastContact)}`);
    }
    let cursor: string | null = null;
    if (args.after) {
      const [priority, key, id] = decodeCursor(args.after, 3);
      cursor = `(k.priority, k.sort_key, k.kaa_period_id) > (${p.add(Number(priority))}::int, ${p.add(
        String(key),
      )}::timestamptz, ${p.add(String(id))}::uuid)`;
    }
    const sql = workListSql({
      municipality: p.add(ctx.actor.municipalityCode),
      filters,
      cursor,
      limit: p.add(limit),
    });
    return this.ds.query(sql, p.values);
  }

  private logRead(ctx: RequestContext, page: WorkListRow[], action: AccessAction): void {
    if (action === AccessAction.EXPORT && !page.length) return;
    this.log.read(ctx, {
      action,
      subjectType: 'WORK_LIST',
      subjectIds: page.map((r) => r.kaa_period_id),
      youngPersonIds: page.map((r) => r.young_person_id),
      fields: page.some((r) => !r.contact_hidden)
        ? [...WORK_LIST_FIELDS, 'streetAddress', 'postalCode', 'city', 'phone']
        : WORK_LIST_FIELDS,
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
  }
}

function toModel(r: WorkListRow): WorkListItemModel {
  return Object.assign(new WorkListItemModel(), {
    kaaPeriodId: r.kaa_period_id,
    youngPersonId: r.young_person_id,
    givenName: r.given_name,
    familyName: r.family_name,
    age: r.age,
    reason: r.reasons[0],
    reasons: r.reasons,
    priority: r.priority,
    entryDate: r.entry_date_text,
    responsibleUserId: r.responsible_user_id,
    responsibleName: r.responsible_name,
    nextFollowUpDate: r.next_follow_up_text,
    contactCount: r.contact_count,
    lastContactAt: r.last_contact_at,
    lastContactChannel: r.last_contact_channel,
    lastContactOutcome: r.last_contact_outcome,
    sortKey: new Date(r.sort_key).toISOString(),
    daysSinceLastContact: r.days_since_contact,
    occupationKnown: r.occupation_known,
    nextHomeVisitAt: r.next_home_visit_at,
    streetAddress: r.street_address,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    contactHidden: r.contact_hidden,
  });
}
