/**
 * The build `npm start` uses: compiles the TypeScript files of tsconfig.build.json to
 * dist/ one file at a time (transpile only, as the tests' ts-jest does), and only the
 * files whose size or modification time changed since the last run. Type errors are
 * `npm run typecheck`'s job (CI runs it, and `npm run build`, the type-checked build).
 *
 * dist/.start-build.json records what was compiled. Without it (a fresh clone, or after
 * `npm run build`), or when the compiler or a tsconfig changed, everything is compiled
 * again into an emptied dist/src and dist/migrations, so no stale migration is left.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

const STAMP = '.start-build.json';
const STAMP_VERSION = 2;
// Below this many files, starting workers costs more than it saves.
const FILES_PER_WORKER = 60;

/**
 * Brings dist/ up to date with the sources under root. Returns what it did; throws
 * with the syntax errors when a file cannot be compiled.
 */
export async function buildChanged(root) {
  const started = performance.now();
  const unlock = await lock(join(root, 'dist', '.start-build.lock'));
  try {
    return await build(root, started);
  } finally {
    unlock();
  }
}

async function build(root, started) {
  const fingerprint = hash(`${STAMP_VERSION}\n${typeScriptVersion(root)}\n${configText(root)}`);
  // Nothing changed: say so without loading the compiler (that alone takes a while).
  const quick = readStamp(join(root, 'dist', STAMP), fingerprint);
  if (quick && sameFiles(root, quick.files)) {
    return { compiled: 0, removed: 0, full: false, ms: performance.now() - started };
  }
  const ts = loadTypeScript(root);
  const { fileNames, options } = readConfig(ts, root);
  const outDir = options.outDir;
  const stampFile = join(outDir, STAMP);
  const previous = readStamp(stampFile, fingerprint);

  const files = {};
  for (const file of fileNames) files[relative(root, file)] = signature(file);
  const changed = Object.keys(files).filter((f) => previous?.files[f] !== files[f]);
  const removed = previous ? Object.keys(previous.files).filter((f) => !(f in files)) : [];
  if (!changed.length && !removed.length) {
    return { compiled: 0, removed: 0, full: false, ms: performance.now() - started };
  }

  if (!previous) {
    for (const dir of new Set(Object.keys(files).map((f) => f.split(/[\\/]/)[0]))) {
      rmSync(join(outDir, dir), { recursive: true, force: true });
    }
  }
  for (const file of removed) {
    const js = outputFor(root, outDir, file);
    rmSync(js, { force: true });
    rmSync(`${js}.map`, { force: true });
  }
  // The stamp goes first, so an interrupted build is redone in full.
  rmSync(stampFile, { force: true });
  const problems = await compileAll(root, changed, options);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw Object.assign(new Error(`build failed: ${problems[0]}${more}`), { problems });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${stampFile}.tmp`, JSON.stringify({ fingerprint, files }));
  renameSync(`${stampFile}.tmp`, stampFile);
  return {
    compiled: changed.length,
    removed: removed.length,
    full: !previous,
    ms: performance.now() - started,
  };
}

/**
 * Two starts at once (two terminals, parallel tests) must not build over each other:
 * the second waits, then finds everything up to date. A lock whose owner died is taken over.
 */
async function lock(dir) {
  mkdirSync(dirname(dir), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    if (!ownerAlive(dir)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`build failed: ${dir} is held by another start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function ownerAlive(dir) {
  let pid;
  try {
    pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
  } catch {
    // Just created, pid not written yet: count it as alive unless it stays so.
    try {
      return Date.now() - statSync(dir).mtimeMs < 5_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function loadTypeScript(root) {
  return createRequire(join(root, 'package.json'))('typescript');
}

function readConfig(ts, root) {
  const configPath = join(root, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (parsed.errors.length) {
    throw new Error(
      parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'),
    );
  }
  return { fileNames: parsed.fileNames, options: parsed.options };
}

function configText(root) {
  return ['tsconfig.json', 'tsconfig.build.json']
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
}

function typeScriptVersion(root) {
  const pkg = createRequire(join(root, 'package.json')).resolve('typescript/package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

function signature(file) {
  const st = statSync(file);
  return `${st.size}:${Math.trunc(st.mtimeMs)}`;
}

/**
 * The stamp's files are exactly the .ts files (no .spec.ts) under its top folders, each
 * unchanged. This mirrors tsconfig.build.json's include and exclude; when they ever
 * disagree, the answer is "changed" and the compiler's own file list decides.
 */
function sameFiles(root, stamped) {
  const tops = new Set(Object.keys(stamped).map((f) => f.split(/[\\/]/)[0]));
  let count = 0;
  for (const top of tops) {
    for (const entry of readdirSync(join(root, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts'))
        continue;
      const file = join(entry.parentPath ?? entry.path, entry.name);
      const key = relative(root, file);
      if (stamped[key] !== signature(file)) return false;
      count += 1;
    }
  }
  return count === Object.keys(stamped).length;
}

function readStamp(stampFile, fingerprint) {
  if (!existsSync(stampFile)) return undefined;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return stamp.fingerprint === fingerprint ? stamp : undefined;
  } catch {
    return undefined;
  }
}

function hash(text) {
  return createHash('sha256').update(text).digest('hex');
}

function outputFor(root, outDir, file) {
  return join(outDir, relative(root, resolve(root, file))).replace(/\.ts$/, '.js');
}

async function compileAll(root, files, options) {
  const threads = Math.min(cpus().length, Math.floor(files.length / FILES_PER_WORKER));
  if (threads < 2) return compileFiles(root, files, options);
  const slices = Array.from({ length: threads }, (_, i) =>
    files.filter((_, j) => j % threads === i),
  );
  // One slice here (the compiler is loaded already), the others in workers.
  const workers = slices.slice(1).map(
    (slice) =>
      new Promise((res, rej) => {
        const worker = new Worker(fileURLToPath(import.meta.url), {
          workerData: { root, files: slice, options },
          // A larger young generation: fewer scavenges of the compiler's short-lived objects.
          resourceLimits: { maxYoungGenerationSizeMb: 64 },
        });
        worker.once('message', res);
        worker.once('error', rej);
      }),
  );
  const here = compileFiles(root, slices[0], options);
  return [...here, ...(await Promise.all(workers)).flat()];
}

/** Transpiles files (relative to root) into options.outDir; returns the syntax errors. */
function compileFiles(root, files, options) {
  const ts = loadTypeScript(root);
  // No source maps: they double the time to compile, and node does not read them unless
  // started with --enable-source-maps. `npm run build` still writes them.
  const compilerOptions = {
    ...options,
    isolatedModules: true,
    sourceMap: false,
    inlineSourceMap: false,
  };
  // Only emit settings matter to a one-file transpile; these would make it load files.
  for (const key of ['types', 'lib', 'baseUrl', 'paths', 'incremental', 'tsBuildInfoFile']) {
    delete compilerOptions[key];
  }
  const problems = [];
  for (const file of files) {
    const source = resolve(root, file);
    const out = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions,
      fileName: source,
      reportDiagnostics: true,
    });
    for (const d of out.diagnostics ?? []) {
      const at =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const where = at ? `${file}(${at.line + 1},${at.character + 1})` : file;
      problems.push(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
    const js = outputFor(root, options.outDir, file);
    mkdirSync(dirname(js), { recursive: true });
    writeFileSync(js, out.outputText);
    // A map left by `npm run build` would no longer match.
    rmSync(`${js}.map`, { force: true });
  }
  return problems;
}

if (!isMainThread && workerData?.files) {
  parentPort.postMessage(compileFiles(workerData.root, workerData.files, workerData.options));
} else if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node scripts/build-changed.mjs`: the same build on its own.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  buildChanged(root).then(
    (r) => console.log(describeBuild(r)),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}

/** One line for the start-up output. */
export function describeBuild(r) {
  if (!r.compiled && !r.removed) return 'build: up to date';
  const what = r.full ? `all ${r.compiled} files` : `${r.compiled} changed file(s)`;
  const gone = r.removed ? `, ${r.removed} removed` : '';
  return `build: compiled ${what}${gone} in ${(r.ms / 1000).toFixed(1)} s (no type check: npm run typecheck)`;
}
