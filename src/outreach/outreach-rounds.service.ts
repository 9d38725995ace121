import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { assertNotFuture, CONTACT_FIELDS } from './contact-attempts.service';
import { OutreachRoundsArgs, RecordOutreachRoundInput } from './dto/contact-attempt.inputs';
import { OutreachRoundModel } from './models/contact-attempt.model';
import { SqlParams, youthRegisterPeopleSql } from './youth-register-scope';
import { Clock } from '../core/clock/clock';

interface RoundRow {
  id: string;
  channel: OutreachRoundModel['channel'];
  direction: OutreachRoundModel['direction'];
  outcome: OutreachRoundModel['outcome'];
  occurred_at: Date;
  note: string | null;
  recipient_count: number;
  created_by: string;
  created_at: Date;
}

function toModel(r: RoundRow): OutreachRoundModel {
  return Object.assign(new OutreachRoundModel(), {
    id: r.id,
    channel: r.channel,
    direction: r.direction,
    outcome: r.outcome,
    occurredAt: r.occurred_at,
    note: r.note,
    recipientCount: r.recipient_count,
    createdByUserId: r.created_by,
    createdAt: r.created_at,
  });
}

/**
 * Bulk outreach (e.g. the letter to every young person in the register): all recipients
 * or none, one transaction, one access-log batch.
 */
@Injectable()
export class OutreachRoundsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async record(ctx: RequestContext, input: RecordOutreachRoundInput): Promise<OutreachRoundModel> {
    return inTransaction(this.ds, (em) => this.recordIn(em, ctx, input));
  }

  /** Inside the caller's transaction (a letter round produces its PDF in the same one). */
  async recordIn(
    em: EntityManager,
    ctx: RequestContext,
    input: RecordOutreachRoundInput,
  ): Promise<OutreachRoundModel> {
    assertNotFuture(input.occurredAt, this.clock.now());
    const ids = [...new Set(input.youngPersonIds)];
    {
      const p = new SqlParams();
      const scope = youthRegisterPeopleSql(ctx.actor);
      if (!scope) throw new NotFoundError('Young person');
      const visible: { n: number }[] = await em.query(
        `SELECT count(*)::int AS n FROM young_person yp
         WHERE yp.id = ANY(${p.add(ids)}::uuid[]) AND yp.id IN (${scope})`,
        p.values,
      );
      // One id the caller may not touch refuses the whole round, without saying which.
      if (visible[0].n !== ids.length) throw new NotFoundError('Young person');
      const [round]: RoundRow[] = await em.query(
        `INSERT INTO outreach_round
           (municipality_code, channel, direction, outcome, occurred_at, note, recipient_count, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          ctx.actor.municipalityCode,
          input.channel,
          input.direction,
          input.outcome,
          input.occurredAt,
          input.note ?? null,
          ids.length,
          ctx.actor.userId,
        ],
      );
      const contacts: { id: string }[] = await em.query(
        `INSERT INTO contact_attempt
           (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome, note, outreach_round_id)
         SELECT yp_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::uuid[]) AS yp_id
         RETURNING id`,
        [
          ids,
          ctx.actor.municipalityCode,
          input.channel,
          input.direction,
          input.occurredAt,
          ctx.actor.userId,
          input.outcome,
          input.note ?? null,
          round.id,
        ],
      );
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'CONTACT_ATTEMPT',
          subjectIds: contacts.map((c) => c.id),
          youngPersonIds: ids,
          fields: [...CONTACT_FIELDS, 'outreachRoundId'],
          legalBasis: LegalBasis.STATUTORY_DUTY,
          subjectMunicipalityCode: ctx.actor.municipalityCode,
        },
      ]);
      return toModel(round);
    }
  }

  /** The municipality's rounds, newest first (counts only, no personal data). */
  async list(ctx: RequestContext, args: OutreachRoundsArgs): Promise<Page<OutreachRoundModel>> {
    const size = pageSize(args);
    const params: unknown[] = [ctx.actor.municipalityCode, size + 1];
    let cursor = 'TRUE';
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      params.push(String(at), String(id));
      cursor = '(r.occurred_at, r.id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: (RoundRow & { total: number })[] = await this.ds.query(
      `SELECT r.*, count(*) OVER ()::int AS total FROM outreach_round r
       WHERE r.municipality_code = $1 AND ${cursor}
       ORDER BY r.occurred_at DESC, r.id DESC LIMIT $2`,
      params,
    );
    const total: number = args.after
      ? (
          await this.ds.query(
            `SELECT count(*)::int AS n FROM outreach_round WHERE municipality_code = $1`,
            [ctx.actor.municipalityCode],
          )
        )[0].n
      : (rows[0]?.total ?? 0);
    return toPage(rows.map(toModel), size, total, (m) => [m.occurredAt.toISOString(), m.id]);
  }
}
