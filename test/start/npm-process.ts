import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real `npm start`, as a person runs it, for the start-up tests: each process has
 * its own PORT, EMBEDDED_DB_PORT and DATA_DIR, so tests never share a server.
 */
export const REPO = resolve(__dirname, '..', '..');
export const READY_TIMEOUT_MS = 150_000;
export const STOP_TIMEOUT_MS = 30_000;

export interface StartedNpm {
  proc: ChildProcess;
  port: number;
  dataDir: string;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr as they came. */
  output: () => string;
  exited: Promise<number | null>;
}

/** A folder the postgres user can reach (under root the server runs as that user). */
export function makeDataDir(): string {
  const base = mkdtempSync(join(tmpdir(), 'upt-start-'));
  chmodSync(base, 0o755);
  return join(base, 'data');
}

export function removeDataDir(dataDir: string): void {
  rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
}

export function startNpm(
  opts: { port: number; dbPort: number; dataDir: string; script?: string },
  extraEnv: NodeJS.ProcessEnv = {},
): StartedNpm {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(opts.port),
    EMBEDDED_DB_PORT: String(opts.dbPort),
    DATA_DIR: opts.dataDir,
    // Empty rather than absent, so a developer's .env cannot point the test elsewhere.
    DATABASE_URL: '',
    JWT_SECRET: '',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'info',
    LOG_FORMAT: '',
    APP_NOW: '',
    ...extraEnv,
  };
  // Its own process group, so a test can signal npm alone or the whole group.
  const proc = spawn('npm', ['run', opts.script ?? 'start'], {
    cwd: REPO,
    env,
    detached: true,
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => ((stdout += c.toString()), (output += c.toString())));
  proc.stderr!.on('data', (c: Buffer) => ((stderr += c.toString()), (output += c.toString())));
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  return {
    proc,
    port: opts.port,
    dataDir: opts.dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    exited,
  };
}

export async function waitForHealth(s: StartedNpm): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void s.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`npm start exited before it was healthy:\n${tail(s.output())}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/health`);
      if (res.ok && ((await res.json()) as { status: string }).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`/health not ok after ${READY_TIMEOUT_MS} ms:\n${tail(s.output())}`);
}

/** Resolves with the exit code, or fails after ms. */
export async function exitWithin(s: StartedNpm, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(
      () => rej(new Error(`still running after ${ms} ms:\n${tail(s.output())}`)),
      ms,
    );
  });
  try {
    return await Promise.race([s.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until no process of the group and no PostgreSQL of the data folder is left. */
export async function waitUntilGone(s: StartedNpm, ms = STOP_TIMEOUT_MS): Promise<void> {
  const pgid = s.proc.pid!;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0 && postgresProcessesFor(s.dataDir).length === 0) return;
    await sleep(100);
  }
  const left = [...groupMembers(pgid).map(describeProcess), ...postgresProcessesFor(s.dataDir)];
  signalGroup(pgid, 'SIGKILL');
  throw new Error(`processes still running ${ms} ms after the stop: ${left.join('; ')}`);
}

/** SIGTERM to the whole group, then wait until none of it is left. */
export async function stopGroup(s: StartedNpm): Promise<void> {
  signalGroup(s.proc.pid!, 'SIGTERM');
  await waitUntilGone(s);
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/** Pids whose process group is pgid (from /proc, so it sees the postgres user's processes too). */
export function groupMembers(pgid: number): number[] {
  return procEntries()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.pid);
}

/** The node process npm started (npm's child). */
export function nodeChildOf(npmPid: number): number | undefined {
  return procEntries().find((p) => p.ppid === npmPid && p.cmdline.startsWith('node '))?.pid;
}

/** PostgreSQL processes whose data directory lies under dir. */
export function postgresProcessesFor(dir: string): string[] {
  return procEntries()
    .filter((p) => p.cmdline.includes('postgres') && p.cmdline.includes(dir))
    .map((p) => `${p.pid} ${p.cmdline}`);
}

/** The postmaster's pid, from the postmaster.pid file PostgreSQL writes in its data directory. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  return procEntries().some((p) => p.pid === pid);
}

function describeProcess(pid: number): string {
  const p = procEntries().find((e) => e.pid === pid);
  return p ? `${p.pid} ${p.cmdline}` : String(pid);
}

function procEntries(): { pid: number; ppid: number; pgid: number; cmdline: string }[] {
  const out: { pid: number; ppid: number; pgid: number; cmdline: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** Polls until check() holds; fails after ms. */
export async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function tail(text: string): string {
  return text.split('\n').slice(-40).join('\n');
}
