import { pdfKit } from './lazy-libraries';

/** Collects a pdfkit document into one Buffer (the document is drawn by `draw`). */
export function pdfBuffer(
  options: PDFKit.PDFDocumentOptions,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A fixed creation date and no id: the same report gives the same bytes.
    const PDFDocument = pdfKit();
    const doc = new PDFDocument({
      ...options,
      info: { ...options.info, CreationDate: new Date(0) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}
