import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { inTransaction } from '../../core/database/transaction';
import { SqlParams } from '../../core/database/sql-params';
import { NotFoundError } from '../../core/errors/domain-error';
import { youthRegisterPeopleSql } from '../../outreach/youth-register-scope';
import { requireDates, requireTeamCoordinator } from '../kaa-register.service';
import { CloseKaaPeriodsInput, OpenKaaPeriodsInput } from './bulk-register.inputs';
import {
  BulkRegisterOutcome,
  BulkRegisterResultModel,
  BulkRegisterRowModel,
} from './bulk-register.models';

interface OutcomeRow {
  young_person_id: string;
  visible: boolean;
  changed_id: string | null;
  open_id: string | null;
  open_entry: string | null;
}

/**
 * Many register periods opened or closed at once (200 imported candidates, the
 * reconciliation's lists): one transaction, one statement for the change, one access-log
 * batch, and a result per person instead of all-or-nothing, because "already open" is a
 * normal answer for a list that someone else has partly worked through.
 */
@Injectable()
export class BulkRegisterService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  open(ctx: RequestContext, input: OpenKaaPeriodsInput): Promise<BulkRegisterResultModel> {
    requireDates({ entryDate: input.entryDate, nextFollowUpDate: input.nextFollowUpDate });
    const entries = dedupe(input.entries);
    return inTransaction(this.ds, async (em) => {
      const scope = scopeOrNotFound(ctx);
      const responsible = input.responsibleUserId ?? ctx.actor.userId;
      await requireTeamCoordinator(em, ctx, responsible);
      const p = new SqlParams();
      const rows: OutcomeRow[] = await em.query(
        `WITH req AS (
           SELECT * FROM unnest(${p.add(entries.map((e) => e.youngPersonId))}::uuid[],
                                ${p.add(entries.map((e) => e.entryReason))}::text[]) AS r(young_person_id, entry_reason)),
         vis AS (
           SELECT r.young_person_id, r.entry_reason, yp.home_municipality_code
           FROM req r JOIN young_person yp ON yp.id = r.young_person_id
           WHERE yp.id IN (${scope})),
         ins AS (
           INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason,
                                   responsible_user_id, next_follow_up_date, created_by)
           SELECT v.young_person_id, v.home_municipality_code, ${p.add(input.entryDate)}::date, v.entry_reason,
                  ${p.add(responsible)}, ${p.add(input.nextFollowUpDate ?? null)}::date, ${p.add(ctx.actor.userId)}
           FROM vis v
           ON CONFLICT (young_person_id, municipality_code) WHERE exit_date IS NULL DO NOTHING
           RETURNING id, young_person_id)
         SELECT r.young_person_id, (v.young_person_id IS NOT NULL) AS visible, ins.id AS changed_id,
                NULL::uuid AS open_id, NULL::text AS open_entry
         FROM req r LEFT JOIN vis v USING (young_person_id) LEFT JOIN ins USING (young_person_id)`,
        p.values,
      );
      const results = orderAs(entries, rows, (r) => {
        if (!r.visible) return BulkRegisterOutcome.NOT_FOUND;
        return r.changed_id ? BulkRegisterOutcome.OPENED : BulkRegisterOutcome.ALREADY_OPEN;
      });
      await this.logChange(em, ctx, AccessAction.CREATE, results, [
        'entryDate',
        'entryReason',
        'responsibleUserId',
        'nextFollowUpDate',
      ]);
      return summary(results);
    });
  }

  close(ctx: RequestContext, input: CloseKaaPeriodsInput): Promise<BulkRegisterResultModel> {
    requireDates({ exitDate: input.exitDate });
    const exits = dedupe(input.exits);
    return inTransaction(this.ds, async (em) => {
      const scope = scopeOrNotFound(ctx);
      const p = new SqlParams();
      const exitDate = p.add(input.exitDate);
      const rows: OutcomeRow[] = await em.query(
        `WITH req AS (
           SELECT * FROM unnest(${p.add(exits.map((e) => e.youngPersonId))}::uuid[],
                                ${p.add(exits.map((e) => e.exitReason))}::text[]) AS r(young_person_id, exit_reason)),
         -- The register's residents, and anyone with a period of this register: a person
         -- handed over to another municipality keeps the period here until it is closed.
         vis AS (
           SELECT r.young_person_id, r.exit_reason, per.id AS open_id, per.entry_date
           FROM req r
           LEFT JOIN kaa_period per ON per.young_person_id = r.young_person_id
             AND per.municipality_code = authz.municipality_code() AND per.exit_date IS NULL
           WHERE r.young_person_id IN (${scope})
              OR EXISTS (SELECT 1 FROM kaa_period k WHERE k.young_person_id = r.young_person_id
                           AND k.municipality_code = authz.municipality_code())),
         upd AS (
           UPDATE kaa_period per SET exit_date = ${exitDate}::date, exit_reason = v.exit_reason
           FROM vis v
           WHERE per.id = v.open_id AND v.entry_date <= ${exitDate}::date
           RETURNING per.id, per.young_person_id)
         SELECT r.young_person_id, (v.young_person_id IS NOT NULL) AS visible, upd.id AS changed_id,
                v.open_id, v.entry_date::text AS open_entry
         FROM req r LEFT JOIN vis v USING (young_person_id) LEFT JOIN upd USING (young_person_id)`,
        p.values,
      );
      const results = orderAs(exits, rows, (r) => {
        if (!r.visible) return BulkRegisterOutcome.NOT_FOUND;
        if (r.changed_id) return BulkRegisterOutcome.CLOSED;
        return r.open_id
          ? BulkRegisterOutcome.EXIT_BEFORE_ENTRY
          : BulkRegisterOutcome.NO_OPEN_PERIOD;
      });
      await this.logChange(em, ctx, AccessAction.UPDATE, results, ['exitDate', 'exitReason']);
      return summary(results);
    });
  }

  /** One batch for the whole operation; nothing is logged when nothing changed. */
  private async logChange(
    em: EntityManager,
    ctx: RequestContext,
    action: AccessAction,
    results: BulkRegisterRowModel[],
    fields: string[],
  ): Promise<void> {
    const changed = results.filter((r) => r.kaaPeriodId);
    if (!changed.length) return;
    await this.log.record(em, ctx, [
      {
        action,
        subjectType: 'KAA_PERIOD',
        subjectIds: changed.map((r) => r.kaaPeriodId!),
        youngPersonIds: changed.map((r) => r.youngPersonId),
        fields,
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}

function scopeOrNotFound(ctx: RequestContext): string {
  const scope = youthRegisterPeopleSql(ctx.actor);
  if (!scope) throw new NotFoundError('Young person');
  return scope;
}

/** The same person twice in one list counts once (the first row's reason). */
function dedupe<T extends { youngPersonId: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = r.youngPersonId.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function orderAs(
  asked: { youngPersonId: string }[],
  rows: OutcomeRow[],
  outcome: (r: OutcomeRow) => BulkRegisterOutcome,
): BulkRegisterRowModel[] {
  const byId = new Map(rows.map((r) => [r.young_person_id, r]));
  return asked.map((a) => {
    const r = byId.get(a.youngPersonId.toLowerCase())!;
    return Object.assign(new BulkRegisterRowModel(), {
      youngPersonId: a.youngPersonId,
      outcome: outcome(r),
      kaaPeriodId: r.changed_id,
    });
  });
}

function summary(results: BulkRegisterRowModel[]): BulkRegisterResultModel {
  const changed = results.filter((r) => r.kaaPeriodId).length;
  return Object.assign(new BulkRegisterResultModel(), {
    changed,
    unchanged: results.length - changed,
    results,
  });
}
