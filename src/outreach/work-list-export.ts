import {
  ArgsType,
  Field,
  ObjectType,
  Query,
  Resolver,
  Args,
  registerEnumType,
} from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { IsEnum } from 'class-validator';
import ExcelJS from 'exceljs';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { csvLine } from '../reports/report-cells';
import { WorkListArgs } from './dto/work-list.inputs';
import { WorkListItemModel } from './models/work-list.model';
import { WorkListService } from './work-list.service';

export const MAX_EXPORT_ROWS = 5000;

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

@ArgsType()
export class WorkListExportArgs extends WorkListArgs {
  @Field(() => ExportFormat)
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

@ObjectType('ExportFile', { description: 'A file, base64-encoded' })
export class ExportFileModel {
  @Field()
  fileName: string;

  @Field()
  contentType: string;

  @Field(() => Number, { description: 'Rows in the file (without the header)' })
  rowCount: number;

  @Field()
  base64: string;
}

/** Swedish column headings; protected identity's address and phone stay empty. */
const COLUMNS: [string, (r: WorkListItemModel) => string | number | null][] = [
  ['Prioritet', (r) => r.priority],
  ['Orsak', (r) => r.reason],
  ['Förnamn', (r) => r.givenName],
  ['Efternamn', (r) => r.familyName],
  ['Ålder', (r) => r.age],
  ['Adress', (r) => r.streetAddress],
  ['Postnummer', (r) => r.postalCode],
  ['Ort', (r) => r.city],
  ['Telefon', (r) => r.phone],
  ['Ansvarig', (r) => r.responsibleName],
  ['Nästa uppföljning', (r) => r.nextFollowUpDate],
  ['Dagar sedan kontakt', (r) => r.daysSinceLastContact],
  ['Senaste kontakt', (r) => r.lastContactAt?.toISOString().slice(0, 10) ?? null],
  ['Bokat hembesök', (r) => r.nextHomeVisitAt?.toISOString().slice(0, 16) ?? null],
];

@Injectable()
export class WorkListExportService {
  constructor(private readonly workList: WorkListService) {}

  async export(ctx: RequestContext, args: WorkListExportArgs): Promise<ExportFileModel> {
    const rows = await this.workList.exportRows(ctx, args, MAX_EXPORT_ROWS);
    const table = rows.map((r) => COLUMNS.map(([, get]) => get(r)));
    const header = COLUMNS.map(([h]) => h);
    let bytes: Buffer;
    if (args.format === ExportFormat.CSV) {
      const lines = [header, ...table].map((l) =>
        csvLine(l.map((v) => (v === null ? '' : String(v)))),
      );
      // A BOM so that Excel opens the Swedish letters right.
      bytes = Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
    } else {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Arbetslista');
      sheet.addRow(header).font = { bold: true };
      for (const l of table) sheet.addRow(l);
      bytes = Buffer.from(await book.xlsx.writeBuffer());
    }
    const ext = args.format === ExportFormat.CSV ? 'csv' : 'xlsx';
    return Object.assign(new ExportFileModel(), {
      fileName: `arbetslista-${ctx.actor.municipalityCode}.${ext}`,
      contentType:
        args.format === ExportFormat.CSV
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rowCount: rows.length,
      base64: bytes.toString('base64'),
    });
  }
}

@Resolver()
export class WorkListExportResolver {
  constructor(private readonly exports: WorkListExportService) {}

  @Allow(Action.Read, 'WorkList')
  @Query(() => ExportFileModel, {
    description: `YOUTH_COORDINATOR: the work list with the same filters as a CSV or XLSX file (at most ${MAX_EXPORT_ROWS} rows, in list order); address and phone as on the list (never for protected identity). Logged as EXPORT.`,
  })
  workListExport(@Ctx() ctx: RequestContext, @Args() args: WorkListExportArgs) {
    return this.exports.export(ctx, args);
  }
}
