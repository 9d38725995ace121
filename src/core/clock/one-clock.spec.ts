import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every "now" and "today" comes from the Clock (TypeScript) or app_now() / app_today()
 * (SQL), so a pinned clock moves the whole portal. This keeps new code from reaching
 * for the machine's clock or the database's own.
 */
const SRC = join(__dirname, '..', '..');
const CLOCK_DIR = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function offences(pattern: RegExp, except: (path: string) => boolean = () => false): string[] {
  return sources(SRC)
    .filter((path) => !except(path))
    .flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (pattern.test(line) ? [`${relative(SRC, path)}:${i + 1}`] : [])),
    );
}

describe('one clock', () => {
  it('no code reads the machine clock except the Clock itself', () => {
    expect(offences(/new Date\(\)|Date\.now\(\)/, (path) => path.startsWith(CLOCK_DIR))).toEqual(
      [],
    );
  });

  it("no SQL uses the database's own now() or current_date", () => {
    expect(
      offences(
        /(^|[^_a-zA-Z.])(now|clock_timestamp|statement_timestamp|transaction_timestamp)\(\)|\bcurrent_date\b|\bcurrent_timestamp\b|\blocaltimestamp\b/i,
        (path) => path.startsWith(CLOCK_DIR),
      ),
    ).toEqual([]);
  });
});
