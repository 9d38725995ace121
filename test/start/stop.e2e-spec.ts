import {
  freePort,
  groupMembers,
  isRunning,
  makeDataDir,
  nodeChildOf,
  postgresProcessesFor,
  postmasterPid,
  READY_TIMEOUT_MS,
  removeDataDir,
  signalGroup,
  startNpm,
  waitForHealth,
  waitUntilGone,
} from './npm-process';

// Generous for a busy CI machine; a stop normally takes well under a second.
const GONE_WITHIN_MS = 30_000;

/**
 * Every usual way to stop `npm start` leaves no node and no PostgreSQL behind: Ctrl-C
 * (SIGINT to the group), the terminal closing (SIGHUP to the group), SIGTERM to npm
 * alone (which npm does not reliably pass on), SIGTERM to node, and npm killed outright.
 */
describe('stopping npm start', () => {
  let dataDir: string;
  let port: number;
  let dbPort: number;

  beforeAll(async () => {
    dataDir = makeDataDir();
    port = await freePort();
    dbPort = await freePort();
  });

  afterAll(() => removeDataDir(dataDir));

  const stops: [string, (npmPid: number) => void][] = [
    ['SIGTERM to the npm process alone', (npm) => process.kill(npm, 'SIGTERM')],
    ['Ctrl-C: SIGINT to the process group', (npm) => signalGroup(npm, 'SIGINT')],
    ['the terminal closing: SIGHUP to the process group', (npm) => signalGroup(npm, 'SIGHUP')],
    ['SIGTERM to node', (npm) => process.kill(nodeChildOf(npm)!, 'SIGTERM')],
    ['npm killed (SIGKILL), node left to notice', (npm) => process.kill(npm, 'SIGKILL')],
  ];

  it.each(stops)(
    '%s leaves no node and no PostgreSQL process',
    async (_name, stop) => {
      const run = startNpm({ port, dbPort, dataDir });
      await waitForHealth(run);
      const npmPid = run.proc.pid!;
      const postmaster = postmasterPid(dataDir);
      // What must be gone afterwards really runs now.
      expect(postmaster).toBeDefined();
      expect(isRunning(postmaster!)).toBe(true);
      expect(nodeChildOf(npmPid)).toBeDefined();
      expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);

      stop(npmPid);

      await waitUntilGone(run, GONE_WITHIN_MS);
      expect(isRunning(postmaster!)).toBe(false);
      expect(groupMembers(npmPid)).toEqual([]);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    },
    READY_TIMEOUT_MS + GONE_WITHIN_MS + 10_000,
  );
});
