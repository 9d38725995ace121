import { excelJs } from '../../core/documents/lazy-libraries';
import { MonthlyReportModel, ReportCellModel } from '../models/monthly-report.model';
import { DOCUMENT_TEXT, monthLabel, periodLabel, ReportLanguage, reportRows } from './report-rows';

/** Rows whose cells are percentages (andel vetskap, shares of the target group). */
const isShare = (key: string) => key.endsWith('Share');

/** A cell as the sheet holds it: numbers stay numbers, shares percentages, "<5" text. */
function sheetValue(key: string, cell: ReportCellModel): string | number | null {
  if (cell.suppressed) return cell.display;
  if (cell.value === null) return null;
  return isShare(key) ? cell.value / 100 : cell.value;
}

/** The report as one sheet laid out like seeds/004: a figure per row, a month per column, the total. */
export async function reportToXlsx(
  report: MonthlyReportModel,
  lang: ReportLanguage,
): Promise<Buffer> {
  const text = DOCUMENT_TEXT[lang];
  const book = new (excelJs().Workbook)();
  book.creator = 'Ungdomsportalen';
  const sheet = book.addWorksheet(text.sheet);
  sheet.addRow([text.title]).font = { bold: true, size: 14 };
  sheet.addRow([`${text.period} ${periodLabel(report.fromMonth, report.toMonth, lang)}`]);
  sheet.addRow([]);
  const header = sheet.addRow([
    text.figure,
    ...report.months.map((m) => monthLabel(m.month, lang)),
    text.total,
  ]);
  header.font = { bold: true };
  for (const row of reportRows(report, lang)) {
    const r = sheet.addRow([
      row.label,
      ...row.cells.map((c) => sheetValue(row.key, c)),
      sheetValue(row.key, row.total),
    ]);
    if (isShare(row.key)) {
      r.eachCell((cell, col) => {
        if (col > 1 && typeof cell.value === 'number') cell.numFmt = '0%';
      });
    }
  }
  sheet.addRow([]);
  sheet.addRow([text.aktuella]);
  if (report.occupationAfterMeasureTotals.length > 0) sheet.addRow([text.occupationAfter]);
  if (report.smallCountsSuppressed) sheet.addRow([text.suppressed]);
  sheet.getColumn(1).width = 52;
  for (let i = 2; i <= report.months.length + 2; i++) sheet.getColumn(i).width = 10;
  return Buffer.from(await book.xlsx.writeBuffer());
}
