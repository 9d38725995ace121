import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { codesOf, wsClient } from './support';

/**
 * Issue 16, point 5: a per-address limit on every request, resolvers or not, checked before
 * the work: an address over its limit is refused before its body is even parsed.
 */
describe('5. the per-address limit comes before any work', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADDRESS_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('counts requests that reach no resolver, then refuses the address before parsing its body', async () => {
    const post = (body: string) =>
      t.http().post('/graphql').set('content-type', 'application/json').send(body);
    // Five requests that reach no resolver: a syntax error and malformed JSON still count.
    for (let i = 0; i < 3; i++)
      expect((await post(JSON.stringify({ query: '{ me { id ' }))).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await post('{"query": ')).status).toBe(400);
    // The sixth is refused as too many, not as malformed: its body was never parsed.
    const over = await post('{"query": ');
    expect(over.status).toBe(429);
    expect(over.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    const big = await post(JSON.stringify({ query: `{ ${'me { id } '.repeat(80_000)} }` }));
    expect(big.status).toBe(429);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    // Other routes are not the GraphQL door's to count.
    expect((await t.http().get('/health/live')).status).toBe(200);
  });
});

/** The rate window is a fixed minute: start a counting test well inside one. */
async function freshMinute(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 50_000) await new Promise((r) => setTimeout(r, 60_500 - into));
}

/**
 * Point 5 again: a document over the limits is refused, and its refusal weighs 60 requests
 * against its address, over HTTP and over the socket alike, so an address cannot keep
 * sending documents that are costly to read.
 */
describe('5. a refusal over the limits weighs heavily against its address', () => {
  let t: TestApp;
  const HUGE = `{ ${'me { id } '.repeat(80_000)} }`;

  beforeAll(async () => {
    t = await createTestApp({
      ADDRESS_RATE_LIMIT_PER_MINUTE: '123',
      BODY_LIMIT: '1mb',
      REFUSAL_DELAY_MS: '200',
    });
  });
  afterAll(() => t.close());
  const base = async () => {
    if (!t.app.getHttpServer().listening) await t.app.listen(0, '127.0.0.1');
    return (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  };

  it('over HTTP: two oversized documents leave the address three small requests', async () => {
    const from = (address: string, query: string) =>
      t.http().post('/graphql').set('x-forwarded-for', address).send({ query });
    await freshMinute();
    for (let i = 0; i < 2; i++) {
      const big = await from('198.51.100.7', HUGE);
      expect(big.status).toBe(413);
      expect(big.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    }
    // 2 × 60 = 120 of 123 spent.
    for (let i = 0; i < 3; i++)
      expect((await from('198.51.100.7', '{ __typename }')).status).toBe(200);
    const over = await from('198.51.100.7', '{ __typename }');
    expect(over.status).toBe(429);
    expect(over.body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    // The weight is the address's, not everyone's.
    const other = await from('198.51.100.8', '{ __typename }');
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ __typename: 'Query' });
  });

  it('over the WebSocket: the same weight, so a few oversized documents spend the minute', async () => {
    const { org } = await createWorld(t, '1287');
    const leader = await createUser(t, org[OrganisationKind.ASSOCIATION], [
      Role.ASSOCIATION_LEADER,
    ]);
    const url = (await base()).replace(/^http/, 'ws') + '/graphql';
    const long = `subscription { notificationAdded { ${'id '.repeat(8000)} } }`;
    await freshMinute();
    const ws = wsClient(url, leader.token);
    try {
      for (let i = 0; i < 2; i++)
        expect(codesOf(await ws.request(long))).toEqual(['PAYLOAD_TOO_LARGE']);
      // The connect and 2 × 60: at least 121 of 123 spent (the sign-in may count for the
      // same address), so within three small messages the minute is up. Without the
      // weight all three would be refused only as queries over the socket.
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) codes.push(...codesOf(await ws.request('{ __typename }')));
      expect(codes).toContain('TOO_MANY_REQUESTS');
      expect(codes.filter((c) => c === 'SUBSCRIPTIONS_ONLY').length).toBeLessThanOrEqual(2);
    } finally {
      await ws.client.dispose();
    }
  });

  it('over HTTP, a long query is refused while it arrives: the rest of the body is never parsed', async () => {
    const url = await base();
    await freshMinute();
    const code = (r: { body: { errors?: { extensions?: { code?: string } }[] } }) =>
      r.body.errors?.[0]?.extensions?.code;
    // Its tail is not JSON at all: refused for its length, so it was never parsed.
    const tail = Buffer.from(`${'me { id } '.repeat(80_000)} } "} garbage`);
    const head = Buffer.from('{"query":"{ ');
    const sent = await chunked(url, '198.51.100.20', [head, tail]);
    expect([sent.status, code(sent)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // With a content-length, and compressed (the length is counted after inflating).
    const huge = JSON.stringify({ query: HUGE });
    // Answered after REFUSAL_DELAY_MS (200 ms here), so a connection cannot send them back to back.
    const started = Date.now();
    const plain = await t
      .http()
      .post('/graphql')
      .set('x-forwarded-for', '198.51.100.21')
      .set('content-type', 'application/json')
      .send(huge);
    expect([plain.status, code(plain)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    const zipped = await chunked(url, '198.51.100.22', [gzipSync(huge)], {
      'content-encoding': 'gzip',
    });
    expect([zipped.status, code(zipped)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // Each weighs 60 against its address: 63 more fit in its 123, not 64.
    for (let i = 0; i < 63; i++)
      expect(
        (
          await t
            .http()
            .post('/graphql')
            .set('x-forwarded-for', '198.51.100.21')
            .send({ query: '{ __typename }' })
        ).status,
      ).toBe(200);
    expect(
      (
        await t
          .http()
          .post('/graphql')
          .set('x-forwarded-for', '198.51.100.21')
          .send({ query: '{ __typename }' })
      ).status,
    ).toBe(429);
    // A chunked body over BODY_LIMIT is refused as one with a content-length is.
    const big = await chunked(url, '198.51.100.23', [
      Buffer.from('{"query":"{ __typename }","variables":{"csv":"'),
      Buffer.alloc(1.1 * 2 ** 20, 'a'),
      Buffer.from('"}}'),
    ]);
    expect([big.status, code(big)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('over HTTP, a short query with large variables, gzipped or chunked, is read as before', async () => {
    const url = await base();
    const body = JSON.stringify({
      query: 'query($s: String!) { __type(name: $s) { name } }',
      variables: { s: `"\\${'x'.repeat(500_000)}` },
    });
    const asOne = await t
      .http()
      .post('/graphql')
      .set('x-forwarded-for', '198.51.100.30')
      .set('content-type', 'application/json')
      .send(body);
    expect([asOne.status, asOne.body.data]).toEqual([200, { __type: null }]);
    const bytes = Buffer.from(body);
    const pieces = [bytes.subarray(0, 7), bytes.subarray(7, 100_001), bytes.subarray(100_001)];
    const inPieces = await chunked(url, '198.51.100.31', pieces);
    expect([inPieces.status, inPieces.body.data]).toEqual([200, { __type: null }]);
    const zipped = await chunked(url, '198.51.100.32', [gzipSync(body)], {
      'content-encoding': 'gzip',
    });
    expect([zipped.status, zipped.body.data]).toEqual([200, { __type: null }]);
    // Malformed and empty bodies are answered as body-parser answered them.
    const bad = await chunked(url, '198.51.100.33', [Buffer.from('{"query": ')]);
    expect([bad.status, bad.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    const scalar = await chunked(url, '198.51.100.33', [Buffer.from('"{ __typename }"')]);
    expect([scalar.status, scalar.body.errors?.[0]?.extensions?.code]).toEqual([
      400,
      'BAD_USER_INPUT',
    ]);
  });
});

/** POSTs the pieces to /graphql as they are, chunked (no content-length), from an address. */
async function chunked(
  url: string,
  address: string,
  pieces: Buffer[],
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { errors?: { extensions?: { code?: string } }[]; data?: unknown };
}> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    for (const p of pieces) req.write(p);
    req.end();
  });
}
