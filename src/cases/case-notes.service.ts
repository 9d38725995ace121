import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { groupedEntries } from '../consent/access-basis';
import { InformationCategory } from '../consent/consent-category';
import { CaseNoteEntity } from './case.entities';
import { NoteVisibility } from './case.enums';
import { CasesService, VisibleCase } from './cases.service';
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
  basis: LegalBasis;
  consent_ids: string[];
  young_person_id: string;
  municipality_code: string;
}

/**
 * Notes (rows of \`source\`, aliased n) as row-level security lets them through, each with
 * authz.note_access decided in the same statement: the text is selected only where it
 * says so, so a placeholder's text never leaves the database; the basis to log beside it.
 */
function notesSql(where: string, source = 'case_note'): string {
  return `SELECT n.id, n.case_id, n.root_note_id, n.version, n.previous_version_id, n.superseded,
                 n.category, n.visibility, n.author_organisation_id, n.created_at,
                 CASE WHEN v.content THEN n.body END AS body,
                 coalesce(v.content, false) AS content_visible,
                 v.basis, coalesce(v.consent_ids, '{}') AS consent_ids,
                 c.young_person_id, c.municipality_code
            FROM ${source} n
            JOIN joint_case c ON c.id = n.case_id
           CROSS JOIN LATERAL authz.note_access(n.case_id, n.author_organisation_id, n.category, n.visibility) v
           WHERE ${where}`;
}

/**
 * Case notes: append-only, each with an information category. Where the caller may not
 * read a note's text it gets the placeholder (category, author organisation, date).
 */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly log: AccessLogWriter,
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
      return this.one(em, rows[0].id);
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
      return this.one(em, rows[0].id);
    });
  }

  /** Current versions of a case's notes, newest first. */
  async list(ctx: RequestContext, args: CaseNotesArgs): Promise<Page<CaseNoteModel>> {
    await this.cases.find(this.ds.manager, ctx, args.caseId);
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM case_note n WHERE n.case_id = $1 AND NOT n.superseded`,
      [args.caseId],
    );
    const size = pageSize(args);
    const [createdAt, id] = args.after ? decodeCursor(args.after, 2) : [null, null];
    const rows: NoteRow[] = await this.ds.query(
      `${notesSql(`n.case_id = $1 AND NOT n.superseded
                   AND ($2::timestamptz IS NULL OR (n.created_at, n.id) < ($2, $3::uuid))`)}
       ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
      [args.caseId, createdAt, id, size + 1],
    );
    this.logRead(ctx, rows.slice(0, size));
    return toPage(rows.map(toModel), size, total, (n) => [n.createdAt.toISOString(), n.id]);
  }

  /** Every version of a note, oldest first. */
  async history(ctx: RequestContext, noteId: string): Promise<CaseNoteModel[]> {
    const rows: NoteRow[] = await this.ds.query(
      `${notesSql('n.root_note_id = (SELECT root_note_id FROM case_note WHERE id = $1)')}
       ORDER BY n.version`,
      [noteId],
    );
    if (!rows.length) throw new NotFoundError('Note');
    this.logRead(ctx, rows);
    return rows.map(toModel);
  }

  /** The latest `limit` current notes of each case, in one statement for all cases. */
  async latestFor(
    ctx: RequestContext,
    caseIds: readonly string[],
    limit: number,
  ): Promise<Map<string, CaseNoteModel[]>> {
    const map = new Map<string, CaseNoteModel[]>();
    if (!caseIds.length) return map;
    // Numbered before the decision, so it is made only for the notes that are returned.
    const latest = `(SELECT cn.*, row_number() OVER (PARTITION BY cn.case_id ORDER BY cn.created_at DESC, cn.id DESC) AS rn
                       FROM case_note cn WHERE cn.case_id = ANY($1::uuid[]) AND NOT cn.superseded)`;
    const rows: NoteRow[] = await this.ds.query(
      `${notesSql('n.rn <= $2', latest)} ORDER BY n.created_at DESC, n.id DESC`,
      [[...caseIds], limit],
    );
    for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), toModel(r)]);
    this.logRead(ctx, rows);
    return map;
  }

  private async one(em: EntityManager, id: string): Promise<CaseNoteModel> {
    const [row]: NoteRow[] = await em.query(notesSql('n.id = $1'), [id]);
    if (!row) throw new NotFoundError('Note');
    return toModel(row);
  }

  private logRead(ctx: RequestContext, rows: NoteRow[]): void {
    const item = (r: NoteRow) => ({
      subjectId: r.id,
      youngPersonId: r.young_person_id,
      municipalityCode: r.municipality_code,
      legalBasis: r.basis,
      consentIds: r.consent_ids,
    });
    const full = rows.filter((r) => r.content_visible).map(item);
    const placeholders = rows.filter((r) => !r.content_visible).map(item);
    for (const e of groupedEntries(AccessAction.READ, 'CASE_NOTE', full, ['body', 'category']))
      this.log.read(ctx, e);
    for (const e of groupedEntries(AccessAction.READ, 'CASE_NOTE', placeholders, ['category']))
      this.log.read(ctx, e);
  }

  /** A note is written on the strength of the caller's access to its case. */
  private async logWrite(
    em: EntityManager,
    ctx: RequestContext,
    c: VisibleCase,
    noteId: string,
    action: AccessAction,
  ): Promise<void> {
    const items = [
      {
        subjectId: noteId,
        youngPersonId: c.youngPersonId,
        municipalityCode: c.municipalityCode,
        legalBasis: c.access.basis,
        consentIds: c.access.consentIds,
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
