import { createTestApp, TestApp } from '../support/test-app';
import {
  freePort,
  makeDataDir,
  READY_TIMEOUT_MS,
  removeDataDir,
  startNpm,
  StartedNpm,
  stopGroup,
  waitForHealth,
} from './npm-process';

/**
 * In development the app serves GraphiQL itself, from the npm packages' bundles: the
 * page and everything it loads come from the app's own origin, so it works offline.
 */
describe('GraphiQL in development (npm start)', () => {
  let dataDir: string;
  let run: StartedNpm | undefined;
  let base: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    run = startNpm({ port, dbPort: await freePort(), dataDir });
    await waitForHealth(run);
  }, READY_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (run) await stopGroup(run).catch(() => undefined);
    removeDataDir(dataDir);
  });

  it('answers HTML that loads only same-origin assets, and every one of them loads', async () => {
    const res = await fetch(`${base}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // The browser itself refuses anything from elsewhere.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\/\/[a-z]/i);

    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      expect(new URL(ref, base).origin).toBe(new URL(base).origin);
      const asset = await fetch(new URL(ref, base));
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
      const body = await asset.text();
      expect(body.length).toBeGreaterThan(0);
      // The page's own script talks to this origin's /graphql only.
      if (ref.endsWith('start-graphiql.js')) expect(body).not.toMatch(/https?:\/\//);
    }
  });

  it('sends a browser opening /graphql to the IDE; API calls keep CSRF prevention', async () => {
    const page = await fetch(`${base}/graphql`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/graphiql');

    const simple = await fetch(`${base}/graphql?query=%7B__typename%7D`);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain('Cross-Site Request Forgery');

    const api = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GraphiQL in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    // APP_NOW empty: a run pinned to a date must not make production refuse to start.
    t = await createTestApp({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      APP_NOW: '',
      TRUSTED_DOCUMENTS: 'off',
    });
  });

  afterAll(async () => t?.close());

  it('does not exist (404), and /graphql stays the API', async () => {
    expect((await t.http().get('/graphiql')).status).toBe(404);
    expect((await t.http().get('/graphiql/assets/graphiql.min.js')).status).toBe(404);
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).not.toBe(302);
  });
});
