import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The API serves the built web client (web/dist, built by `npm run build`) at / under a
 * strict Content-Security-Policy, and answers the client's own routes with index.html.
 */
const dist = join(__dirname, '..', '..', 'web', 'dist');

describe('the web client, served by the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error('web/dist is missing: run `npm run build -w web` first (CI builds it)');
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('serves index.html at / (no longer a CSRF error in JSON)', async () => {
    const res = await t.http().get('/').set('accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<div id="root"></div>');
  });

  it('sets a strict Content-Security-Policy: scripts, styles and connections from this origin only, no inline script', async () => {
    const res = await t.http().get('/');
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the built page has no inline script: every script is a file of its own', async () => {
    const html = (await t.http().get('/')).text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\/[\w-]+\.js"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves the hashed assets with a long cache and the CSP', async () => {
    const js = readdirSync(join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await t.http().get(`/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.text.length).toBe(readFileSync(join(dist, 'assets', js), 'utf8').length);
    expect((await t.http().get('/assets/nope.js')).status).toBe(404);
  });

  it("answers the client's own routes with index.html, but leaves the API alone", async () => {
    const page = await t
      .http()
      .get('/people/7d4f2c1e-0000-4000-8000-000000000000')
      .set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root"></div>');
    const health = await t.http().get('/health/live');
    expect(health.headers['content-type']).toMatch(/json/);
    const api = await t.gql(`{ __typename }`);
    expect(api.data).toEqual({ __typename: 'Query' });
    // A script asking for an unknown path gets a 404, not the page.
    expect((await t.http().get('/nothing-here').set('accept', 'application/json')).status).toBe(
      404,
    );
  });

  it('writes the operations manifest beside the build (for trusted documents)', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'operations.json'), 'utf8'));
    const documents = Object.values(manifest) as string[];
    expect(Object.keys(manifest).every((k) => /^sha256:[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(documents.some((d) => d.startsWith('query WorkList('))).toBe(true);
    expect(documents.some((d) => d.startsWith('mutation RecordContact('))).toBe(true);
  });
});
