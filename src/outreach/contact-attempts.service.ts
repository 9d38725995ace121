import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { ContactAttemptsArgs, RecordContactAttemptInput } from './dto/contact-attempt.inputs';
import { ContactAttemptModel, ContactAttemptRow } from './models/contact-attempt.model';
import { SqlParams, youthRegisterPeopleSql } from './youth-register-scope';
import { Clock } from '../core/clock/clock';

/** Clocks differ a little between devices; anything later than this is a typo. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const CONTACT_FIELDS = ['channel', 'direction', 'occurredAt', 'outcome', 'note'];

export function assertNotFuture(at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new BadInputError('occurredAt must not be in the future', { field: 'occurredAt' });
  }
}

/** Single contact attempts: record one, list one young person's history. */
@Injectable()
export class ContactAttemptsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async record(
    ctx: RequestContext,
    input: RecordContactAttemptInput,
  ): Promise<ContactAttemptModel> {
    return inTransaction(this.ds, (em) => this.recordIn(em, ctx, input));
  }

  /** Inside the caller's transaction (an answer records its occupation with it). */
  async recordIn(
    em: EntityManager,
    ctx: RequestContext,
    input: RecordContactAttemptInput,
  ): Promise<ContactAttemptModel> {
    assertNotFuture(input.occurredAt, this.clock.now());
    const p = new SqlParams();
    const scope = youthRegisterPeopleSql(ctx.actor);
    if (!scope) throw new NotFoundError('Young person');
    const rows: ContactAttemptRow[] = await em.query(
      `WITH ins AS (
         INSERT INTO contact_attempt
           (young_person_id, municipality_code, channel, direction, occurred_at, performed_by, outcome, note)
         SELECT yp.id, yp.home_municipality_code, ${p.add(input.channel)}, ${p.add(input.direction)},
                ${p.add(input.occurredAt)}, ${p.add(ctx.actor.userId)}, ${p.add(input.outcome)}, ${p.add(input.note ?? null)}
         FROM young_person yp
         WHERE yp.id = ${p.add(input.youngPersonId)} AND yp.id IN (${scope})
         RETURNING *)
       SELECT ins.*, u.display_name AS performed_by_name
       FROM ins LEFT JOIN app_user u ON u.id = ins.performed_by`,
      p.values,
    );
    if (rows.length === 0) throw new NotFoundError('Young person');
    await this.log.record(em, ctx, [
      {
        action: AccessAction.CREATE,
        subjectType: 'CONTACT_ATTEMPT',
        subjectIds: [rows[0].id],
        youngPersonIds: [input.youngPersonId],
        fields: CONTACT_FIELDS,
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: ctx.actor.municipalityCode,
      },
    ]);
    return ContactAttemptModel.from(rows[0]);
  }

  /** Newest first. NOT_FOUND when the young person is not in the caller's register. */
  async list(ctx: RequestContext, args: ContactAttemptsArgs): Promise<Page<ContactAttemptModel>> {
    const p = new SqlParams();
    const scope = youthRegisterPeopleSql(ctx.actor);
    if (!scope) throw new NotFoundError('Young person');
    const size = pageSize(args);
    const person = p.add(args.youngPersonId);
    let cursor = 'TRUE';
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      cursor = `(f.occurred_at, f.id) < (${p.add(String(at))}::timestamptz, ${p.add(String(id))}::uuid)`;
    }
    // One statement: visibility of the person, the total and the page.
    const rows: (ContactAttemptRow & { visible: boolean; total: number })[] = await this.ds.query(
      `WITH person AS (
         SELECT yp.id FROM young_person yp WHERE yp.id = ${person} AND yp.id IN (${scope})),
       f AS (
         SELECT ca.*, u.display_name AS performed_by_name
         FROM contact_attempt ca
         JOIN person ON person.id = ca.young_person_id
         LEFT JOIN app_user u ON u.id = ca.performed_by
         WHERE ca.municipality_code = ${p.add(ctx.actor.municipalityCode)})
       SELECT page.*, EXISTS (SELECT 1 FROM person) AS visible, (SELECT count(*) FROM f)::int AS total
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (
         SELECT f.* FROM f WHERE ${cursor}
         ORDER BY f.occurred_at DESC, f.id DESC LIMIT ${p.add(size + 1)}) page ON TRUE`,
      p.values,
    );
    if (!rows[0]?.visible) throw new NotFoundError('Young person');
    const found = rows.filter((r) => r.id !== null);
    this.log.read(ctx, {
      action: AccessAction.READ,
      subjectType: 'CONTACT_ATTEMPT',
      subjectIds: found.slice(0, size).map((r) => r.id),
      youngPersonIds: [args.youngPersonId],
      fields: CONTACT_FIELDS,
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
    return toPage(found.map(ContactAttemptModel.from), size, rows[0].total, (m) => [
      m.occurredAt.toISOString(),
      m.id,
    ]);
  }
}
