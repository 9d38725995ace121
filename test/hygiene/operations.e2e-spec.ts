import { createTestApp, TestApp } from '../support/test-app';

describe('operations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ STATEMENT_TIMEOUT_MS: '1500' });
  });
  afterAll(() => t.close());

  describe('statement_timeout', () => {
    it('is set on the app’s connections from STATEMENT_TIMEOUT_MS', async () => {
      const [{ statement_timeout }] = await t.ds.query(`SHOW statement_timeout`);
      expect(statement_timeout).toBe('1500ms');
    });

    it('is set on every pooled connection, not only the first', async () => {
      const runners = [
        t.ds.createQueryRunner(),
        t.ds.createQueryRunner(),
        t.ds.createQueryRunner(),
      ];
      try {
        const values = await Promise.all(runners.map((r) => r.query(`SHOW statement_timeout`)));
        expect(values.map((v) => v[0].statement_timeout)).toEqual(['1500ms', '1500ms', '1500ms']);
      } finally {
        await Promise.all(runners.map((r) => r.release()));
      }
    });

    it('cancels a statement that runs longer', async () => {
      await expect(t.ds.query(`SELECT pg_sleep(3)`)).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '57014' }),
      });
    });

    it('defaults to 10 seconds', async () => {
      const other = await createTestApp();
      try {
        const [{ statement_timeout }] = await other.ds.query(`SHOW statement_timeout`);
        expect(statement_timeout).toBe('10s');
      } finally {
        await other.close();
      }
    });
  });

  describe('/health', () => {
    it('reports the process and the database up, without authentication', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up' });
    });

    it('/health/live answers without touching the database', async () => {
      const res = await t.http().get('/health/live');
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('x-request-id', () => {
    it('is generated and returned when the client sends none', async () => {
      const res = await t.http().get('/health');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('is returned on GraphQL responses', async () => {
      const res = await t.http().post('/graphql').send({ query: '{ __typename }' });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('echoes a well-formed id from the client', async () => {
      const res = await t.http().get('/health').set('x-request-id', 'trace-1234abcd');
      expect(res.headers['x-request-id']).toBe('trace-1234abcd');
    });

    it('replaces an id that could inject text into the logs', async () => {
      const res = await t.http().get('/health').set('x-request-id', 'bad id {"json":1}');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
