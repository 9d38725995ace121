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
    t = await createTestApp({ ADDRESS_RATE_LIMIT_PER_MINUTE: '123' });
  });
  afterAll(() => t.close());

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
    await t.app.listen(0, '127.0.0.1');
    const url =
      (await t.app.getUrl()).replace(/^http/, 'ws').replace('[::1]', '127.0.0.1') + '/graphql';
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
});
