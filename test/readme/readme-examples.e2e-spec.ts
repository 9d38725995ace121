import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { seedDemoData } from '../../src/demo/demo-seed';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { DEMO_SECOND_FACTOR } from '../../src/demo/second-factor.demo';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Keeps the README honest: every ```graphql block preceded by `<!-- as: <e-mail> -->`
 * runs, in file order, as that demo user against freshly seeded demo data and must
 * return no errors. Blocks without the marker are illustrations and are not run.
 */
const REPO = resolve(__dirname, '..', '..');
const README = join(REPO, 'README.md');

interface Example {
  file: string;
  line: number;
  email: string;
  query: string;
}

const MARKED_BLOCK =
  /<!--\s*as:\s*(\S+?)\s*-->[ \t]*\r?\n(?:[ \t]*\r?\n)*```graphql[ \t]*\r?\n([\s\S]*?)\r?\n```/g;

function extractExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const m of text.matchAll(MARKED_BLOCK)) {
    examples.push({
      file: relative(REPO, file),
      line: text.slice(0, m.index).split('\n').length,
      email: m[1],
      query: m[2],
    });
  }
  return examples;
}

/** Every example of the README, in order; a block that appears twice runs once. */
function collectExamples(): Example[] {
  const seen = new Set<string>();
  return extractExamples(README, readFileSync(README, 'utf8')).filter((ex) => {
    const key = `${ex.email}\n${ex.query.trim()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const examples = collectExamples();

describe('README examples', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const url = (t.ds.options as { url?: string }).url;
    if (!url) throw new Error('test database URL not found');
    await seedDemoData(url, t.config.clock, t.config.secretsKey);
  }, 120_000);
  afterAll(() => t?.close());

  async function tokenFor(email: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    // The demo user with a second factor gives the code of the published TOTP secret, as
    // the README tells a reader to.
    const secondFactor =
      email === DEMO_SECOND_FACTOR.email
        ? await generate({ secret: DEMO_SECOND_FACTOR.totpSecret })
        : undefined;
    const res = await t.gql<{ login: { accessToken: string } }>(
      `mutation ($email: String!, $password: String!, $secondFactor: String) {
         login(input: { email: $email, password: $password, secondFactor: $secondFactor }) { accessToken }
       }`,
      { email, password: DEMO_PASSWORD, secondFactor },
    );
    if (res.errors) throw new Error(`cannot log in as ${email}: ${JSON.stringify(res.errors)}`);
    tokens.set(email, res.data.login.accessToken);
    return res.data.login.accessToken;
  }

  it('finds the core examples (login, me, administration, access log)', () => {
    const readmeQueries = examples.filter((e) => e.file === 'README.md').map((e) => e.query);
    for (const op of ['login(', 'me {', 'organisations(', 'createUser(', 'users(', 'accessLog(']) {
      expect(readmeQueries.some((q) => q.includes(op))).toBe(true);
    }
    expect(readmeQueries.some((q) => /verifyAccessLog/.test(q))).toBe(true);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line} as ${e.email}`, e] as const))(
    '%s',
    async (_name, ex) => {
      const token = await tokenFor(ex.email);
      const res = await t.gql(ex.query, {}, token);
      expect({ status: res.status, errors: res.errors }).toEqual({
        status: 200,
        errors: undefined,
      });
      expect(res.data).toBeTruthy();
    },
  );
});

describe('README configuration table', () => {
  it('documents every environment variable the code reads', () => {
    const readme = readFileSync(README, 'utf8');
    const documented = new Set([...readme.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    const read = new Set<string>();
    for (const file of sourceFiles(join(REPO, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]);
      for (const m of text.matchAll(/process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g)) read.add(m[1]);
      // loadConfig reads through its `env` parameter, and parses by name: int('PORT', …).
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]);
      for (const m of text.matchAll(/\b(?:int|oneOf)\((?:env, )?'([A-Z][A-Z0-9_]+)'/g))
        read.add(m[1]);
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.spec.ts') ? [path] : [];
  });
}
