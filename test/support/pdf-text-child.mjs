// Reads a PDF on stdin and prints {"pages": n, "text": "...", "pageTexts": [...]} (pdf-parse, i.e. pdf.js).
// Run as its own process: pdf.js loads its worker with a dynamic import, which Jest's VM refuses.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const r = await parser.getText();
await parser.destroy();
process.stdout.write(
  JSON.stringify({ pages: r.total, text: r.text, pageTexts: r.pages.map((p) => p.text) }),
);
