import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { SYSTEM_DATA_SOURCE } from '../../core/database/data-source-options';
import { inTransaction } from '../../core/database/transaction';
import { ConflictError, NotFoundError } from '../../core/errors/domain-error';
import { scopedYoungPersonIds, SqlParams } from '../young-person.access';
import { MovedRows, PossibleDuplicateEntity } from './possible-duplicate.entity';
import { PossibleDuplicateModel } from './possible-duplicate.model';
import { PossibleDuplicatesService } from './possible-duplicates.service';

/** Columns naming a person without a foreign key: what a routed notice's sender named. */
const REPORTED_COLUMNS = [
  { table: 'school_notice', column: 'reported_young_person_id' },
  { table: 'concern_report', column: 'reported_young_person_id' },
];

/**
 * Merging moves every row that references the duplicate (schooling, notices, concern
 * reports, flags, consents, cases…: whatever has a foreign key to young_person, found in
 * the catalogue so a new table is never forgotten) to the existing person and removes the
 * duplicate. What moved and the removed row are kept on the link, so an undo restores
 * both. The rows belong to other organisations, which row-level security hides from the
 * youth team: the caller's right is decided first (its ability, its view of the existing
 * person), then the move runs as the owner in one transaction with its access-log rows.
 */
@Injectable()
export class DuplicateMergeService {
  constructor(
    private readonly ds: DataSource,
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly log: AccessLogWriter,
    private readonly duplicates: PossibleDuplicatesService,
  ) {}

  async merge(ctx: RequestContext, id: string): Promise<PossibleDuplicateModel> {
    await this.authorise(ctx, id);
    return inTransaction(this.system, async (em) => {
      const link = await lockLink(em, id);
      if (link.mergedAt) throw new ConflictError('The possible duplicate is already merged');
      const [dup]: { row: Record<string, unknown> }[] = await em.query(
        `SELECT to_jsonb(yp) AS row FROM young_person yp
          WHERE yp.id = $1 AND yp.is_possible_duplicate FOR UPDATE`,
        [link.duplicateId],
      );
      if (!dup) throw new NotFoundError('Possible duplicate');
      const moved: MovedRows[] = [];
      for (const ref of await personReferences(em)) {
        const ids = await move(em, ref, link.duplicateId, link.existingId, null);
        if (ids.length) moved.push({ ...ref, ids });
      }
      await this.logChange(em, ctx, link, 'merged');
      await em.query(`DELETE FROM young_person WHERE id = $1`, [link.duplicateId]);
      await em.query(
        `UPDATE possible_duplicate SET merged_at = app_now(), merged_by = $2,
                duplicate_row = $3::jsonb, moved_rows = $4::jsonb WHERE id = $1`,
        [link.id, ctx.actor.userId, JSON.stringify(dup.row), JSON.stringify(moved)],
      );
      return this.reload(em, ctx, link.id);
    });
  }

  async undo(ctx: RequestContext, id: string): Promise<PossibleDuplicateModel> {
    await this.authorise(ctx, id);
    return inTransaction(this.system, async (em) => {
      const link = await lockLink(em, id);
      if (!link.mergedAt) throw new ConflictError('The possible duplicate is not merged');
      await em.query(
        `INSERT INTO young_person SELECT * FROM jsonb_populate_record(NULL::young_person, $1::jsonb)`,
        [JSON.stringify(link.duplicateRow)],
      );
      // Only columns that still reference a person are written: the stored names are data.
      const known = await personReferences(em);
      for (const m of link.movedRows ?? []) {
        const ref = known.find((k) => k.table === m.table && k.column === m.column);
        if (!ref) throw new Error(`Cannot undo a move in ${m.table}.${m.column}`);
        await move(em, ref, link.existingId, link.duplicateId, m.ids);
      }
      await em.query(
        `UPDATE possible_duplicate SET merged_at = NULL, merged_by = NULL, duplicate_row = NULL,
                moved_rows = NULL, undone_at = app_now(), undone_by = $2 WHERE id = $1`,
        [link.id, ctx.actor.userId],
      );
      await this.logChange(em, ctx, link, 'undone');
      return this.reload(em, ctx, link.id);
    });
  }

  /**
   * NOT_FOUND unless the caller may merge the link and still keeps the existing person's
   * register (the person may have moved away since). Reads only: the request's own
   * transaction must hold no lock that the owner's transaction then waits for.
   */
  private async authorise(ctx: RequestContext, id: string): Promise<void> {
    const link = await this.duplicates.findScoped(ctx, id, Action.Update);
    const p = new SqlParams();
    const scope = scopedYoungPersonIds(this.ds, ctx.ability, Action.Update, p);
    const rows: unknown[] = scope
      ? await this.ds.query(
          `SELECT 1 FROM young_person yp WHERE yp.id = ${p.add(link.existingId)} AND yp.id IN (${scope})`,
          p.values,
        )
      : [];
    if (!rows.length) throw new NotFoundError('Possible duplicate');
  }

  /** One row per home municipality: each sees its own person's side of the change. */
  private async logChange(
    em: EntityManager,
    ctx: RequestContext,
    link: PossibleDuplicateEntity,
    what: 'merged' | 'undone',
  ): Promise<void> {
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType: 'POSSIBLE_DUPLICATE',
        subjectIds: [link.id, link.id],
        youngPersonIds: [link.existingId, link.duplicateId],
        fields: [what === 'merged' ? 'mergedAt' : 'undoneAt'],
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: link.municipalityCode,
      },
    ]);
  }

  private async reload(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
  ): Promise<PossibleDuplicateModel> {
    const link = await em.getRepository(PossibleDuplicateEntity).findOneByOrFail({ id });
    const [model] = await this.duplicates.toModels(ctx, em, [link]);
    return model;
  }
}

type Reference = { table: string; column: string };

async function lockLink(em: EntityManager, id: string): Promise<PossibleDuplicateEntity> {
  return em
    .getRepository(PossibleDuplicateEntity)
    .createQueryBuilder('d')
    .where('d.id = :id', { id })
    .setLock('pessimistic_write')
    .getOneOrFail();
}

/** Every column that references a young person, except the duplicate links themselves. */
async function personReferences(em: EntityManager): Promise<Reference[]> {
  const rows: Reference[] = await em.query(
    `SELECT c.conrelid::regclass::text AS table, a.attname AS column
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'young_person'::regclass
        AND c.conrelid <> 'possible_duplicate'::regclass
      ORDER BY 1, 2`,
  );
  return [...rows, ...REPORTED_COLUMNS];
}

/** Moves `from` to `to` in one column (only the given row ids when set); the moved ids. */
async function move(
  em: EntityManager,
  ref: Reference,
  from: string,
  to: string,
  onlyIds: string[] | null,
): Promise<string[]> {
  const table = quoteIdent(ref.table);
  const column = quoteIdent(ref.column);
  try {
    const [{ ids }]: { ids: string[] | null }[] = await em.query(
      `WITH m AS (UPDATE ${table} SET ${column} = $2 WHERE ${column} = $1
                  AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[])) RETURNING id)
       SELECT array_agg(id) AS ids FROM m`,
      [from, to, onlyIds],
    );
    return ids ?? [];
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw new ConflictError(
        `Both records hold an entry that may exist only once per person (${ref.table}); end one of them first`,
      );
    throw e;
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected identifier ${name}`);
  return `"${name}"`;
}
