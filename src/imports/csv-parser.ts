/** One parsed CSV record and the file line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * An incremental RFC 4180 parser: feed it chunks as they arrive, take the complete
 * records. Handles quoted fields with delimiters, doubled quotes and line breaks,
 * CRLF/LF, a UTF-8 byte-order mark, and ';' (Swedish spreadsheets) or ',' detected
 * from the header line.
 */
export class CsvParser {
  private delimiter: string | null;
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** The previous character closed a quoted section (a following quote escapes it). */
  private quoteClosed = false;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private pendingCr = false;
  private head = '';

  constructor(delimiter?: ',' | ';') {
    this.delimiter = delimiter ?? null;
  }

  push(chunk: string): CsvRecord[] {
    if (!this.started) {
      if (chunk.length === 0) return [];
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      this.started = true;
    }
    if (this.delimiter === null) {
      // Wait for the whole header line before deciding the delimiter.
      this.head += chunk;
      if (!/[\r\n]/.test(this.head)) return [];
      this.delimiter = detectDelimiter(this.head);
      chunk = this.head;
      this.head = '';
    }
    return this.consume(chunk);
  }

  private consume(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      const afterCr = this.pendingCr;
      this.pendingCr = false;
      if (this.inQuotes) {
        if (c === '"') {
          this.inQuotes = false;
          this.quoteClosed = true;
        } else {
          // CRLF is one line break, even when split across chunks.
          if (c === '\r' || (c === '\n' && !afterCr)) this.line += 1;
          if (c === '\r') this.pendingCr = true;
          this.field += c;
        }
        continue;
      }
      if (afterCr && c === '\n') continue;
      if (c === '"') {
        // "" inside a quoted field is one quote; a quote opening a field starts quoting.
        if (this.quoteClosed) this.field += '"';
        this.inQuotes = true;
        this.quoteClosed = false;
        continue;
      }
      this.quoteClosed = false;
      if (c === d) {
        this.fields.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        this.fields.push(this.field);
        this.field = '';
        this.emit(out);
        this.line += 1;
        this.recordLine = this.line;
        if (c === '\r') this.pendingCr = true;
      } else {
        this.field += c;
      }
    }
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.head);
      out.push(...this.consume(this.head));
      this.head = '';
    }
    if (this.field.length > 0 || this.fields.length > 0) {
      this.fields.push(this.field);
      this.field = '';
      this.emit(out);
    }
    return out;
  }

  /** True when the file ended inside a quoted field. */
  get unterminatedQuote(): boolean {
    return this.inQuotes;
  }

  private emit(out: CsvRecord[]): void {
    const fields = this.fields;
    this.fields = [];
    this.quoteClosed = false;
    // Blank lines are skipped (spreadsheets often add them at the end).
    if (fields.length === 1 && fields[0] === '') return;
    out.push({ line: this.recordLine, fields });
  }
}

function detectDelimiter(chunk: string): ',' | ';' {
  const firstLine = chunk.split(/\r?\n/, 1)[0];
  const semicolons = firstLine.split(';').length;
  const commas = firstLine.split(',').length;
  return semicolons > commas ? ';' : ',';
}

/** Parses a whole CSV text (small files sent through GraphQL). */
export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}
