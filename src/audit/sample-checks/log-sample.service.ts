import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { Clock } from '../../core/clock/clock';
import { addDays } from '../../core/clock/stockholm-calendar';
import { SYSTEM_DATA_SOURCE } from '../../core/database/data-source-options';
import { queryRows } from '../../core/database/query-rows';
import { inTransaction } from '../../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../../core/graphql/connection';
import { AccessAction, LegalBasis } from '../access-log-entry';
import { AccessLogEntity } from '../access-log.entity';
import { AccessLogWriter } from '../access-log.writer';
import { AccessLogModel } from '../models/access-log.model';
import {
  DrawLogSampleInput,
  LogSampleCheckModel,
  LogSampleChecksArgs,
  LogSampleItemModel,
  MarkLogSampleItemInput,
  SampleVerdict,
  SignOffLogSampleInput,
} from './log-sample.models';

/** Reads drawn per check when nobody chose a size. */
export const DEFAULT_SAMPLE_SIZE = 20;

interface CheckRow {
  id: string;
  municipality_code: string;
  period_start: string;
  period_end: string;
  sample_size: number;
  drawn_at: Date;
  drawn_by_user_id: string | null;
  signed_off_at: Date | null;
  signed_off_by_user_id: string | null;
  sign_off_comment: string | null;
  deviations: number;
  unmarked: number;
}

const CHECK_COLUMNS = `c.id, c.municipality_code, to_char(c.period_start, 'YYYY-MM-DD') AS period_start,
  to_char(c.period_end, 'YYYY-MM-DD') AS period_end, c.sample_size, c.drawn_at, c.drawn_by_user_id,
  c.signed_off_at, c.signed_off_by_user_id, c.sign_off_comment,
  (SELECT count(*) FILTER (WHERE i.verdict = 'DEVIATION') FROM log_sample_item i WHERE i.check_id = c.id)::int AS deviations,
  (SELECT count(*) FILTER (WHERE i.verdict IS NULL) FROM log_sample_item i WHERE i.check_id = c.id)::int AS unmarked`;

/**
 * Log control as a routine (IMY's guidance; HSLF-FS 2016:40 as the model): per period the
 * system draws reads of the municipality's residents' data at random, the auditor marks
 * each as justified or as a deviation with a comment, and signs the check off. A signed
 * check is closed. Only the own municipality's checks exist for an auditor.
 */
@Injectable()
export class LogSampleService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    /** The scheduled draw looks across municipalities: it runs as the owner. */
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async draw(ctx: RequestContext, input: DrawLogSampleInput): Promise<LogSampleCheckModel> {
    const { periodStart, periodEnd } = input;
    if (periodEnd <= periodStart)
      throw new BadInputError('periodEnd must be after periodStart', { field: 'periodEnd' });
    if (periodEnd > addDays(this.clock.today(), 1))
      throw new BadInputError('The period must not end in the future', { field: 'periodEnd' });
    if (addDays(periodStart, 366) < periodEnd)
      throw new BadInputError('A period is at most a year', { field: 'periodStart' });
    return inTransaction(this.ds, async (em) => {
      const id = await this.drawIn(
        em,
        ctx.actor.municipalityCode,
        periodStart,
        periodEnd,
        input.sampleSize ?? DEFAULT_SAMPLE_SIZE,
        ctx.actor.userId,
      );
      if (!id) throw new ConflictError('A check for this period was already drawn');
      await this.logChange(em, ctx, 'LOG_SAMPLE_CHECK', id, [], AccessAction.CREATE);
      return this.find(em, ctx, id);
    });
  }

  /**
   * The scheduled draw: last month's check for every municipality with an auditor, unless
   * drawn already, so a day the job did not run is caught up on the next.
   */
  async drawDue(): Promise<number> {
    const today = this.clock.today();
    const periodEnd = `${today.slice(0, 7)}-01`;
    const periodStart = `${addDays(periodEnd, -1).slice(0, 7)}-01`;
    return inTransaction(this.system, async (em) => {
      const municipalities = await queryRows<{ code: string }>(
        em,
        `SELECT DISTINCT municipality_code AS code FROM app_user WHERE active AND 'AUDITOR' = ANY (roles)`,
        [],
      );
      let drawn = 0;
      for (const m of municipalities)
        if (await this.drawIn(em, m.code, periodStart, periodEnd, DEFAULT_SAMPLE_SIZE, null))
          drawn++;
      return drawn;
    });
  }

  async list(ctx: RequestContext, args: LogSampleChecksArgs): Promise<Page<LogSampleCheckModel>> {
    const size = pageSize(args);
    const params: unknown[] = [ctx.actor.municipalityCode, size + 1];
    let after = '';
    if (args.after) {
      const [start, id] = decodeCursor(args.after, 2);
      params.push(start, id);
      after = `AND (c.period_start, c.id) < ($3::date, $4::uuid)`;
    }
    const rows = await queryRows<CheckRow>(
      this.ds.manager,
      `SELECT ${CHECK_COLUMNS} FROM log_sample_check c
        WHERE c.municipality_code = $1 ${after}
        ORDER BY c.period_start DESC, c.id DESC LIMIT $2`,
      params,
    );
    const total = async () =>
      Number(
        (
          await queryRows<{ n: string }>(
            this.ds.manager,
            `SELECT count(*) AS n FROM log_sample_check WHERE municipality_code = $1`,
            [ctx.actor.municipalityCode],
          )
        )[0].n,
      );
    return toPage(rows.map(toCheck), size, total, (c) => [c.periodStart, c.id]);
  }

  async get(ctx: RequestContext, id: string): Promise<LogSampleCheckModel> {
    return this.find(this.ds.manager, ctx, id);
  }

  /** The drawn reads of several checks, with their log rows, in one statement. */
  async itemsOf(checkIds: readonly string[]): Promise<Map<string, LogSampleItemModel[]>> {
    const rows = await queryRows<Record<string, unknown> & { check_id: string; item_id: string }>(
      this.ds.manager,
      `SELECT i.check_id, i.id AS item_id, i.verdict, i.comment, i.reviewed_by_user_id, i.reviewed_at, l.*
         FROM log_sample_item i JOIN access_log l ON l.id = i.access_log_id
        WHERE i.check_id = ANY ($1::uuid[]) ORDER BY l.occurred_at, l.id`,
      [checkIds],
    );
    const map = new Map<string, LogSampleItemModel[]>();
    for (const r of rows) {
      const entry = this.ds.getRepository(AccessLogEntity).create({
        id: String(r.id),
        occurredAt: r.occurred_at as Date,
        requestId: r.request_id as string | null,
        actorUserId: r.actor_user_id as string | null,
        actorOrganisationId: r.actor_organisation_id as string | null,
        actorMunicipalityCode: r.actor_municipality_code as string | null,
        subjectMunicipalityCode: r.subject_municipality_code as string | null,
        action: r.action as string,
        subjectType: r.subject_type as string,
        subjectIds: r.subject_ids as string[],
        youngPersonIds: r.young_person_ids as string[],
        fields: r.fields as string[],
        legalBasis: r.legal_basis as string,
        consentIds: r.consent_ids as string[],
        sealSeq: r.seal_seq as string | null,
        hash: null,
      });
      const item = Object.assign(new LogSampleItemModel(), {
        id: r.item_id,
        entry: AccessLogModel.from(entry),
        verdict: r.verdict as SampleVerdict | null,
        comment: r.comment as string | null,
        reviewedByUserId: r.reviewed_by_user_id as string | null,
        reviewedAt: r.reviewed_at as Date | null,
      });
      map.set(r.check_id, [...(map.get(r.check_id) ?? []), item]);
    }
    return map;
  }

  async mark(ctx: RequestContext, input: MarkLogSampleItemInput): Promise<LogSampleCheckModel> {
    const comment = input.comment?.trim() || null;
    if (input.verdict === SampleVerdict.DEVIATION && !comment)
      throw new BadInputError('A deviation needs a comment', { field: 'comment' });
    return inTransaction(this.ds, async (em) => {
      const [item] = await queryRows<{ check_id: string; signed_off_at: Date | null }>(
        em,
        `SELECT i.check_id, c.signed_off_at FROM log_sample_item i
           JOIN log_sample_check c ON c.id = i.check_id
          WHERE i.id = $1 AND c.municipality_code = $2 FOR UPDATE OF i, c`,
        [input.itemId, ctx.actor.municipalityCode],
      );
      if (!item) throw new NotFoundError('Sample item');
      if (item.signed_off_at) throw new ConflictError('The check is signed off');
      await em.query(
        `UPDATE log_sample_item SET verdict = $2, comment = $3, reviewed_by_user_id = $4, reviewed_at = app_now()
          WHERE id = $1`,
        [input.itemId, input.verdict, comment, ctx.actor.userId],
      );
      await this.logChange(em, ctx, 'LOG_SAMPLE_ITEM', input.itemId, ['verdict', 'comment']);
      return this.find(em, ctx, item.check_id);
    });
  }

  async signOff(
    ctx: RequestContext,
    id: string,
    input: SignOffLogSampleInput,
  ): Promise<LogSampleCheckModel> {
    return inTransaction(this.ds, async (em) => {
      const check = await this.find(em, ctx, id, true);
      if (check.signedOffAt) throw new ConflictError('The check is already signed off');
      if (check.unmarked > 0)
        throw new ConflictError('Every drawn read must be marked before sign-off', {
          unmarked: check.unmarked,
        });
      await em.query(
        `UPDATE log_sample_check SET signed_off_at = app_now(), signed_off_by_user_id = $2, sign_off_comment = $3
          WHERE id = $1`,
        [id, ctx.actor.userId, input.comment?.trim() || null],
      );
      await this.logChange(em, ctx, 'LOG_SAMPLE_CHECK', id, ['signedOffAt', 'signOffComment']);
      return this.find(em, ctx, id);
    });
  }

  private async drawIn(
    em: EntityManager,
    municipalityCode: string,
    periodStart: string,
    periodEnd: string,
    size: number,
    userId: string | null,
  ): Promise<string | null> {
    const [check] = await queryRows<{ id: string }>(
      em,
      `INSERT INTO log_sample_check (municipality_code, period_start, period_end, sample_size, drawn_by_user_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [municipalityCode, periodStart, periodEnd, size, userId],
    );
    if (!check) return null;
    // Reads by people (not the system) of the municipality's residents' data in the period.
    await em.query(
      `INSERT INTO log_sample_item (check_id, access_log_id)
       SELECT $1, l.id FROM access_log l
        WHERE l.subject_municipality_code = $2 AND l.action IN ('READ', 'SEARCH', 'EXPORT')
          AND l.actor_user_id IS NOT NULL
          AND l.occurred_at >= ($3::date::timestamp AT TIME ZONE 'Europe/Stockholm')
          AND l.occurred_at < ($4::date::timestamp AT TIME ZONE 'Europe/Stockholm')
        ORDER BY random() LIMIT $5`,
      [check.id, municipalityCode, periodStart, periodEnd, size],
    );
    return check.id;
  }

  private async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    lock = false,
  ): Promise<LogSampleCheckModel> {
    if (lock) await em.query(`SELECT 1 FROM log_sample_check WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await queryRows<CheckRow>(
      em,
      `SELECT ${CHECK_COLUMNS} FROM log_sample_check c WHERE c.id = $1 AND c.municipality_code = $2`,
      [id, ctx.actor.municipalityCode],
    );
    if (!row) throw new NotFoundError('Sample check');
    return toCheck(row);
  }

  private logChange(
    em: EntityManager,
    ctx: RequestContext,
    subjectType: string,
    id: string,
    fields: string[],
    action = AccessAction.UPDATE,
  ) {
    return this.log.record(em, ctx, [
      {
        action,
        subjectType,
        subjectIds: [id],
        fields,
        legalBasis: LegalBasis.AUDIT,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
  }
}

function toCheck(r: CheckRow): LogSampleCheckModel {
  return Object.assign(new LogSampleCheckModel(), {
    id: r.id,
    municipalityCode: r.municipality_code,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    sampleSize: r.sample_size,
    drawnAt: r.drawn_at,
    drawnByUserId: r.drawn_by_user_id,
    signedOffAt: r.signed_off_at,
    signedOffByUserId: r.signed_off_by_user_id,
    signOffComment: r.sign_off_comment,
    deviations: r.deviations,
    unmarked: r.unmarked,
  });
}
