import { QueryLengthScanner } from './query-length-scanner';

const MAX = 50;

/** Feeds text to a fresh scanner in pieces of `step` bytes (0: all at once). */
function over(text: string, step = 0, max = MAX): boolean {
  const bytes = Buffer.from(text, 'utf8');
  const s = new QueryLengthScanner(max);
  if (step === 0) return s.feed(bytes);
  for (let i = 0; i < bytes.length; i += step) if (s.feed(bytes.subarray(i, i + step))) return true;
  return false;
}

/** Every way of cutting the body into pieces agrees. */
function overEveryWay(text: string): boolean {
  const answers = new Set([0, 1, 2, 3, 7].map((step) => over(text, step)));
  expect(answers.size).toBe(1);
  return [...answers][0];
}

describe('QueryLengthScanner', () => {
  it('refuses a query one character over the limit, and not one at it', () => {
    expect(overEveryWay(JSON.stringify({ query: 'a'.repeat(MAX) }))).toBe(false);
    expect(overEveryWay(JSON.stringify({ query: 'a'.repeat(MAX + 1) }))).toBe(true);
  });

  it('says so as soon as the limit is passed, before the rest arrives', () => {
    const s = new QueryLengthScanner(MAX);
    expect(s.feed(Buffer.from(`{"query":"${'x'.repeat(MAX + 1)}`))).toBe(true);
  });

  it('counts only the request object’s query, wherever it stands among the keys', () => {
    const long = 'q'.repeat(MAX * 4);
    expect(
      overEveryWay(JSON.stringify({ variables: { query: long }, query: '{ me { id } }' })),
    ).toBe(false);
    expect(overEveryWay(JSON.stringify({ operationName: long, query: '{ a }' }))).toBe(false);
    expect(overEveryWay(JSON.stringify({ variables: { csv: long }, query: long }))).toBe(true);
    expect(overEveryWay(JSON.stringify({ queryx: long, xquery: long }))).toBe(false);
    expect(overEveryWay(JSON.stringify({ variables: [{ query: long }], query: 'x' }))).toBe(false);
    // A key that only looks like one inside a string value.
    expect(overEveryWay(JSON.stringify({ variables: { s: `","query":"${long}` } }))).toBe(false);
    expect(overEveryWay(JSON.stringify({ query: 7, variables: long }))).toBe(false);
  });

  it('counts each query of a batch, and the key however it is escaped', () => {
    const long = 'q'.repeat(MAX + 1);
    expect(overEveryWay(JSON.stringify([{ query: 'a' }, { query: long }]))).toBe(true);
    expect(overEveryWay(JSON.stringify([[{ query: long }]]))).toBe(false);
    expect(overEveryWay(`{"\\u0071uery":"${long}"}`)).toBe(true);
    expect(overEveryWay(`{"qu\\u0065ry" : \n "${long}"}`)).toBe(true);
  });

  it('counts escapes and multi-byte characters as one character each', () => {
    // 50 characters as JavaScript counts them, in 50 escapes or 50 two- and three-byte sequences.
    for (const c of ['\n', '"', '\\', '\u0001', 'å', '€', '\u2028']) {
      const at = JSON.stringify({ query: c.repeat(MAX) });
      expect([c, overEveryWay(at)]).toEqual([c, false]);
      expect([c, overEveryWay(JSON.stringify({ query: c.repeat(MAX + 1) }))]).toEqual([c, true]);
    }
    expect(overEveryWay(`{"query":"${'\\u00e5'.repeat(MAX)}"}`)).toBe(false);
    expect(overEveryWay(`{"query":"${'\\u00e5'.repeat(MAX + 1)}"}`)).toBe(true);
  });

  it('never refuses what the exact check would accept (from below for characters outside the BMP)', () => {
    // 26 emoji are 52 UTF-16 units: over the limit for the exact check, not for the scanner.
    expect(overEveryWay(JSON.stringify({ query: '😀'.repeat(26) }))).toBe(false);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', ' ', '{', '"', '\\', '\n', 'å', '€', '😀', '\u0000', ':', ','];
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(random() * 2 * MAX);
      let query = '';
      while (query.length < length) query += alphabet[Math.floor(random() * alphabet.length)];
      const body = JSON.stringify({ variables: { x: query }, query, operationName: null });
      const exact = (JSON.parse(body) as { query: string }).query.length > MAX;
      const scanned = over(body, 1 + (n % 5));
      if (scanned) expect(exact).toBe(true);
      if (!query.includes('😀')) expect(scanned).toBe(exact);
    }
  });

  it('skips a megabyte of variables without counting it', () => {
    const csv = 'a,b,"c",\\\n'.repeat(100_000);
    const body = JSON.stringify({ variables: { csv }, query: 'mutation { x }' });
    expect(body.length).toBeGreaterThan(1_000_000);
    const long = JSON.stringify({ variables: { csv }, query: 'x'.repeat(MAX + 1) });
    for (const step of [0, 65_536, 999]) {
      expect(over(body, step)).toBe(false);
      expect(over(long, step)).toBe(true);
    }
  });
});
