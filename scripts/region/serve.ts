/**
 * One target of `npm run bench:region`, in a process of its own so the load generator never
 * shares its event loop: `serve.ts <portal|postgraphile|floor> <databaseUrl>`.
 *
 * - portal: the real app (authorization, access log and its sealer on);
 * - postgraphile: PostGraphile v5 (amber preset) over the same tables as their owner, so
 *   with no authorization and no logging;
 * - floor: node:http + pg answering the young-people read with one hand-written statement.
 *
 * Each uses a pool of 10 connections, like the portal. Every statement sent through pg is
 * counted (the portal's TypeORM, PostGraphile's adaptor and the floor all use pg's
 * Client.query), and the parent asks for the count and the process's CPU over IPC.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import pg from 'pg';
import { startApp, StatementCounter } from '../bench-world';

const POOL = 10;
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

type Target = 'portal' | 'postgraphile' | 'floor';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function portal(databaseUrl: string): Promise<number> {
  const app = await startApp(databaseUrl, new StatementCounter('bench:region'), {
    // The sealer runs as in production, so the bench shows whether it keeps up (point 5).
    AUDIT_SEAL_INTERVAL_MS: process.env.REGION_SEAL_INTERVAL_MS!, // set by bench-region.ts
  });
  return Number(new URL(app.baseUrl).port);
}

async function postgraphile(databaseUrl: string): Promise<number> {
  // Loaded here only: PostGraphile is a dev dependency of this benchmark alone.
  const { postgraphile: build } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const { jsonPgSmartTags } = await import('postgraphile/utils');
  // Two fixes to the generated schema, in the bench's preset only: the version chains'
  // self-references get names of their own (PostGraphile's defaults collide), and the notes
  // of a case are reachable from the case, newest first — PostGraphile hides relations and
  // orders with no full index, and the portal's index on case_note (case_id, created_at) is
  // partial (current notes only).
  const smartTags = jsonPgSmartTags({
    version: 1,
    config: {
      constraint: {
        'case_note.case_note_previous_version_id_fkey': {
          tags: { fieldName: 'previousVersion', foreignSingleFieldName: 'nextVersion' },
        },
        'consent.consent_previous_version_id_fkey': {
          tags: { fieldName: 'previousVersion', foreignSingleFieldName: 'nextVersion' },
        },
        'consent.consent_superseded_by_id_fkey': {
          tags: { fieldName: 'supersededBy', foreignSingleFieldName: 'supersedes' },
        },
        'case_note.case_note_case_id_fkey': { tags: { isIndexed: true } },
      },
      // Orders the portal has (partial or multi-column) indexes for, so both sort alike.
      attribute: {
        'case_note.created_at': { tags: { isIndexed: true } },
        'occupation.valid_from': { tags: { isIndexed: true } },
        'kaa_period.next_follow_up_date': { tags: { isIndexed: true } },
      },
    },
  });
  const pgl = build({
    extends: [PostGraphileAmberPreset],
    plugins: [smartTags],
    pgServices: [
      makePgService({
        connectionString: databaseUrl,
        schemas: ['public'],
        poolConfig: { max: POOL },
      }),
    ],
    grafserv: { graphqlPath: '/graphql', graphiql: false },
    grafast: { explain: false },
  });
  const server = createServer();
  await pgl.createServ(grafserv).addTo(server);
  return listen(server);
}

/** The young-people read (50, by name, latest 3 contacts each) in one statement: what any server must at least do. */
const FLOOR_SQL = `
  SELECT json_agg(json_build_object('id', p.id, 'personalNumber', p.personal_number, 'givenName', p.given_name,
           'familyName', p.family_name, 'birthDate', p.birth_date, 'contacts', c.contacts)
           ORDER BY p.family_name, p.given_name, p.id) AS nodes
    FROM (SELECT * FROM young_person WHERE home_municipality_code = $1
           ORDER BY family_name, given_name, id LIMIT 50) p
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('occurredAt', a.occurred_at, 'channel', a.channel, 'outcome', a.outcome)
               ORDER BY a.occurred_at DESC) AS contacts
        FROM (SELECT * FROM contact_attempt WHERE young_person_id = p.id ORDER BY occurred_at DESC LIMIT 3) a) c ON true`;

async function floor(databaseUrl: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // The PostGraphile shape's variables: `m` is the municipality.
      const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
        variables: { m: string };
      };
      pool
        .query(FLOOR_SQL, [variables.m])
        .then(({ rows }) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { youngPeople: { nodes: rows[0].nodes } } }));
        })
        .catch((e: Error) => {
          res.statusCode = 500;
          res.end(JSON.stringify({ errors: [{ message: e.message }] }));
        });
    });
  });
  return listen(server);
}

async function main(): Promise<void> {
  const [target, databaseUrl] = process.argv.slice(2) as [Target, string];
  const start = { portal, postgraphile, floor }[target];
  if (!start || !databaseUrl)
    throw new Error('usage: serve.ts <portal|postgraphile|floor> <databaseUrl>');
  const port = await start(databaseUrl);
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'stats') return;
    const cpu = process.cpuUsage();
    process.send!({ type: 'stats', statements, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  process.send!({ type: 'ready', port });
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
