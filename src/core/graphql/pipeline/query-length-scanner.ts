const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
/** "query" spelled with \u escapes is 30 bytes: a longer raw key is some other key. */
const MAX_KEY_BYTES = 64;

/**
 * Follows a JSON request body as its bytes arrive, just far enough to measure its "query"
 * string (the request object's, or each object's of a batch): feed() answers true as soon
 * as more than maxLength characters of it have arrived, so an oversized document is
 * refused after maxLength bytes and the rest of the body is never kept or parsed.
 *
 * Characters are counted as JavaScript counts a string's length (UTF-16 units), from
 * below: every UTF-8 sequence and every escape counts one (a character outside the BMP is
 * two units but counts one). So it never refuses a query that the exact check after
 * parsing (beforeParse) would accept; a query over the limit only by such characters is
 * left to that check.
 *
 * Everything else in the body (variables, a megabyte of CSV in an import) is skipped at
 * indexOf speed. Malformed JSON is not its to report: the parser does that later.
 */
export class QueryLengthScanner {
  private depth = 0;
  /** Whether the container at depth 1 and at depth 2 is an object. */
  private readonly objectAt: boolean[] = [];
  /** In a watched object, the next string is a key. */
  private expectKey = false;
  /** The key whose value comes next, in a watched object. */
  private valueOf: string | undefined;
  private inString = false;
  private role: 'key' | 'query' | 'other' = 'other';
  /** The previous byte in the string was an unescaped backslash. */
  private escape = false;
  /** Hex digits of a \u escape still to come (query strings only). */
  private hexLeft = 0;
  private keyBytes: number[] = [];
  private units = 0;

  constructor(private readonly maxLength: number) {}

  /** Feeds the next bytes; true once the query is known to be longer than maxLength. */
  feed(chunk: Uint8Array): boolean {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.role === 'query') {
          i = this.countQuery(chunk, i);
          if (this.units > this.maxLength) return true;
        } else i = this.skipString(chunk, i);
        continue;
      }
      const b = chunk[i++];
      if (b === QUOTE) this.openString();
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        this.depth++;
        if (this.depth <= 2) this.objectAt[this.depth] = b === OPEN_OBJECT;
        this.expectKey = b === OPEN_OBJECT;
        this.valueOf = undefined;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        this.depth--;
        this.expectKey = false;
      } else if (b === COLON) this.expectKey = false;
      else if (b === COMMA) {
        this.expectKey = this.depth >= 1 && this.depth <= 2 && this.objectAt[this.depth];
        this.valueOf = undefined;
      }
    }
    return false;
  }

  /** The request object (depth 1), or an object of a batch (depth 2 in an array). */
  private watched(): boolean {
    if (this.depth === 1) return this.objectAt[1];
    return this.depth === 2 && !this.objectAt[1] && this.objectAt[2];
  }

  private openString(): void {
    this.inString = true;
    this.escape = false;
    this.hexLeft = 0;
    if (!this.watched()) this.role = 'other';
    else if (this.expectKey) {
      this.role = 'key';
      this.keyBytes = [];
    } else if (this.valueOf === 'query') {
      this.role = 'query';
      this.units = 0;
    } else this.role = 'other';
  }

  private closeString(): void {
    this.inString = false;
    if (this.role === 'key') {
      this.valueOf = this.keyBytes.length <= MAX_KEY_BYTES ? decodeKey(this.keyBytes) : undefined;
      this.expectKey = false;
    }
    this.role = 'other';
  }

  /** Every byte of the query string, counting characters; returns where it stopped. */
  private countQuery(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      const b = chunk[i++];
      if (this.hexLeft > 0) this.hexLeft--;
      else if (this.escape) {
        this.escape = false;
        if (b === U) this.hexLeft = 4;
      } else if (b === BACKSLASH) {
        this.escape = true;
        this.units++;
      } else if (b === QUOTE) {
        this.closeString();
        return i;
      } else if ((b & 0xc0) !== 0x80) this.units++;
      if (this.units > this.maxLength) return i;
    }
    return i;
  }

  /** A string that is not the query: to its closing quote by indexOf; returns where it stopped. */
  private skipString(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    if (this.escape) {
      // The escaped byte, carried over from the previous chunk.
      this.escape = false;
      this.keep(chunk, i, i + 1);
      i++;
    }
    while (i < n) {
      const quote = chunk.indexOf(QUOTE, i);
      const end = quote === -1 ? n : quote;
      let run = 0;
      while (end - run > i && chunk[end - run - 1] === BACKSLASH) run++;
      this.keep(chunk, i, end);
      if (quote === -1) {
        this.escape = run % 2 === 1;
        return n;
      }
      if (run % 2 === 0) {
        this.closeString();
        return quote + 1;
      }
      // An escaped quote: part of the string.
      this.keep(chunk, quote, quote + 1);
      i = quote + 1;
    }
    return i;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    if (this.role !== 'key' || this.keyBytes.length > MAX_KEY_BYTES) return;
    for (let j = from; j < to && this.keyBytes.length <= MAX_KEY_BYTES; j++)
      this.keyBytes.push(chunk[j]);
  }
}

/** A key as JSON.parse reads it (escapes and all); undefined if it is no valid string. */
function decodeKey(bytes: number[]): string | undefined {
  try {
    return JSON.parse(`"${Buffer.from(bytes).toString('utf8')}"`) as string;
  } catch {
    return undefined;
  }
}
