import { createTestApp, TestApp } from '../support/test-app';

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
