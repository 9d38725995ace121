import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { Client } from 'pg';
import {
  birthDateForAge,
  insertPeriod,
  insertPerson,
  lastLogId,
  logRowsSince,
  personalNumberFor,
} from '../young-people/fixtures';
import { codesOf, logLines, wsClient } from './support';

/**
 * Issue 16, probed as an attacker would, against one production app (trusted documents
 * off so these probes can be sent; trusted-documents.e2e-spec.ts shows them on). One
 * `describe` per numbered point of the issue; WebSocket cases use a real graphql-ws client.
 */
const USER_LIMIT = 30;
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'upt-sec-')), 'app.log');

const PERSON = `query($id: ID!) { youngPerson(id: $id) { id personalNumber givenName familyName phone } }`;
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) =>
  res.body.errors?.[0]?.extensions?.code;

describe('one hardened door (production)', () => {
  let t: TestApp;
  let url: string;
  let coordinator: TestUser;
  let leader: TestUser;
  let person: string;

  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-32-chars',
      APP_NOW: '',
      TRUSTED_DOCUMENTS: 'off',
      LOG_LEVEL: 'info',
      LOG_FILE,
      RATE_LIMIT_PER_MINUTE: String(USER_LIMIT),
      ADDRESS_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const { org } = await createWorld(t, '1287');
    coordinator = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    leader = await createUser(t, org[OrganisationKind.ASSOCIATION], [Role.ASSOCIATION_LEADER]);
    person = await insertPerson(t, { givenName: 'Hemlig', familyName: 'Personsson' });
    await insertPeriod(t, person);
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace(/^http/, 'ws').replace('[::1]', '127.0.0.1') + '/graphql';
  });
  afterAll(() => t.close());

  describe('1. graphql-ws passes the same pipeline', () => {
    it('refuses a query and a mutation over the socket with SUBSCRIPTIONS_ONLY, no data, no log row', async () => {
      const before = await lastLogId(t);
      const ws = wsClient(url, coordinator.token);
      try {
        const query = await ws.request(PERSON, { id: person });
        expect(codesOf(query)).toEqual(['SUBSCRIPTIONS_ONLY']);
        expect(query.results).toEqual([]);
        const mutation = await ws.request(
          `mutation { markNotificationsRead(ids: ["${person}"]) { marked } }`,
        );
        expect(codesOf(mutation)).toEqual(['SUBSCRIPTIONS_ONLY']);
      } finally {
        await ws.client.dispose();
      }
      expect(await logRowsSince(t, before)).toEqual([]);
      // Over HTTP the same read is answered and logged: the refusal is the socket's.
      const http = await t.gql(PERSON, { id: person }, coordinator.token);
      expect(http.data.youngPerson.givenName).toBe('Hemlig');
      expect((await logRowsSince(t, before)).map((r) => r.action)).toEqual(['READ']);
    });

    it('refuses introspection over the socket in production, without suggestions', async () => {
      const ws = wsClient(url, leader.token);
      try {
        const intro = await ws.request(`subscription { __schema { types { name } } }`);
        expect(codesOf(intro)).toContain('GRAPHQL_VALIDATION_FAILED');
        expect(JSON.stringify(intro)).not.toMatch(/"types"|Query|Did you mean/);
        const typo = await ws.request(`subscription { notificationAdde { id } }`);
        expect(codesOf(typo)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(JSON.stringify(typo)).not.toMatch(/Did you mean|notificationAdded/);
      } finally {
        await ws.client.dispose();
      }
    });

    it('applies the limits before parsing over the socket, as over HTTP', async () => {
      const huge = `subscription { notificationAdded { ${'id '.repeat(4000)} } }`;
      const ws = wsClient(url, leader.token);
      try {
        expect(codesOf(await ws.request(huge))).toEqual(['QUERY_TOO_COMPLEX']);
      } finally {
        await ws.client.dispose();
      }
      const http = await t.gql(`{ me { ${'id '.repeat(4000)} } }`, {}, leader.token);
      expect(http.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('still delivers a subscription, with the actor of the token', async () => {
      const ws = wsClient(url, coordinator.token);
      const received: unknown[] = [];
      const dispose = ws.client.subscribe(
        { query: `subscription { notificationAdded { id kind } }` },
        { next: (v) => received.push(v), error: () => undefined, complete: () => undefined },
      );
      try {
        for (let i = 0; i < 40 && received.length === 0; i++) {
          await t.db.query(
            `INSERT INTO notification (recipient_user_id, recipient_organisation_id, kind) VALUES ($1, $2, 'PROBE')`,
            [coordinator.id, coordinator.organisationId],
          );
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(received[0]).toMatchObject({ data: { notificationAdded: { kind: 'PROBE' } } });
      } finally {
        dispose();
        await ws.client.dispose();
      }
    });
  });

  describe('2. logs cannot carry personal data', () => {
    const leaked = personalNumberFor(birthDateForAge(16));
    it('a failed write logs neither the SQL parameters nor the driver message', async () => {
      // An unexpected database failure inside createYoungPerson, after validation passed.
      await t.db.query(
        `CREATE FUNCTION sec_fail() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'boom for %', NEW.phone; END $$`,
      );
      await t.db.query(
        `CREATE TRIGGER sec_fail BEFORE INSERT ON young_person FOR EACH ROW EXECUTE FUNCTION sec_fail()`,
      );
      try {
        const res = await t.gql(
          `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { id } }`,
          {
            input: {
              personalNumber: leaked.dashed,
              givenName: 'Loggbar',
              familyName: 'Läcksson',
              streetAddress: 'Skyddade gatan 99',
              phone: '0709998877',
            },
          },
          coordinator.token,
        );
        expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await t.db.query(`DROP TRIGGER sec_fail ON young_person`);
        await t.db.query(`DROP FUNCTION sec_fail()`);
      }
      const lines = logLines(LOG_FILE);
      const error = lines.find((l) => l.includes('INTERNAL_SERVER_ERROR'));
      expect(error).toBeDefined();
      expect(JSON.parse(error!).err).toMatchObject({ type: 'QueryFailedError', sqlState: 'P0001' });
      expect(JSON.parse(error!).err.statement).toMatch(/^[0-9a-f]{16}$/);
      for (const secret of [
        leaked.twelve,
        '0709998877',
        'Loggbar',
        'Läcksson',
        'Skyddade',
        'boom for',
      ])
        expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    });
  });

  describe('4. priced reads', () => {
    it('refuses 150 aliases of a 100-row page before any of it runs', async () => {
      const before = await lastLogId(t);
      const aliases = Array.from(
        { length: 150 },
        (_, i) => `p${i}: youngPeople(first: 100) { edges { node { id personalNumber phone } } }`,
      ).join(' ');
      const started = Date.now();
      const res = await t.gql(`{ ${aliases} }`, {}, coordinator.token);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.data).toBeUndefined();
      expect(await logRowsSince(t, before)).toEqual([]);
    });
  });

  describe('5. abuse stopped before work', () => {
    it('refuses an 800 kB document before parsing it, anonymous', async () => {
      const body = `{ ${'me { id } '.repeat(80_000)} }`;
      const started = Date.now();
      const res = await t
        .http()
        .post('/graphql')
        .set('x-forwarded-for', '10.9.0.1')
        .send({ query: body });
      expect(Date.now() - started).toBeLessThan(500);
      expect(res.status).toBe(413);
      expect(codeOf(res)).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('6. per user across operations; production shows nothing extra', () => {
    it('after the limit of one operation the same user gets no other operation either', async () => {
      const { org } = await createWorld(t, '1280');
      const u = await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR]);
      for (let i = 0; i < USER_LIMIT; i++) {
        const res = await t
          .http()
          .post('/graphql')
          .set('authorization', `Bearer ${u.token}`)
          .set('x-forwarded-for', `10.6.0.${i}`)
          .send({ query: '{ me { id } }' });
        expect(codeOf(res)).toBeUndefined();
      }
      const other = await t.gql(`{ unreadNotificationCount }`, {}, u.token);
      expect(other.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(other.status).toBe(429);
    });

    it('a request of more aliased mutations than the limit allows is refused whole: 0 rows', async () => {
      const count = async () =>
        Number((await t.db.query(`SELECT count(*) FROM contact_attempt`)).rows[0].count);
      const before = await count();
      const mutations = Array.from(
        { length: USER_LIMIT + 5 },
        (_, i) => `a${i}: recordContactAttempt(input: { youngPersonId: "${person}", channel: PHONE,
          outcome: NO_RESPONSE, occurredAt: "2020-01-01T10:00:00Z" }) { id }`,
      ).join(' ');
      const res = await t.gql(`mutation { ${mutations} }`, {}, coordinator.token);
      expect(res.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
      expect(res.data).toBeUndefined();
      expect(await count()).toBe(before);
    });

    it('an anonymous typo gets no field suggestions', async () => {
      const res = await t
        .http()
        .post('/graphql')
        .set('x-forwarded-for', '10.6.1.1')
        .send({ query: '{ youngPeopl { id } }' });
      expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|youngPeople"|youngPerson"/);
    });
  });

  describe('8. input hygiene in one place', () => {
    const CREATE = `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { id } }`;
    const input = { personalNumber: '20080202-0016', givenName: 'Ren', familyName: 'Indata' };

    it.each([
      ['a NUL byte in a variable', { ...input, city: 'Trelle\u0000borg' }, '$input.city'],
      ['a lone surrogate in an e-mail', { ...input, email: 'a\ud800@example.se' }, '$input.email'],
    ])('refuses %s at the edge with BAD_USER_INPUT and the field', async (_what, value, field) => {
      const res = await t.gql(CREATE, { input: value }, coordinator.token);
      expect(res.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', details: { field } });
    });

    it('refuses a NUL byte in a literal of the document too', async () => {
      const res = await t.gql(
        `mutation { createYoungPerson(input: { personalNumber: "20080202-0016", givenName: "A\\u0000", familyName: "B" }) { id } }`,
        {},
        coordinator.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('9. an outage says so', () => {
    it('answers SERVICE_UNAVAILABLE (not UNAUTHENTICATED) and /health names the database', async () => {
      const db = (await t.db.query(`SELECT current_database() AS d`)).rows[0].d as string;
      const server = new Client({ connectionString: process.env.TEST_DB_SERVER_URL });
      await server.connect();
      await server.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
      await server.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name LIKE 'ungdomsportalen%'`,
        [db],
      );
      try {
        const res = await t.gql(`{ me { id } }`, {}, coordinator.token);
        expect(res.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
        const health = await t.http().get('/health');
        expect(health.status).toBe(503);
        expect(health.body).toMatchObject({ database: 'down' });
      } finally {
        await server.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
        await server.end();
      }
      const again = await t.gql(`{ me { id } }`, {}, coordinator.token);
      expect(again.data?.me.id).toBe(coordinator.id);
    });
  });
});
