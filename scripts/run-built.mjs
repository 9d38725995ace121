/**
 * `npm start` (and seed, migrate, purge): `node scripts/run-built.mjs dist/src/main.js`.
 * Compiles what changed since the last run (scripts/build-changed.mjs; nothing when
 * nothing changed), then runs the entry in this same process. The scripts say `exec`,
 * so this process is npm's own child: a signal npm passes on reaches the app itself,
 * and there is no shell in between to swallow it.
 */
import module, { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChanged, describeBuild } from './build-changed.mjs';
import { buildWebChanged } from './build-web-changed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-built.mjs dist/src/main.js');
  process.exit(2);
}

try {
  const result = await buildChanged(root);
  if (result.compiled || result.removed) process.stdout.write(`${describeBuild(result)}\n`);
  // The server serves the web client: `npm start` builds it too when it changed.
  if (entry === 'dist/src/main.js') {
    const seconds = buildWebChanged(root);
    if (seconds !== null) process.stdout.write(`build: web client in ${seconds.toFixed(1)} s\n`);
  }
} catch (e) {
  for (const problem of e.problems ?? []) process.stderr.write(`${problem}\n`);
  process.stderr.write(`start-up failed: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}
// Node 22 and later keep V8's compiled code between starts (Node 20 has no such cache).
module.enableCompileCache?.(resolve(root, 'dist', '.compile-cache'));
// The entry runs as if started with `node <entry>`.
process.argv.splice(1, 2, resolve(root, entry));
createRequire(import.meta.url)(resolve(root, entry));
