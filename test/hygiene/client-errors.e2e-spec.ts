import request from 'supertest';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Whatever a client sends wrong, the answer is a GraphQL-shaped error with a client-side
 * code: never a 500, never a stack trace.
 */
describe('client errors', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({
      BODY_LIMIT: '10kb',
      MAX_QUERY_DEPTH: '4',
      // A page of 25 users' ids costs 76 (the page size multiplies what is below it).
      MAX_QUERY_COMPLEXITY: '400',
    });
    const { org } = await createWorld(t, '1287');
    admin = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.MUNICIPALITY_ADMIN]);
  });
  afterAll(() => t.close());

  const post = (body: string | object, contentType = 'application/json') =>
    t
      .http()
      .post('/graphql')
      .set('content-type', contentType)
      .set('authorization', `Bearer ${admin.token}`)
      .send(body);

  /** The rule every case below must follow. */
  function expectClientError(res: request.Response, code: string, status?: number) {
    expect(res.status).toBeLessThan(500);
    if (status) expect(res.status).toBe(status);
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+|node_modules|\n\s+at /);
  }

  it('malformed JSON body → 400 BAD_USER_INPUT', async () => {
    expectClientError(
      await post('{"query": "{ me { id } "', 'application/json'),
      'BAD_USER_INPUT',
      400,
    );
  });

  it('a body without a query → 400 BAD_USER_INPUT', async () => {
    expectClientError(await post({ variables: {} }), 'BAD_USER_INPUT', 400);
  });

  it('a batch of operations (which would dodge per-request limits) → 400 BAD_USER_INPUT', async () => {
    const res = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expectClientError(res, 'BAD_USER_INPUT', 400);
  });

  it('GraphQL syntax error → 400 GRAPHQL_PARSE_FAILED', async () => {
    expectClientError(await post({ query: '{ me { id }' }), 'GRAPHQL_PARSE_FAILED', 400);
  });

  it('unknown field → 400 GRAPHQL_VALIDATION_FAILED', async () => {
    expectClientError(
      await post({ query: '{ me { id passwordHash } }' }),
      'GRAPHQL_VALIDATION_FAILED',
      400,
    );
  });

  it('wrong argument type inline → 400 GRAPHQL_VALIDATION_FAILED', async () => {
    expectClientError(
      await post({ query: '{ users(first: "ten") { totalCount } }' }),
      'GRAPHQL_VALIDATION_FAILED',
      400,
    );
  });

  it('wrong variable type → 400 BAD_USER_INPUT', async () => {
    expectClientError(
      await post({
        query: 'query($n: Int) { users(first: $n) { totalCount } }',
        variables: { n: 'ten' },
      }),
      'BAD_USER_INPUT',
      400,
    );
  });

  it('class-validator: an invalid e-mail → BAD_USER_INPUT naming the field', async () => {
    const res = await post({
      query: 'mutation { login(input: { email: "not-an-email", password: "x" }) { accessToken } }',
    });
    expectClientError(res, 'BAD_USER_INPUT');
    expect(res.body.errors[0].message).toContain('email');
  });

  it('class-validator: a page size over 100 → BAD_USER_INPUT', async () => {
    expectClientError(
      await post({ query: '{ users(first: 1000) { totalCount } }' }),
      'BAD_USER_INPUT',
    );
  });

  it('class-validator: a malformed id → BAD_USER_INPUT', async () => {
    expectClientError(await post({ query: '{ user(id: "42") { id } }' }), 'BAD_USER_INPUT');
  });

  it('class-validator: a malformed id next to an input → BAD_USER_INPUT', async () => {
    expectClientError(
      await post({ query: 'mutation { updateUser(id: "42", input: { active: false }) { id } }' }),
      'BAD_USER_INPUT',
    );
  });

  it('a malformed cursor → BAD_USER_INPUT', async () => {
    expectClientError(
      await post({ query: '{ users(after: "%%%") { totalCount } }' }),
      'BAD_USER_INPUT',
    );
  });

  it('a query at MAX_QUERY_DEPTH is answered', async () => {
    const res = await post({ query: '{ users { edges { node { id } } } }' }); // depth 4
    expect(res.body.errors).toBeUndefined();
  });

  it('a query nested deeper than MAX_QUERY_DEPTH → 400 QUERY_TOO_COMPLEX', async () => {
    const res = await post({ query: '{ users { edges { node { organisation { id } } } } }' });
    expectClientError(res, 'QUERY_TOO_COMPLEX', 400);
  });

  it('depth hidden in fragments counts too → 400 QUERY_TOO_COMPLEX', async () => {
    const res = await post({
      query: `{ users { ...U } }
        fragment U on UserConnection { edges { node { ...N } } }
        fragment N on User { organisation { id } }`,
    });
    expectClientError(res, 'QUERY_TOO_COMPLEX', 400);
  });

  it('a missing required variable → 400 BAD_USER_INPUT', async () => {
    expectClientError(
      await post({ query: 'query($id: ID!) { user(id: $id) { id } }', variables: {} }),
      'BAD_USER_INPUT',
      400,
    );
  });

  it('a query costlier than MAX_QUERY_COMPLEXITY → 400 QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `m${i}: me { id email }`).join(' ');
    expectClientError(await post({ query: `{ ${aliases} }` }), 'QUERY_TOO_COMPLEX', 400);
  });

  it('a body over BODY_LIMIT → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post({ query: '{ me { id } }', variables: { pad: 'x'.repeat(20_000) } });
    expectClientError(res, 'PAYLOAD_TOO_LARGE', 413);
  });

  it('an unexpected content type → a client error, not a 500', async () => {
    const res = await post('query=1', 'application/x-www-form-urlencoded');
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  });
});
