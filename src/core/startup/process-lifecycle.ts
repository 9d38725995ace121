/** How long a stop may take before the process exits anyway. */
const STOP_DEADLINE_MS = 15_000;
/** How often the parent is checked (see watchParent). */
const PARENT_CHECK_MS = 500;

export interface LifecycleOptions {
  /** Stops what runs (the app, then the database); called once, whatever asked for the stop. */
  stop: (reason: string) => Promise<void>;
  log: (level: 'info' | 'error', message: string, error?: unknown) => void;
  /** Also stop when the process that started this one is gone (see watchParent). */
  watchParent: boolean;
}

/**
 * One way out for every usual stop: Ctrl-C (SIGINT), SIGTERM, the terminal closing
 * (SIGHUP), the parent going away, and a crash. Each runs `stop` once, so the
 * embedded PostgreSQL never outlives the process, then exits.
 */
export function stopOnExit(options: LifecycleOptions): { stopping: () => boolean } {
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    // npm forwards the Ctrl-C the terminal already sent to the whole group: the same stop.
    if (stopping) return;
    stopping = true;
    options.log('info', `stopping (${reason})`);
    setTimeout(() => {
      options.log('error', `not stopped after ${STOP_DEADLINE_MS} ms; exiting`);
      process.exit(exitCode || 1);
    }, STOP_DEADLINE_MS);
    options.stop(reason).then(
      () => process.exit(exitCode),
      (e: unknown) => {
        options.log('error', 'stopping failed', e);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => shutdown(signal, 0));
  }
  process.on('uncaughtException', (e) => {
    options.log('error', 'uncaught exception', e);
    shutdown('uncaught exception', 1);
  });
  process.on('unhandledRejection', (e) => {
    options.log('error', 'unhandled promise rejection', e);
    shutdown('unhandled promise rejection', 1);
  });
  // A closed terminal makes writes fail (EIO, EPIPE); that must not crash the stop.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  if (options.watchParent) watchParent(() => shutdown('parent process ended', 0));
  return { stopping: () => stopping };
}

/**
 * `npm start` runs node under npm, which does not reliably pass on a SIGTERM sent to
 * it alone: npm may exit and leave node behind, re-parented. A changed parent pid is
 * the sign. A plain interval, not a @nestjs/schedule job: it guards the process, not
 * the app, and runs before and after the Nest application exists.
 */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onGone();
  }, PARENT_CHECK_MS).unref();
}
