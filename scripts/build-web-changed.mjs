/**
 * `npm start` builds the web client (web/, `npm run build -w web`) when any of its inputs
 * changed since the last build: its sources, its configuration, the GraphQL schema it
 * is typed from, and the shared rules it imports. web/dist/.build-stamp holds a hash
 * of them; an unchanged tree costs one read of each file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUTS = [
  'web/src',
  'web/index.html',
  'web/package.json',
  'web/vite.config.mts',
  'web/codegen.ts',
  'web/tsconfig.json',
  'web/scripts',
  'schema.graphql',
  'src/consent/consent-policy.ts',
];

function files(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  // The generated operations are an output of the build, not an input.
  if (relative(root, full) === join('web', 'src', 'gql')) return [];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)));
}

function fingerprint(root) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(root, p))) {
    hash.update(`${relative(root, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds web/dist when it is missing or stale; returns seconds spent, or null when fresh. */
export function buildWebChanged(root) {
  const stamp = join(root, 'web', 'dist', '.build-stamp');
  const want = fingerprint(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return null;
  const started = performance.now();
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm
    ? [process.execPath, [npm, 'run', '--silent', 'build', '-w', 'web']]
    : ['npm', ['run', '--silent', 'build', '-w', 'web']];
  const run = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0)
    throw new Error(`the web client did not build (npm run build -w web exited ${run.status})`);
  return (performance.now() - started) / 1000;
}

/** `node scripts/build-web-changed.mjs --stamp`: the end of `npm run build -w web`. */
export function writeWebStamp(root) {
  writeFileSync(join(root, 'web', 'dist', '.build-stamp'), fingerprint(root));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--stamp') {
  writeWebStamp(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
