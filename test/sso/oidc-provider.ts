import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, request as httpRequest, Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

/** A private JWK as node:crypto exports it, with the key id the provider publishes. */
export type JsonWebKeyInput = Record<string, string> & { kid: string };

export interface ProviderAccount {
  name?: string;
  oid?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  /** The provider's signing key (private JWK), to forge tokens for the refusal tests. */
  signingJwk: JsonWebKeyInput;
  /** Rewrites the id_token of the next token responses (undefined: pass them through). */
  tamperIdToken?: (idToken: string) => Promise<string> | string;
  stop(): Promise<void>;
}

export interface PortalAddress {
  /** http://127.0.0.1:<port>, for PUBLIC_URL and the provider's redirect URIs. */
  url: string;
  /** Starts the portal's HTTP server on the held port. */
  listen(server: Server): Promise<void>;
}

/**
 * The portal's address before the app exists: PUBLIC_URL and the provider's client
 * configuration need it first. The OS picks a free port for a socket that stays open until
 * the portal's server takes it over, so no other process (another test run) can take the
 * port in between, as it could with a fixed port or one closed and bound again.
 */
export async function holdPortalAddress(): Promise<PortalAddress> {
  const held = createNetServer();
  await new Promise<void>((res) => held.listen(0, '127.0.0.1', res));
  const { port } = held.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    listen: (server) => new Promise<void>((res) => server.listen(held, res)),
  };
}

/**
 * The real oidc-provider in a child process (ES module), behind a forwarding proxy in
 * the test process: the proxy's address is the issuer, so every request the portal and
 * the "browser" send passes it, and a test can play the attacker who swaps a token.
 * Both listen on a port the OS picks (0); the provider reports its port when ready.
 */
export async function startTestProvider(opts: {
  clients: Record<string, unknown>[];
  accounts: Record<string, ProviderAccount>;
  codeTtlSeconds?: number;
}): Promise<TestProvider> {
  let providerPort = 0;
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: providerPort,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', async () => {
            let out = Buffer.concat(body);
            const headers = { ...up.headers };
            if (req.url?.startsWith('/token') && provider.tamperIdToken && up.statusCode === 200) {
              const json = JSON.parse(out.toString());
              json.id_token = await provider.tamperIdToken(json.id_token);
              out = Buffer.from(JSON.stringify(json));
              delete headers['content-length'];
              delete headers['transfer-encoding'];
            }
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(out);
          });
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', () => res()));
  const issuer = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingJwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-key-1',
    alg: 'RS256',
    use: 'sig',
  } as JsonWebKeyInput;
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider-server.mjs')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        OIDC_TEST_CONFIG: JSON.stringify({
          issuer,
          jwks: { keys: [signingJwk] },
          clients: opts.clients,
          accounts: opts.accounts,
          codeTtlSeconds: opts.codeTtlSeconds,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
    if (process.env.OIDC_TEST_DEBUG) process.stderr.write(c);
  });
  providerPort = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      const ready = /oidc-provider ready on (\d+)/.exec(c.toString());
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => {
      proxy.close();
      reject(new Error(`oidc-provider exited ${code}: ${output}`));
    });
  });
  const provider: TestProvider = {
    issuer,
    signingJwk,
    stop: async () => {
      child.kill('SIGTERM');
      proxy.closeAllConnections();
      await new Promise<void>((res) => proxy.close(() => res()));
    },
  };
  return provider;
}

/** A browser: follows redirects by hand, keeps the provider's cookies, logs in on its page. */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly portal: string) {}

  /**
   * Starts at the portal's /login, logs in at the provider as accountId with acr/amr,
   * and returns the callback URL the provider sends the browser to (not yet opened).
   */
  async loginAtProvider(
    providerId: string,
    login: { accountId: string; acr?: string; amr?: string[] },
    invitationUrl?: string,
  ): Promise<string> {
    let url = invitationUrl ?? `${this.portal}/auth/oidc/${providerId}/login`;
    for (let hop = 0; hop < 20; hop++) {
      const interaction = /\/interaction\/[^/?]+$/.test(new URL(url).pathname);
      const res = await fetch(url, {
        redirect: 'manual',
        method: interaction ? 'POST' : 'GET',
        headers: {
          cookie: this.cookieHeader(),
          ...(interaction ? { 'content-type': 'application/json' } : {}),
        },
        body: interaction ? JSON.stringify(login) : undefined,
      });
      this.keep(res);
      const location = res.headers.get('location');
      if (!location) throw new Error(`no redirect from ${url}: ${res.status} ${await res.text()}`);
      url = new URL(location, url).toString();
      if (url.startsWith(`${this.portal}/auth/oidc/${providerId}/callback`)) return url;
    }
    throw new Error('too many redirects');
  }

  /** RP-independent logout at the provider (its own page, confirmed): back-channel logout follows. */
  async logoutAtProvider(issuer: string): Promise<void> {
    const page = await fetch(`${issuer}/session/end`, { headers: { cookie: this.cookieHeader() } });
    this.keep(page);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!xsrf) throw new Error('no logout form');
    const res = await fetch(`${issuer}/session/end/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    this.keep(res);
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value) this.cookies.set(pair.slice(0, eq), value);
      else this.cookies.delete(pair.slice(0, eq));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface LogoutRelay {
  /** The address to give the provider as a client's backchannel_logout_uri. */
  url: string;
  /** Every logout token the provider sent, in order. */
  tokens: string[];
  stop(): Promise<void>;
}

/**
 * Stands between the provider and the portal's back-channel logout endpoint (target):
 * passes each logout token on, answers with the portal's status, and keeps the token, so
 * a test can send it again as someone who captured it would.
 */
export async function startLogoutRelay(target: string): Promise<LogoutRelay> {
  const tokens: string[] = [];
  const relay = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (token) tokens.push(token);
      try {
        const answer = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((res) => relay.listen(0, '127.0.0.1', () => res()));
  return {
    url: `http://127.0.0.1:${(relay.address() as { port: number }).port}/backchannel-logout`,
    tokens,
    stop: async () => {
      relay.closeAllConnections();
      await new Promise<void>((res) => relay.close(() => res()));
    },
  };
}
