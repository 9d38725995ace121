import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { excelJs } from '../../core/documents/lazy-libraries';
import { csvLine } from '../report-cells';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

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

export type TableValue = string | number | null;

/** A column of an exported table: its heading and how a row gives its value. */
export type TableColumn<T> = [heading: string, value: (row: T) => TableValue];

/**
 * The one writer of tabular exports (the work list, the KAA register): a header row and a
 * row per record, as CSV (RFC 4180 with a BOM, so Excel reads å, ä, ö) or as one XLSX sheet.
 */
export async function tableFile<T>(
  format: ExportFormat,
  file: { baseName: string; sheetName: string; columns: TableColumn<T>[]; rows: T[] },
): Promise<ExportFileModel> {
  const header = file.columns.map(([h]) => h);
  const table = file.rows.map((r) => file.columns.map(([, get]) => get(r)));
  let bytes: Buffer;
  if (format === ExportFormat.CSV) {
    const lines = [header, ...table].map((l) =>
      csvLine(l.map((v) => (v === null ? '' : String(v)))),
    );
    bytes = Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  } else {
    const book = new (excelJs().Workbook)();
    const sheet = book.addWorksheet(file.sheetName);
    sheet.addRow(header).font = { bold: true };
    for (const l of table) sheet.addRow(l);
    bytes = Buffer.from(await book.xlsx.writeBuffer());
  }
  const csv = format === ExportFormat.CSV;
  return Object.assign(new ExportFileModel(), {
    fileName: `${file.baseName}.${csv ? 'csv' : 'xlsx'}`,
    contentType: csv
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    rowCount: file.rows.length,
    base64: bytes.toString('base64'),
  });
}
