/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, on purpose */
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

/**
 * exceljs and pdfkit take over a second to load and only the exports use them, so they
 * are required on first use: a start, and every e2e test file's app, does without them.
 * (A CommonJS require: an `import()` would stay a real dynamic import under node16.)
 */
export const excelJs = (): typeof ExcelJS => require('exceljs');
export const pdfKit = (): typeof PDFDocument => require('pdfkit');
