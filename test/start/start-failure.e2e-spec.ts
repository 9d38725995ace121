import { createServer, Server } from 'node:net';
import {
  exitWithin,
  freePort,
  makeDataDir,
  postgresProcessesFor,
  READY_TIMEOUT_MS,
  removeDataDir,
  startNpm,
  StartedNpm,
  waitUntilGone,
} from './npm-process';

/**
 * A start that fails says why in one line on stderr, exits non-zero, and leaves no
 * PostgreSQL behind, whichever step failed.
 */
describe('npm start that cannot start', () => {
  let dataDir: string;
  let dbPort: number;

  beforeAll(async () => {
    dataDir = makeDataDir();
    dbPort = await freePort();
  });

  afterAll(() => removeDataDir(dataDir));

  it(
    'names the port that is already in use, after the database was started, and stops that database',
    async () => {
      const port = await freePort();
      // Taken on every address, as the app would take it.
      const squatter = await listen(port);
      try {
        const run = startNpm({ port, dbPort, dataDir });
        const code = await exitWithin(run, READY_TIMEOUT_MS);
        expect(code).toBe(1);
        expect(failureLines(run)).toEqual([
          `start-up failed: port ${port} is already in use (set PORT)`,
        ]);
        // It got as far as the database, so the database had to be stopped again.
        expect(run.stdout()).toContain('starting embedded PostgreSQL');
        await waitUntilGone(run);
        expect(postgresProcessesFor(dataDir)).toEqual([]);
      } finally {
        squatter.close();
      }
    },
    READY_TIMEOUT_MS + 40_000,
  );

  it('names a bad variable (PORT=abc) without starting anything', async () => {
    const run = startNpm({ port: 0, dbPort, dataDir }, { PORT: 'abc' });
    const code = await exitWithin(run, 60_000);
    expect(code).toBe(1);
    expect(failureLines(run)).toEqual([
      'start-up failed: PORT must be a whole number (0–65535), got "abc"',
    ]);
    expect(run.stdout()).not.toContain('starting embedded PostgreSQL');
  }, 70_000);

  it('names the unreachable database and its address, never its password', async () => {
    const closed = await freePort();
    const run = startNpm(
      { port: await freePort(), dbPort, dataDir },
      {
        DATABASE_URL: `postgres://portal:sekret-pw@127.0.0.1:${closed}/portal`,
        SEED_DEMO: 'false',
      },
    );
    const code = await exitWithin(run, 60_000);
    expect(code).toBe(1);
    const lines = failureLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^start-up failed: database unreachable at 127\\.0\\.0\\.1:${closed} \\(check DATABASE_URL\\): connection refused`,
      ),
    );
    expect(run.output()).not.toContain('sekret-pw');
  }, 70_000);
});

/** The lines that give the reason, wherever they were printed; stderr's last line is one. */
function failureLines(run: StartedNpm): string[] {
  const stderr = run.stderr().trimEnd().split('\n');
  expect(stderr[stderr.length - 1]).toMatch(/^start-up failed: /);
  return run
    .output()
    .split('\n')
    .filter((l) => l.includes('start-up failed'));
}

function listen(port: number): Promise<Server> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(port, () => res(srv));
  });
}
