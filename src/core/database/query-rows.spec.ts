import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * TypeORM's query() answers UPDATE/DELETE … RETURNING with [rows, count]; mapped as rows
 * it logged {NULL} ids (issue 10). Such a statement's rows are read through queryRows().
 */
describe('UPDATE/DELETE … RETURNING goes through queryRows()', () => {
  it('no .query() call sends one directly', () => {
    const direct = /\.query(?:<[^>]*>)?\(\s*`\s*(UPDATE|DELETE)\b[^`]*\bRETURNING\b/g;
    const offenders = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(direct)].map(
        (m) => `${relative(SRC, file)}: ${m[1]} … RETURNING`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});
