import { MonthlyReportModel } from '../models/monthly-report.model';
import { pdfBuffer } from '../../core/documents/pdf-buffer';
import { DOCUMENT_TEXT, monthLabel, periodLabel, ReportLanguage, reportRows } from './report-rows';

export interface ReportSection {
  title: string;
  text: string;
}

const MARGIN = 48;
const INK = '#1f2933';
const BAR = '#5b8db8';
const LINE = '#c0392b';
/** One line of the table's 8.5 pt Helvetica (PDFKit's line height: the font's ascent to descent plus gap). */
const LINE_HEIGHT = 10;

/**
 * The report as the coordinator hands it in (seeds/004): the period, the free-text
 * sections the coordinator writes, the month-by-month table with the period's totals, and a
 * chart of the register size (bars) and andel vetskap (line). Suppressed cells print "<5"
 * and are left out of the chart.
 */
export function reportToPdf(
  report: MonthlyReportModel,
  lang: ReportLanguage,
  sections: ReportSection[],
): Promise<Buffer> {
  const text = DOCUMENT_TEXT[lang];
  const landscape = report.months.length > 6;
  return pdfBuffer(
    {
      size: 'A4',
      layout: landscape ? 'landscape' : 'portrait',
      margin: MARGIN,
      info: { Title: text.title },
    },
    (doc) => {
      const width = doc.page.width - 2 * MARGIN;
      doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(text.title);
      doc.moveDown(0.3).font('Helvetica').fontSize(11);
      doc.text(`${text.period} ${periodLabel(report.fromMonth, report.toMonth, lang)}`);
      doc.moveDown(0.8);
      for (const s of sections) {
        doc.font('Helvetica-Bold').fontSize(13).text(s.title);
        doc.moveDown(0.2).font('Helvetica').fontSize(10).text(s.text, { width, align: 'left' });
        doc.moveDown(0.8);
      }
      drawTable(doc, report, lang, width);
      doc.moveDown(1);
      drawChart(doc, report, lang, width);
      doc.moveDown(0.6).font('Helvetica').fontSize(8).fillColor(INK);
      doc.text(text.aktuella, MARGIN, doc.y, { width });
      if (report.occupationAfterMeasureTotals.length > 0) doc.text(text.occupationAfter, { width });
      if (report.smallCountsSuppressed) doc.text(text.suppressed, { width });
    },
  );
}

function drawTable(
  doc: PDFKit.PDFDocument,
  report: MonthlyReportModel,
  lang: ReportLanguage,
  width: number,
) {
  const text = DOCUMENT_TEXT[lang];
  const rows = reportRows(report, lang);
  const columns = report.months.length + 1;
  const labelWidth = Math.min(250, width * 0.42);
  const cellWidth = (width - labelWidth) / columns;
  const rowHeight = 14;
  const newPageIfNeeded = (h: number) => {
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
  };
  newPageIfNeeded(rowHeight * 3);
  doc.font('Helvetica-Bold').fontSize(13).text(text.table, MARGIN, doc.y);
  doc.moveDown(0.3);
  const line = (label: string, values: string[], bold: boolean, shade: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    // A label too long for one line (long measure types with their occupation after) wraps
    // to a second and the row grows; beyond two lines it is clipped with an ellipsis.
    const wrapped = Math.ceil(doc.heightOfString(label, { width: labelWidth - 4 }) / LINE_HEIGHT);
    const lines = Math.min(2, Math.max(1, wrapped));
    const height = rowHeight + (lines - 1) * LINE_HEIGHT;
    newPageIfNeeded(height);
    const y = doc.y;
    if (shade)
      doc
        .rect(MARGIN, y - 2, width, height)
        .fill('#eef2f6')
        .fillColor(INK);
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    // height: PDFKit clips (with the ellipsis) only when it knows the height.
    doc.text(label, MARGIN + 2, y, {
      width: labelWidth - 4,
      height: lines * LINE_HEIGHT,
      ellipsis: true,
    });
    values.forEach((v, i) => {
      doc.text(v, MARGIN + labelWidth + i * cellWidth, y, {
        width: cellWidth - 4,
        align: 'right',
        lineBreak: false,
      });
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line('', [...report.months.map((m) => monthLabel(m.month, lang)), text.total], true, false);
  rows.forEach((r, i) =>
    line(r.label, [...r.cells.map((c) => c.display), r.total.display], false, i % 2 === 0),
  );
}

function drawChart(
  doc: PDFKit.PDFDocument,
  report: MonthlyReportModel,
  lang: ReportLanguage,
  width: number,
) {
  const text = DOCUMENT_TEXT[lang];
  const height = 150;
  if (doc.y + height + 40 > doc.page.height - MARGIN) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text.chart, MARGIN, doc.y);
  doc.moveDown(0.4);
  const top = doc.y;
  const left = MARGIN + 30;
  const plotWidth = Math.min(width - 70, 60 * report.months.length + 40);
  const bottom = top + height;
  const sizes = report.months.map((m) => m.inRegisterAtMonthEnd.value);
  const max = Math.max(10, ...sizes.map((v) => v ?? 0));
  const step = plotWidth / report.months.length;
  doc.lineWidth(0.5).strokeColor('#999999');
  doc
    .moveTo(left, top)
    .lineTo(left, bottom)
    .lineTo(left + plotWidth, bottom)
    .stroke();
  doc
    .moveTo(left + plotWidth, top)
    .lineTo(left + plotWidth, bottom)
    .stroke();
  doc.font('Helvetica').fontSize(7).fillColor(INK);
  doc.text(String(max), MARGIN, top - 3, { width: 26, align: 'right' });
  doc.text('0', MARGIN, bottom - 4, { width: 26, align: 'right' });
  doc.text('100%', left + plotWidth + 3, top - 3);
  doc.text('0%', left + plotWidth + 3, bottom - 4);
  const points: [number, number][] = [];
  report.months.forEach((m, i) => {
    const x = left + i * step + step * 0.2;
    const size = m.inRegisterAtMonthEnd;
    if (size.value !== null) {
      const h = (size.value / max) * height;
      doc.rect(x, bottom - h, step * 0.6, h).fill(BAR);
    }
    doc
      .fillColor(INK)
      .text(size.display, x, bottom - 10 - (size.value ? (size.value / max) * height : 0), {
        width: step * 0.6,
        align: 'center',
      });
    doc.text(monthLabel(m.month, lang), x - step * 0.2, bottom + 3, {
      width: step,
      align: 'center',
    });
    const share = m.knownOccupationShare.value;
    if (share !== null) points.push([left + i * step + step / 2, bottom - (share / 100) * height]);
  });
  if (points.length) {
    doc.lineWidth(1.5).strokeColor(LINE);
    points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
    doc.stroke();
    for (const [x, y] of points) doc.circle(x, y, 2).fill(LINE);
  }
  report.months.forEach((m, i) => {
    const share = m.knownOccupationShare;
    const y = share.value !== null ? bottom - (share.value / 100) * height - 11 : top;
    doc
      .fillColor(LINE)
      .fontSize(7)
      .text(share.display, left + i * step, y, { width: step, align: 'center' });
  });
  doc.fillColor(INK);
  doc.x = MARGIN;
  doc.y = bottom + 16;
}
