import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { inTransaction } from '../core/database/transaction';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { basisFor, groupedEntries } from '../consent/access-basis';
import { InformationCategory } from '../consent/consent-category';
import { CaseNoteEntity, JointCaseEntity } from './case.entities';
import { NoteVisibility } from './case.enums';
import { CasesService } from './cases.service';
import { AddCaseNoteInput, CaseNotesArgs, CorrectCaseNoteInput } from './dto/case.inputs';
import { CaseNoteModel } from './models/case.model';

interface NoteRow {
  id: string;
  case_id: string;
  root_note_id: string;
  version: number;
  previous_version_id: string | null;
  superseded: boolean;
  category: InformationCategory;
  visibility: NoteVisibility;
  author_organisation_id: string;
  created_at: Date;
  body: string | null;
  content_visible: boolean;
  young_person_id: string;
  municipality_code: string;
  lead_organisation_id: string;
}

/**
 * Case notes: append-only, each with an information category. The text is selected only
 * where the CaseNoteContent scope allows it, so a restricted note's text never leaves
 * the database; the caller gets the placeholder (category, author organisation, date).
 */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly log: AccessLogWriter,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  async add(ctx: RequestContext, input: AddCaseNoteInput): Promise<CaseNoteModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, input.caseId, 'write');
      const rows: { id: string }[] = await em.query(
        `WITH nid AS (SELECT gen_random_uuid() AS id)
         INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id, category, visibility, body)
         SELECT nid.id, $1, nid.id, 1, $2, $3, $4, $5, $6 FROM nid RETURNING id`,
        [
          c.id,
          ctx.actor.organisationId,
          ctx.actor.userId,
          input.category,
          input.visibility,
          input.body,
        ],
      );
      await this.logWrite(em, ctx, c, rows[0].id, AccessAction.CREATE);
      return this.one(em, ctx, rows[0].id);
    });
  }

  /** A correction is a new version linked to the one it replaces; the old one is kept. */
  async correct(ctx: RequestContext, input: CorrectCaseNoteInput): Promise<CaseNoteModel> {
    return inTransaction(this.ds, async (em) => {
      const prev = await em
        .getRepository(CaseNoteEntity)
        .createQueryBuilder('n')
        .where('n.id = :id', { id: input.noteId })
        .setLock('pessimistic_write')
        .getOne();
      if (!prev) throw new NotFoundError('Note');
      const c = await this.cases.find(em, ctx, prev.caseId, 'write').catch((e: unknown) => {
        throw e instanceof ForbiddenError || e instanceof ConflictError
          ? e
          : new NotFoundError('Note');
      });
      if (prev.authorOrganisationId !== ctx.actor.organisationId)
        throw new ForbiddenError('Only the author organisation can correct a note');
      if (prev.superseded)
        throw new ConflictError('A newer version of this note exists; correct the latest version');
      await em.query(`UPDATE case_note SET superseded = true WHERE id = $1`, [prev.id]);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO case_note (case_id, root_note_id, version, previous_version_id, author_organisation_id,
                                author_user_id, category, visibility, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          prev.caseId,
          prev.rootNoteId,
          prev.version + 1,
          prev.id,
          ctx.actor.organisationId,
          ctx.actor.userId,
          prev.category,
          prev.visibility,
          input.body,
        ],
      );
      await this.logWrite(em, ctx, c, rows[0].id, AccessAction.UPDATE);
      return this.one(em, ctx, rows[0].id);
    });
  }

  /** Current versions of a case's notes, newest first. */
  async list(ctx: RequestContext, args: CaseNotesArgs): Promise<Page<CaseNoteModel>> {
    await this.cases.find(this.ds.manager, ctx, args.caseId);
    const qb = this.scoped(this.ds.manager, ctx);
    if (!qb) return toPage([], 0, 0, () => []);
    qb.andWhere('n.case_id = :caseId AND NOT n.superseded', { caseId: args.caseId });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(size + 1)
      .getRawMany<NoteRow>();
    const notes = rows.map(toModel);
    await this.logRead(ctx, rows.slice(0, size));
    return toPage(notes, size, total, (n) => [n.createdAt.toISOString(), n.id]);
  }

  /** Every version of a note, oldest first. */
  async history(ctx: RequestContext, noteId: string): Promise<CaseNoteModel[]> {
    const qb = this.scoped(this.ds.manager, ctx);
    if (!qb) throw new NotFoundError('Note');
    qb.andWhere('n.root_note_id = (SELECT root_note_id FROM case_note WHERE id = :noteId)', {
      noteId,
    });
    const rows = await qb.orderBy('n.version').getRawMany<NoteRow>();
    if (!rows.length) throw new NotFoundError('Note');
    await this.logRead(ctx, rows);
    return rows.map(toModel);
  }

  /** The latest `limit` current notes of each case, in one statement for all cases. */
  async latestFor(
    ctx: RequestContext,
    caseIds: readonly string[],
    limit: number,
  ): Promise<Map<string, CaseNoteModel[]>> {
    const map = new Map<string, CaseNoteModel[]>();
    const qb = this.scoped(this.ds.manager, ctx);
    if (!qb || !caseIds.length) return map;
    qb.andWhere('n.case_id = ANY(:caseIds) AND NOT n.superseded', { caseIds: [...caseIds] });
    qb.addSelect(
      'row_number() OVER (PARTITION BY n.case_id ORDER BY n.created_at DESC, n.id DESC)',
      'rn',
    );
    const [sql, params] = qb.getQueryAndParameters();
    const rows: NoteRow[] = await this.ds.query(
      `SELECT * FROM (${sql}) x WHERE x.rn <= $${params.length + 1} ORDER BY x.created_at DESC, x.id DESC`,
      [...params, limit],
    );
    for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), toModel(r)]);
    await this.logRead(ctx, rows);
    return map;
  }

  private async one(em: EntityManager, ctx: RequestContext, id: string): Promise<CaseNoteModel> {
    const qb = this.scoped(em, ctx);
    const row = qb ? await qb.andWhere('n.id = :id', { id }).getRawOne<NoteRow>() : undefined;
    if (!row) throw new NotFoundError('Note');
    return toModel(row);
  }

  /** Notes the caller may know exist, with the text only where it may read it. */
  private scoped(
    em: EntityManager,
    ctx: RequestContext,
  ): SelectQueryBuilder<CaseNoteEntity> | null {
    const qb = em
      .getRepository(CaseNoteEntity)
      .createQueryBuilder('n')
      .innerJoin(JointCaseEntity, 'c', 'c.id = n.case_id')
      .select('n.id', 'id')
      .addSelect('n.case_id', 'case_id')
      .addSelect('n.root_note_id', 'root_note_id')
      .addSelect('n.version', 'version')
      .addSelect('n.previous_version_id', 'previous_version_id')
      .addSelect('n.superseded', 'superseded')
      .addSelect('n.category', 'category')
      .addSelect('n.visibility', 'visibility')
      .addSelect('n.author_organisation_id', 'author_organisation_id')
      .addSelect('n.created_at', 'created_at')
      .addSelect('c.young_person_id', 'young_person_id')
      .addSelect('c.municipality_code', 'municipality_code')
      .addSelect('c.lead_organisation_id', 'lead_organisation_id');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'CaseNote')) return null;
    const content = this.contentCondition(em, ctx);
    qb.addSelect(`CASE WHEN ${content.sql} THEN n.body END`, 'body')
      .addSelect(`(${content.sql})`, 'content_visible')
      .setParameters(content.params);
    return qb;
  }

  private contentCondition(
    em: EntityManager,
    ctx: RequestContext,
  ): { sql: string; params: ObjectLiteral } {
    const sub = em.getRepository(CaseNoteEntity).createQueryBuilder('nc').select('nc.id');
    if (!applyAbilityScope(sub, ctx.ability, Action.Read, 'CaseNoteContent'))
      return { sql: 'false', params: {} };
    return { sql: `n.id IN (${sub.getQuery()})`, params: sub.getParameters() };
  }

  private async logRead(ctx: RequestContext, rows: NoteRow[]): Promise<void> {
    if (!rows.length) return;
    const s = await this.snapshots.load(ctx.actor, this.ds.manager);
    const item = (r: NoteRow) => ({
      subjectId: r.id,
      youngPersonId: r.young_person_id,
      municipalityCode: r.municipality_code,
      ...basisFor(s, r.young_person_id, {
        own:
          r.author_organisation_id === ctx.actor.organisationId ||
          (!r.content_visible && r.lead_organisation_id === ctx.actor.organisationId),
        categories: r.content_visible ? [r.category] : undefined,
      }),
    });
    const full = rows.filter((r) => r.content_visible).map(item);
    const placeholders = rows.filter((r) => !r.content_visible).map(item);
    for (const e of groupedEntries(AccessAction.READ, 'CASE_NOTE', full, ['body', 'category']))
      this.log.read(ctx, e);
    for (const e of groupedEntries(AccessAction.READ, 'CASE_NOTE', placeholders, ['category']))
      this.log.read(ctx, e);
  }

  private async logWrite(
    em: EntityManager,
    ctx: RequestContext,
    c: JointCaseEntity,
    noteId: string,
    action: AccessAction,
  ): Promise<void> {
    const s = await this.snapshots.load(ctx.actor, em);
    const items = [
      {
        subjectId: noteId,
        youngPersonId: c.youngPersonId,
        municipalityCode: c.municipalityCode,
        ...basisFor(s, c.youngPersonId, { own: true }),
      },
    ];
    await this.log.record(
      em,
      ctx,
      groupedEntries(action, 'CASE_NOTE', items, ['body', 'category']),
    );
  }
}

function toModel(r: NoteRow): CaseNoteModel {
  return Object.assign(new CaseNoteModel(), {
    id: r.id,
    caseId: r.case_id,
    rootNoteId: r.root_note_id,
    version: Number(r.version),
    previousVersionId: r.previous_version_id,
    superseded: r.superseded,
    category: r.category,
    visibility: r.visibility,
    authorOrganisationId: r.author_organisation_id,
    createdAt: new Date(r.created_at),
    restricted: !r.content_visible,
    body: r.content_visible ? r.body : null,
    youngPersonId: r.young_person_id,
    municipalityCode: r.municipality_code,
  });
}
