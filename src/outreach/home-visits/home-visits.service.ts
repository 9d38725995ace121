import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Clock } from '../../core/clock/clock';
import { addDays, isCalendarDate } from '../../core/clock/stockholm-calendar';
import { inTransaction } from '../../core/database/transaction';
import { BadInputError, NotFoundError } from '../../core/errors/domain-error';
import { Role } from '../../identity/role.enum';
import { ContactAttemptsService } from '../contact-attempts.service';
import { ContactChannel, ContactDirection } from '../outreach.enums';
import { SqlParams, youthRegisterPeopleSql } from '../youth-register-scope';
import { BookHomeVisitInput, HomeVisitAgendaArgs, RecordHomeVisitInput } from './home-visit.inputs';
import { HomeVisitModel, HomeVisitStatus } from './home-visit.model';

const VISIT_FIELDS = ['plannedAt', 'staffUserIds', 'status', 'note'];
const CONTACT_FIELDS = ['streetAddress', 'postalCode', 'city', 'phone'];
const MAX_AGENDA_DAYS = 62;
const MAX_AGENDA_ROWS = 500;
/** A booking a few minutes "ago" is a slow form, not a visit in the past. */
const PAST_TOLERANCE_MS = 5 * 60_000;

interface VisitRow {
  id: string;
  young_person_id: string;
  given_name: string;
  family_name: string;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  contact_hidden: boolean;
  planned_at: Date;
  staff: { userId: string; displayName: string | null }[];
  status: HomeVisitStatus;
  note: string | null;
  contact_attempt_id: string | null;
}

/**
 * Booked home visits (seeds/004: who does not answer the letters gets a visit; seeds/000:
 * under-18s whose guardians declined need one), on a per-coordinator agenda. The youth team
 * of the home municipality only, like every outreach record.
 */
@Injectable()
export class HomeVisitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
    private readonly contacts: ContactAttemptsService,
  ) {}

  book(ctx: RequestContext, input: BookHomeVisitInput): Promise<HomeVisitModel> {
    if (input.plannedAt.getTime() < this.clock.now().getTime() - PAST_TOLERANCE_MS) {
      throw new BadInputError('plannedAt must not be in the past', { field: 'plannedAt' });
    }
    const staff = [...new Set(input.staffUserIds.map((s) => s.toLowerCase()))];
    if (staff.length < 2) {
      throw new BadInputError('a home visit needs two different staff', { field: 'staffUserIds' });
    }
    return inTransaction(this.ds, async (em) => {
      await requireTeamStaff(em, ctx, staff);
      const p = new SqlParams();
      const scope = scopeOf(ctx);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO home_visit (young_person_id, municipality_code, planned_at, staff_user_ids, note, created_by)
         SELECT yp.id, yp.home_municipality_code, ${p.add(input.plannedAt)}, ${p.add(staff)}::uuid[],
                ${p.add(input.note?.trim() || null)}, ${p.add(ctx.actor.userId)}
         FROM young_person yp WHERE yp.id = ${p.add(input.youngPersonId)} AND yp.id IN (${scope})
         RETURNING id`,
        p.values,
      );
      if (!rows.length) throw new NotFoundError('Young person');
      const [visit] = await this.select(em, ctx, { id: rows[0].id });
      await this.logChange(em, ctx, AccessAction.CREATE, visit, VISIT_FIELDS);
      return visit;
    });
  }

  /** The visit happened: it becomes a HOME_VISIT contact attempt, in the same transaction. */
  record(ctx: RequestContext, id: string, input: RecordHomeVisitInput): Promise<HomeVisitModel> {
    return inTransaction(this.ds, async (em) => {
      const visit = await this.lockPlanned(em, ctx, id);
      const contact = await this.contacts.recordIn(em, ctx, {
        youngPersonId: visit.young_person_id,
        channel: ContactChannel.HOME_VISIT,
        direction: ContactDirection.OUTBOUND,
        occurredAt: input.occurredAt ?? this.clock.now(),
        outcome: input.outcome,
        note: input.note ?? null,
      });
      await em.query(
        `UPDATE home_visit SET status = 'DONE', contact_attempt_id = $2 WHERE id = $1`,
        [id, contact.id],
      );
      const [done] = await this.select(em, ctx, { id });
      await this.logChange(em, ctx, AccessAction.UPDATE, done, ['status', 'contactAttemptId']);
      return done;
    });
  }

  cancel(ctx: RequestContext, id: string): Promise<HomeVisitModel> {
    return inTransaction(this.ds, async (em) => {
      await this.lockPlanned(em, ctx, id);
      await em.query(`UPDATE home_visit SET status = 'CANCELLED' WHERE id = $1`, [id]);
      const [cancelled] = await this.select(em, ctx, { id });
      await this.logChange(em, ctx, AccessAction.UPDATE, cancelled, ['status']);
      return cancelled;
    });
  }

  /** One statement for the whole agenda, ordered by time; cancelled visits are left out. */
  async agenda(ctx: RequestContext, args: HomeVisitAgendaArgs): Promise<HomeVisitModel[]> {
    for (const [field, value] of [
      ['from', args.from],
      ['to', args.to],
    ]) {
      if (!isCalendarDate(value))
        throw new BadInputError(`${field} is not a valid date`, { field });
    }
    if (args.to < args.from || addDays(args.from, MAX_AGENDA_DAYS) < args.to) {
      throw new BadInputError(`to must be from 0 to ${MAX_AGENDA_DAYS} days after from`, {
        field: 'to',
      });
    }
    if (!youthRegisterPeopleSql(ctx.actor)) return [];
    const visits = await this.select(this.ds.manager, ctx, {
      from: args.from,
      to: args.to,
      staff: args.wholeTeam ? null : (args.staffUserId ?? ctx.actor.userId),
    });
    if (visits.length) {
      this.log.read(ctx, {
        action: AccessAction.READ,
        subjectType: 'HOME_VISIT',
        subjectIds: visits.map((v) => v.id),
        youngPersonIds: visits.map((v) => v.youngPersonId),
        fields: fieldsOf(visits),
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      });
    }
    return visits;
  }

  private async lockPlanned(em: EntityManager, ctx: RequestContext, id: string) {
    const p = new SqlParams();
    const rows: { young_person_id: string; status: string }[] = await em.query(
      `SELECT hv.young_person_id, hv.status FROM home_visit hv
       WHERE hv.id = ${p.add(id)} AND hv.municipality_code = ${p.add(ctx.actor.municipalityCode)}
         AND hv.young_person_id IN (${scopeOf(ctx)})
       FOR UPDATE OF hv`,
      p.values,
    );
    if (!rows.length) throw new NotFoundError('Home visit');
    if (rows[0].status !== HomeVisitStatus.PLANNED) {
      throw new BadInputError('The home visit is no longer planned');
    }
    return rows[0];
  }

  private async select(
    em: EntityManager,
    ctx: RequestContext,
    by: { id: string } | { from: string; to: string; staff: string | null },
  ): Promise<HomeVisitModel[]> {
    const p = new SqlParams();
    const where =
      'id' in by
        ? [`hv.id = ${p.add(by.id)}`]
        : [
            `hv.status <> 'CANCELLED'`,
            `hv.planned_at >= stockholm_day_start(${p.add(by.from)}::date)`,
            `hv.planned_at < stockholm_day_start(${p.add(by.to)}::date + 1)`,
            ...(by.staff ? [`${p.add(by.staff)}::uuid = ANY(hv.staff_user_ids)`] : []),
          ];
    const rows: VisitRow[] = await em.query(
      `SELECT hv.id, hv.young_person_id, yp.given_name, yp.family_name,
              CASE WHEN a.contact THEN yp.street_address END AS street_address,
              CASE WHEN a.contact THEN yp.postal_code END AS postal_code,
              CASE WHEN a.contact THEN yp.city END AS city,
              CASE WHEN a.contact THEN yp.phone END AS phone,
              NOT coalesce(a.contact, false) AS contact_hidden,
              hv.planned_at, hv.status, hv.note, hv.contact_attempt_id,
              (SELECT coalesce(json_agg(json_build_object('userId', s.id, 'displayName', u.display_name)
                                        ORDER BY s.ord), '[]')
                 FROM unnest(hv.staff_user_ids) WITH ORDINALITY s(id, ord)
                 LEFT JOIN app_user u ON u.id = s.id) AS staff
       FROM home_visit hv
       JOIN young_person yp ON yp.id = hv.young_person_id AND yp.home_municipality_code = hv.municipality_code
       CROSS JOIN LATERAL authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) a
       WHERE hv.municipality_code = ${p.add(ctx.actor.municipalityCode)}
         AND hv.young_person_id IN (${scopeOf(ctx)}) AND ${where.join(' AND ')}
       ORDER BY hv.planned_at, hv.id LIMIT ${MAX_AGENDA_ROWS}`,
      p.values,
    );
    return rows.map(toModel);
  }

  private logChange(
    em: EntityManager,
    ctx: RequestContext,
    action: AccessAction,
    visit: HomeVisitModel,
    fields: string[],
  ): Promise<void> {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType: 'HOME_VISIT',
        subjectIds: [visit.id],
        youngPersonIds: [visit.youngPersonId],
        fields: [...fields, ...(visit.contactHidden ? [] : CONTACT_FIELDS)],
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}

function scopeOf(ctx: RequestContext): string {
  const scope = youthRegisterPeopleSql(ctx.actor);
  if (!scope) throw new NotFoundError('Young person');
  return scope;
}

/** Every visitor must be an active coordinator of the caller's own youth team. */
async function requireTeamStaff(
  em: EntityManager,
  ctx: RequestContext,
  userIds: string[],
): Promise<void> {
  const [{ n }]: { n: number }[] = await em.query(
    `SELECT count(*)::int AS n FROM app_user u
     WHERE u.id = ANY($1::uuid[]) AND u.organisation_id = $2 AND u.active AND $3 = ANY(u.roles)`,
    [userIds, ctx.actor.organisationId, Role.YOUTH_COORDINATOR],
  );
  if (n !== userIds.length) {
    throw new BadInputError('staffUserIds must be coordinators of your own team', {
      field: 'staffUserIds',
    });
  }
}

function fieldsOf(visits: HomeVisitModel[]): string[] {
  const shown = visits.some((v) => !v.contactHidden);
  return ['givenName', 'familyName', ...VISIT_FIELDS, ...(shown ? CONTACT_FIELDS : [])];
}

function toModel(r: VisitRow): HomeVisitModel {
  return Object.assign(new HomeVisitModel(), {
    id: r.id,
    youngPersonId: r.young_person_id,
    givenName: r.given_name,
    familyName: r.family_name,
    streetAddress: r.street_address,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    contactHidden: r.contact_hidden,
    plannedAt: r.planned_at,
    staff: r.staff,
    status: r.status,
    note: r.note,
    contactAttemptId: r.contact_attempt_id,
  });
}
