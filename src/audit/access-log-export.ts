import { chainHash } from './access-log-chain.service';

/**
 * The access log exported for an outside archive, as JSON lines (DESIGN.md §7, log
 * control). The chain cannot show by itself that its newest rows were cut off; an export's
 * anchor (its last sequence number and hash), kept outside, can: a later export or the
 * live log must still lead through it.
 *
 * Lines, in order:
 *  - {"type":"header","format":…,"fromSeq":"…","municipalityCode":"…"}
 *  - {"type":"row","seq","prevHash","hash","canonical"}: a row of the exporting
 *    municipality; `canonical` is the exact text its hash covers (a JSON array of its columns)
 *  - {"type":"link","seq","prevHash","hash"}: another municipality's row, hashes only,
 *    so the chain runs on without showing another tenant's ids
 *  - {"type":"anchor","lastSeq","lastHash","rows"}
 */
export const EXPORT_FORMAT = 'ungdomsportalen-access-log/1';

export interface ExportAnchor {
  lastSeq: string;
  lastHash: string;
}

export interface ExportVerification {
  valid: boolean;
  rows: number;
  anchor: ExportAnchor | null;
  /** What is wrong, for the archive's operator; null when valid. */
  problem: string | null;
}

/**
 * Verifies an export: consecutive sequence numbers, each row linked to the one before, each
 * full row's hash recomputed, and an anchor that names the last row. With `expected` (the
 * anchor kept from an earlier export), the copy must also reach that row with that hash,
 * so a copy cut short fails even when its own anchor was rewritten.
 */
export function verifyAccessLogExport(jsonl: string, expected?: ExportAnchor): ExportVerification {
  const fail = (rows: number, problem: string): ExportVerification => ({
    valid: false,
    rows,
    anchor: null,
    problem,
  });
  const lines = jsonl.split('\n').filter((l) => l.trim() !== '');
  let parsed: Record<string, string>[];
  try {
    parsed = lines.map((l) => JSON.parse(l) as Record<string, string>);
  } catch {
    return fail(0, 'a line is not JSON');
  }
  const header = parsed[0];
  if (header?.type !== 'header' || header.format !== EXPORT_FORMAT)
    return fail(0, 'no header of this format');
  let seq = BigInt(header.fromSeq);
  let prev: string | null = header.fromPrevHash ?? null;
  let rows = 0;
  let reachedExpected = !expected;
  for (const line of parsed.slice(1, -1)) {
    if (line.type !== 'row' && line.type !== 'link')
      return fail(rows, `unexpected line ${line.type}`);
    if (BigInt(line.seq) !== seq) return fail(rows, `row ${seq} is missing`);
    if (prev !== null && line.prevHash !== prev)
      return fail(rows, `row ${seq} does not follow row ${seq - 1n}`);
    if (line.type === 'row' && chainHash(line.prevHash, line.canonical) !== line.hash)
      return fail(rows, `row ${seq} was changed`);
    if (expected && line.seq === expected.lastSeq) {
      if (line.hash !== expected.lastHash)
        return fail(rows, `row ${seq} differs from the kept anchor`);
      reachedExpected = true;
    }
    prev = line.hash;
    seq += 1n;
    rows += 1;
  }
  const anchor = parsed[parsed.length - 1];
  if (parsed.length < 2 || anchor.type !== 'anchor')
    return fail(rows, 'the anchor line is missing');
  if (anchor.lastSeq !== (seq - 1n).toString() || anchor.lastHash !== (prev ?? ''))
    return fail(rows, 'the anchor does not name the last row: rows were cut off');
  if (!reachedExpected)
    return fail(rows, 'the copy ends before the kept anchor: rows were cut off');
  return {
    valid: true,
    rows,
    anchor: { lastSeq: anchor.lastSeq, lastHash: anchor.lastHash },
    problem: null,
  };
}
