import { pdfBuffer } from '../../core/documents/pdf-buffer';

export interface Letter {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  subject: string;
  body: string;
}

/**
 * One PDF to print, one page per letter, the address where a C5/C4 window envelope shows it
 * (about 45 mm from the top, 20 mm from the left). Body text that does not fit on the page
 * is cut short rather than spilling onto a second page, so pages and letters stay one to one.
 */
export function lettersPdf(sender: string, date: string, letters: Letter[]): Promise<Buffer> {
  const mm = (n: number) => (n * 72) / 25.4;
  return pdfBuffer(
    { size: 'A4', margin: mm(20), autoFirstPage: false, info: { Title: sender } },
    (doc) => {
      for (const l of letters) {
        doc.addPage();
        const width = doc.page.width - 2 * mm(20);
        doc
          .font('Helvetica-Bold')
          .fontSize(10)
          .text(sender, mm(20), mm(15), { width: width / 2 });
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(date, mm(20) + width / 2, mm(15), { width: width / 2, align: 'right' });
        doc.fontSize(11).text(l.name, mm(20), mm(45));
        doc.text(l.street);
        doc.text(`${l.postalCode} ${l.city}`);
        doc.font('Helvetica-Bold').fontSize(12).text(l.subject, mm(20), mm(95), { width });
        doc.moveDown(0.6).font('Helvetica').fontSize(11);
        doc.text(l.body, { width, height: doc.page.height - doc.y - mm(20), ellipsis: true });
      }
    },
  );
}
