import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../core/auth/request-context';
import { Clock } from '../../core/clock/clock';
import { isCalendarDate } from '../../core/clock/stockholm-calendar';
import { BadInputError } from '../../core/errors/domain-error';
import { ImportResultModel } from '../models/import-result.model';
import { YoungPeopleImportService } from '../young-people-import.service';
import { ImportSource, RegisterSourceKind } from './register-source-kind';
import { RegisterSourceModel } from './register-source.models';

/**
 * Reconciliation's inputs: each file imported as a named, dated source through the one
 * import (all or nothing, row errors, duplicates), so every fact it adds remembers it.
 */
@Injectable()
export class RegisterSourcesService {
  constructor(
    private readonly ds: DataSource,
    private readonly imports: YoungPeopleImportService,
    private readonly clock: Clock,
  ) {}

  import(
    ctx: RequestContext,
    source: ImportSource,
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    dryRun: boolean,
  ): Promise<ImportResultModel> {
    if (!(Object.values(RegisterSourceKind) as string[]).includes(source.kind)) {
      throw new BadInputError('kind is not a register source kind', { field: 'kind' });
    }
    const name = String(source.name ?? '').trim();
    if (name.length < 1 || name.length > 200) {
      throw new BadInputError('name must be 1–200 characters', { field: 'name' });
    }
    if (!isCalendarDate(source.sourceDate) || source.sourceDate > this.clock.today()) {
      throw new BadInputError('sourceDate must be a date, not in the future', {
        field: 'sourceDate',
      });
    }
    return this.imports.run(ctx, chunks, { dryRun, source: { ...source, name } });
  }

  /** The caller's municipality's sources, newest first (row-level security decides). */
  async list(ctx: RequestContext): Promise<RegisterSourceModel[]> {
    const rows: {
      id: string;
      kind: RegisterSourceKind;
      name: string;
      source_date: string;
      row_count: number;
      created_at: Date;
    }[] = await this.ds.query(
      `SELECT id, kind, name, source_date::text, row_count, created_at FROM register_source
        WHERE municipality_code = $1 ORDER BY source_date DESC, created_at DESC LIMIT 200`,
      [ctx.actor.municipalityCode],
    );
    return rows.map((r) =>
      Object.assign(new RegisterSourceModel(), {
        id: r.id,
        kind: r.kind,
        name: r.name,
        sourceDate: r.source_date,
        rowCount: r.row_count,
        importedAt: r.created_at.toISOString(),
      }),
    );
  }
}
