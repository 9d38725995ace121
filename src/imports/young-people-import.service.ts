import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { queryRows } from '../core/database/query-rows';
import { ConflictError, NotFoundError } from '../core/errors/domain-error';
import { scopedYoungPersonIdsSql, SqlParams } from '../outreach/youth-register-scope';
import { CsvParser, CsvRecord } from './csv-parser';
import {
  ImportColumn,
  ImportProblem,
  ImportProblemCode,
  ImportRow,
  problem,
  readHeader,
  validateRow,
} from './young-people-import.columns';
import { ImportResultModel } from './models/import-result.model';
import { Clock } from '../core/clock/clock';
import { linkPossibleDuplicates } from '../young-people/duplicates/register-person';
import { ImportSource, RegisterSourceKind } from './register-sources/register-source-kind';
import {
  confirmResidence,
  createSource,
  finishSource,
  handOver,
  Move,
  notifyHandover,
} from './register-sources/source-facts';

/** Rows per multi-row INSERT: large enough to amortise round trips, small enough for memory. */
export const IMPORT_BATCH_SIZE = 1000;
export const MAX_IMPORT_ROWS = 200_000;
/** The response lists this many problems; the counts cover all of them. */
const MAX_REPORTED = 1000;

const PERSON_FIELDS = [
  'personalNumber',
  'givenName',
  'familyName',
  'homeMunicipalityCode',
  'address',
  'contact',
  'preferredLanguage',
  'protectedIdentity',
];

/** The running state of one import. */
class ImportRun {
  errors: ImportProblem[] = [];
  warnings: ImportProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  rowsRead = 0;
  seen = new Map<string, number>();
  created: string[] = [];
  existing: string[] = [];
  /** Every row's person, so a caller can go on (e.g. enter them in the register) without paging. */
  people: { row: number; youngPersonId: string; created: boolean }[] = [];
  schoolingCreated: { id: string; youngPersonId: string }[] = [];
  schoolingSkipped = 0;
  schoolingUpdated: { id: string; youngPersonId: string }[] = [];
  /** A named source: residents it confirmed (already registered) and people it handed over. */
  confirmed: string[] = [];
  moved: Move[] = [];
  batch: ImportRow[] = [];
  /** Rows flushed so far, and the count at which the tables' statistics are next refreshed. */
  flushed = 0;
  refreshStatisticsAt = IMPORT_BATCH_SIZE;

  constructor(readonly source: ImportSource | null) {}

  get population(): boolean {
    return this.source?.kind === RegisterSourceKind.POPULATION_REGISTER;
  }

  error(p: ImportProblem): void {
    this.errorCount += 1;
    if (this.errors.length < MAX_REPORTED) this.errors.push(p);
  }

  warn(p: ImportProblem): void {
    this.warningCount += 1;
    if (this.warnings.length < MAX_REPORTED) this.warnings.push(p);
  }
}

/**
 * CSV import of young people and their schooling. The file streams through an
 * incremental parser; every row is validated; valid rows go in with one multi-row
 * INSERT per batch inside ONE transaction, which is rolled back when any row failed
 * (or on a dry run): all or nothing.
 */
@Injectable()
export class YoungPeopleImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async run(
    ctx: RequestContext,
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    opts: { dryRun: boolean; source?: ImportSource },
  ): Promise<ImportResultModel> {
    const run = new ImportRun(opts.source ? { ...opts.source } : null);
    const allowed = (code: string) =>
      ctx.ability.can(Action.Create, subject('Import', { homeMunicipalityCode: code }));
    if (!allowed(ctx.actor.municipalityCode)) throw new NotFoundError('Register');
    // A population extract also names residents who moved out, with their new municipality.
    const rowMunicipalityAllowed = run.population ? () => true : allowed;
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction('READ COMMITTED');
    let committed = false;
    try {
      if (run.source) run.source.id = await createSource(qr.manager, ctx, run.source);
      const parser = new CsvParser();
      let index: Map<ImportColumn, number> | null = null;
      let headerWidth = 0;
      const handle = async (records: CsvRecord[]) => {
        for (const record of records) {
          if (index === null) {
            const header = readHeader(record.fields);
            header.problems.forEach((p) => run.error(p));
            index = header.index;
            headerWidth = record.fields.length;
            continue;
          }
          run.rowsRead += 1;
          if (run.rowsRead > MAX_IMPORT_ROWS) {
            if (run.rowsRead === MAX_IMPORT_ROWS + 1) {
              run.error(
                problem(
                  record.line,
                  null,
                  ImportProblemCode.TOO_MANY_ROWS,
                  `at most ${MAX_IMPORT_ROWS} rows per file`,
                ),
              );
            }
            continue;
          }
          if (record.fields.length !== headerWidth) {
            run.error(
              problem(
                record.line,
                null,
                ImportProblemCode.FIELD_COUNT,
                `has ${record.fields.length} fields, the header ${headerWidth}`,
              ),
            );
            continue;
          }
          const result = validateRow(record, index, rowMunicipalityAllowed, this.clock.today());
          if (Array.isArray(result)) {
            result.forEach((p) => run.error(p));
            continue;
          }
          if (run.source && !run.population && !result.schooling) {
            run.error(
              problem(
                record.line,
                'school',
                ImportProblemCode.REQUIRED,
                'a list row needs its schooling',
              ),
            );
            continue;
          }
          const first = run.seen.get(result.personalNumber);
          if (first !== undefined) {
            run.error(
              problem(
                record.line,
                'personnummer',
                ImportProblemCode.DUPLICATE_IN_FILE,
                `same personnummer as row ${first}`,
              ),
            );
            continue;
          }
          run.seen.set(result.personalNumber, record.line);
          run.batch.push(result);
          if (run.batch.length >= IMPORT_BATCH_SIZE) await this.flush(ctx, qr.manager, run);
        }
      };
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of chunks) {
        await handle(
          parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
        );
      }
      await handle(parser.end());
      if (parser.unterminatedQuote) {
        run.error(
          problem(
            0,
            null,
            ImportProblemCode.UNTERMINATED_QUOTE,
            'the file ends inside a quoted field',
          ),
        );
      }
      if (index === null)
        run.error(problem(1, null, ImportProblemCode.EMPTY_FILE, 'the file is empty'));
      await this.flush(ctx, qr.manager, run);

      const imported = run.errorCount === 0 && !opts.dryRun;
      if (imported) {
        if (run.source) {
          await finishSource(qr.manager, run.source.id!, run.rowsRead);
          await notifyHandover(qr.manager, ctx.actor.municipalityCode, run.moved);
        }
        await this.log.record(qr.manager, ctx, this.changeEntries(ctx, run));
        await qr.commitTransaction();
        committed = true;
      } else {
        await qr.rollbackTransaction();
      }
      return this.result(run, opts.dryRun, imported);
    } catch (e) {
      if (!committed && qr.isTransactionActive) await qr.rollbackTransaction();
      if ((e as { code?: string }).code === '23505') {
        throw new ConflictError(
          'A young person in the file was registered at the same time; try again',
        );
      }
      throw e;
    } finally {
      await qr.release();
      if (!committed && run.existing.length > 0) {
        // The file was matched against the register even though nothing was written.
        await this.log.record(this.ds.manager, ctx, [this.matchEntry(ctx, run)]);
      }
    }
  }

  /** Looks up the batch's people, then inserts the new ones and the schooling rows. */
  private async flush(ctx: RequestContext, em: EntityManager, run: ImportRun): Promise<void> {
    const batch = run.batch;
    run.batch = [];
    if (batch.length === 0) return;
    await refreshStatisticsWhenGrown(em, run, batch.length);
    const p = new SqlParams();
    // The scope is narrowed to the row's personnummer: unnarrowed, a fresh register's
    // missing statistics let the planner scan the whole scope per row (a 50 000-row
    // population extract ran past the statement timeout).
    const scope = scopedYoungPersonIdsSql(
      this.ds,
      ctx.ability,
      Action.Create,
      'Import',
      p,
      'scope_yp.personal_number = n.personal_number',
    );
    // `mine`: a record in the caller's register. `existing`: the register's record
    // wherever it is (existing_person_id sees past the caller's scope); used here only.
    const found: {
      personal_number: string;
      mine: string | null;
      existing: string | null;
      known_home: boolean;
    }[] = await em.query(
      `SELECT n.personal_number, ${
        scope
          ? `(SELECT yp.id FROM young_person yp
                  WHERE yp.personal_number = n.personal_number AND yp.id IN (${scope})
                  ORDER BY yp.is_possible_duplicate LIMIT 1)`
          : 'NULL::uuid'
      } AS mine,
                existing_person_id(n.personal_number) AS existing,
                EXISTS (SELECT 1 FROM municipality m WHERE m.code = n.home) AS known_home
           FROM unnest(${p.add(batch.map((r) => r.personalNumber))}::char(12)[],
                       ${p.add(batch.map((r) => r.homeMunicipalityCode))}::text[]) AS n(personal_number, home)`,
      p.values,
    );
    const idByNumber = new Map<string, string>();
    const existingByNumber = new Map<string, string>();
    const rowByNumber = new Map(batch.map((r) => [r.personalNumber, r]));
    // Rows of a named source that add nothing: a list row about someone who is not a
    // resident of the register (never created from a list), a move of a stranger.
    const skipped = new Set<string>();
    const moves: Move[] = [];
    const own = ctx.actor.municipalityCode;
    for (const f of found) {
      const row = rowByNumber.get(f.personal_number)!;
      const movedOut = run.population && row.homeMunicipalityCode !== own;
      if (run.source && (movedOut || !run.population) && !f.mine) {
        skipped.add(f.personal_number);
        run.warn(
          problem(
            row.row,
            'personnummer',
            ImportProblemCode.NOT_IN_REGISTER,
            movedOut
              ? 'folkbokförd elsewhere and not a resident of the register: row skipped'
              : 'not a resident of the register: row skipped (the population extract adds people)',
          ),
        );
      } else if (f.mine && movedOut) {
        skipped.add(f.personal_number);
        if (f.known_home) {
          moves.push({ youngPersonId: f.mine, home: row.homeMunicipalityCode });
          run.people.push({ row: row.row, youngPersonId: f.mine, created: false });
        } else {
          // Nowhere to hand over to: the latest extract does not confirm them here, so
          // they show as NOT_IN_POPULATION_EXTRACT among those who should leave.
          run.warn(
            problem(
              row.row,
              'home_municipality',
              ImportProblemCode.MOVED_OUTSIDE_DEPLOYMENT,
              'folkbokförd in a municipality outside the deployment: listed to leave',
            ),
          );
        }
      } else if (f.mine) {
        idByNumber.set(f.personal_number, f.mine);
        run.existing.push(f.mine);
        if (run.population) run.confirmed.push(f.mine);
        run.people.push({ row: row.row, youngPersonId: f.mine, created: false });
        run.warn(
          problem(
            row.row,
            'personnummer',
            ImportProblemCode.ALREADY_REGISTERED,
            'already in the register: person data kept, schooling added',
          ),
        );
      } else if (f.existing) {
        // Held outside the register: imported like a new person, as a possible duplicate.
        existingByNumber.set(f.personal_number, f.existing);
      }
    }
    // After the first error nothing more is written: the transaction will be rolled back.
    if (run.errorCount > 0) return;
    if (run.source) {
      await handOver(em, run.source, moves);
      run.moved.push(...moves);
    }
    const fresh = batch.filter(
      (r) => !idByNumber.has(r.personalNumber) && !skipped.has(r.personalNumber),
    );
    if (fresh.length > 0) {
      const col = <K extends keyof ImportRow>(k: K) => fresh.map((r) => r[k]);
      const inserted: { id: string; personal_number: string }[] = await em.query(
        `INSERT INTO young_person (personal_number, birth_date, coordination_number, given_name, family_name,
             home_municipality_code, street_address, postal_code, city, phone, email, preferred_language,
             protected_identity, is_possible_duplicate)
           SELECT * FROM unnest($1::text[], $2::date[], $3::boolean[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::boolean[], $14::boolean[])
           RETURNING id, personal_number`,
        [
          col('personalNumber'),
          col('birthDate'),
          col('coordinationNumber'),
          col('givenName'),
          col('familyName'),
          col('homeMunicipalityCode'),
          col('streetAddress'),
          col('postalCode'),
          col('city'),
          col('phone'),
          col('email'),
          col('preferredLanguage'),
          col('protectedIdentity'),
          fresh.map((r) => existingByNumber.has(r.personalNumber)),
        ],
      );
      for (const r of inserted) {
        idByNumber.set(r.personal_number, r.id);
        run.created.push(r.id);
        run.people.push({
          row: rowByNumber.get(r.personal_number)!.row,
          youngPersonId: r.id,
          created: true,
        });
      }
      // Every inserted row is offered (new ones link nothing): the same statements either way.
      await linkPossibleDuplicates(
        em,
        ctx,
        inserted.map((r) => ({
          duplicateId: r.id,
          existingId: existingByNumber.get(r.personal_number) ?? null,
        })),
      );
    }
    if (run.population) {
      const ids = batch.map((r) => idByNumber.get(r.personalNumber)).filter((id) => id);
      await confirmResidence(em, run.source!.id!, ids as string[]);
    }
    const schooled = batch.filter((r) => r.schooling && !skipped.has(r.personalNumber));
    if (schooled.length === 0) return;
    const s = (f: (x: NonNullable<ImportRow['schooling']>) => unknown) =>
      schooled.map((r) => f(r.schooling!));
    const columns = [
      schooled.map((r) => idByNumber.get(r.personalNumber)),
      s((x) => x.schoolName),
      s((x) => x.programmeCode),
      s((x) => x.programmeType),
      s((x) => x.startDate),
      s((x) => x.endDate),
      s((x) => x.status),
      run.source?.id ?? null,
    ];
    let updatedHere = 0;
    if (run.source) {
      // A newer list is the newer fact: the same schooling takes its status, end and source.
      const updated = await queryRows<{ id: string; young_person_id: string }>(
        em,
        `UPDATE schooling s SET status = n.status, end_date = n.end_date, programme_type = n.programme_type,
                source_id = $8
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[])
           AS n(young_person_id, school_name, programme_code, programme_type, start_date, end_date, status)
         WHERE s.young_person_id = n.young_person_id AND s.school_name = n.school_name
           AND s.programme_code = n.programme_code AND s.start_date = n.start_date
         RETURNING s.id, s.young_person_id`,
        columns,
      );
      run.schoolingUpdated.push(
        ...updated.map((r) => ({ id: r.id, youngPersonId: r.young_person_id })),
      );
      updatedHere = updated.length;
    }
    // An identical schooling row (same school, programme and start) is not added twice.
    const rows: { id: string; young_person_id: string }[] = await em.query(
      `INSERT INTO schooling (young_person_id, school_name, programme_code, programme_type, start_date, end_date, status, source_id)
       SELECT n.*, $8::uuid FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[])
         AS n(young_person_id, school_name, programme_code, programme_type, start_date, end_date, status)
       WHERE NOT EXISTS (
         SELECT 1 FROM schooling s WHERE s.young_person_id = n.young_person_id AND s.school_name = n.school_name
           AND s.programme_code = n.programme_code AND s.start_date = n.start_date)
       RETURNING id, young_person_id`,
      columns,
    );
    run.schoolingCreated.push(...rows.map((r) => ({ id: r.id, youngPersonId: r.young_person_id })));
    run.schoolingSkipped += schooled.length - rows.length - updatedHere;
  }

  private changeEntries(ctx: RequestContext, run: ImportRun): AccessLogEntry[] {
    const base = {
      action: AccessAction.CREATE,
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    };
    const entries: AccessLogEntry[] = [];
    if (run.created.length > 0) {
      entries.push({
        ...base,
        subjectType: 'YOUNG_PERSON',
        subjectIds: run.created,
        youngPersonIds: run.created,
        fields: PERSON_FIELDS,
      });
    }
    if (run.schoolingCreated.length > 0) {
      entries.push({
        ...base,
        subjectType: 'SCHOOLING',
        subjectIds: run.schoolingCreated.map((s) => s.id),
        youngPersonIds: run.schoolingCreated.map((s) => s.youngPersonId),
        fields: ['schoolName', 'programmeCode', 'programmeType', 'startDate', 'endDate', 'status'],
      });
    }
    const updates: [string, { id: string; youngPersonId: string }[], string[]][] = [
      [
        'YOUNG_PERSON',
        run.moved.map((m) => ({ id: m.youngPersonId, youngPersonId: m.youngPersonId })),
        ['homeMunicipalityCode', 'residenceSource', 'movedInOn'],
      ],
      ['YOUNG_PERSON', run.confirmed.map((id) => ({ id, youngPersonId: id })), ['residenceSource']],
      ['SCHOOLING', run.schoolingUpdated, ['status', 'endDate', 'programmeType', 'source']],
    ];
    for (const [subjectType, rows, fields] of updates) {
      if (!rows.length) continue;
      entries.push({
        ...base,
        action: AccessAction.UPDATE,
        subjectType,
        subjectIds: rows.map((r) => r.id),
        youngPersonIds: rows.map((r) => r.youngPersonId),
        fields,
      });
    }
    if (run.existing.length > 0) entries.push(this.matchEntry(ctx, run));
    return entries;
  }

  private matchEntry(ctx: RequestContext, run: ImportRun): AccessLogEntry {
    return {
      action: AccessAction.SEARCH,
      subjectType: 'YOUNG_PERSON',
      subjectIds: run.existing,
      youngPersonIds: run.existing,
      fields: ['personalNumber'],
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    };
  }

  private result(run: ImportRun, dryRun: boolean, imported: boolean): ImportResultModel {
    return Object.assign(new ImportResultModel(), {
      dryRun,
      imported,
      rowsRead: run.rowsRead,
      youngPeopleCreated: imported ? run.created.length : 0,
      youngPeopleAlreadyRegistered: run.existing.length,
      schoolingCreated: imported ? run.schoolingCreated.length : 0,
      schoolingSkipped: run.schoolingSkipped,
      schoolingUpdated: imported ? run.schoolingUpdated.length : 0,
      sourceId: imported ? (run.source?.id ?? null) : null,
      handedOver: imported ? run.moved.length : 0,
      wouldCreate: run.errorCount === 0 ? run.created.length : null,
      errorCount: run.errorCount,
      warningCount: run.warningCount,
      errors: [...run.errors].sort((a, b) => a.row - b.row),
      warnings: [...run.warnings].sort((a, b) => a.row - b.row),
      youngPeople: imported ? [...run.people].sort((a, b) => a.row - b.row) : [],
    });
  }
}

/**
 * The import's own rows are invisible to autovacuum until it commits: once 1 000, 2 000,
 * 4 000… rows are written, the tables it grows are analyzed inside the transaction before
 * the next batch, so each statement is planned for the table as it now is (a handful of
 * ANALYZEs for any file size).
 */
async function refreshStatisticsWhenGrown(
  em: EntityManager,
  run: ImportRun,
  rows: number,
): Promise<void> {
  const written = run.flushed;
  run.flushed += rows;
  if (written < run.refreshStatisticsAt) return;
  run.refreshStatisticsAt = written * 2;
  await em.query(`SELECT import_refresh_statistics()`);
}
