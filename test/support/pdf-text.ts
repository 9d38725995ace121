import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface PdfText {
  pages: number;
  text: string;
  pageTexts: string[];
}

/** The text of a PDF, page by page, extracted by pdf.js (pdf-parse) in a child process. */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'pdf-text-child.mjs')],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as PdfText)),
    );
    child.stdin!.end(pdf);
  });
}
