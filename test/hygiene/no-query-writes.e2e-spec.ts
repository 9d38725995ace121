import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Queries never write (STYLE.md: alerts come from the job on the clock, not from reading).
 * Every Query field of the committed schema runs, as demo users of each kind of role,
 * against the demo data; afterwards every table holds the same rows as before, except
 * the access log, which only gains rows recording reads.
 */
const schema: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);
const USERS = [
  'coordinator@trelleborg.demo',
  'social@trelleborg.demo',
  'association@trelleborg.demo',
  'manager@trelleborg.demo',
  'auditor@trelleborg.demo',
  'admin@trelleborg.demo',
];
const READ_ACTIONS = ['READ', 'SEARCH', 'EXPORT'];

/** A value for an argument: what its type needs, so the field runs past validation. */
function valueFor(type: GraphQLInputType, name: string, depth = 0): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, name, depth);
  if (isListType(type)) return [valueFor(type.ofType as GraphQLInputType, name, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined && depth < 4)
        out[f.name] = valueFor(f.type, f.name, depth + 1);
    return out;
  }
  if (isScalarType(type)) {
    if (type.name === 'ID') return randomUUID();
    if (type.name === 'Int') return 1;
    if (type.name === 'Float') return 1;
    if (type.name === 'Boolean') return true;
    if (type.name === 'DateTime') return new Date().toISOString();
    if (/date|month|from|to|until/i.test(name)) return new Date().toISOString().slice(0, 10);
    return 'x';
  }
  return null;
}

/** Leaf fields, and object fields two levels down, of fields that take no required argument. */
function selection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type) || depth > 3) return '{ __typename }';
  if (!isObjectType(type) && !isInterfaceType(type)) return '{ __typename }';
  const parts: string[] = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth < 3) parts.push(`${f.name} ${selection(named, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** The field with every required argument, and every optional Boolean set (e.g. overdue). */
function operation(field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter(
    (a: GraphQLArgument) =>
      (isNonNullType(a.type) && a.defaultValue === undefined) ||
      getNamedType(a.type).name === 'Boolean',
  );
  const variables = Object.fromEntries(args.map((a) => [a.name, valueFor(a.type, a.name)]));
  const defs = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `query ${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(getNamedType(field.type), 1)} }`;
  return { query, variables };
}

describe('no query writes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.databaseUrl, t.config.clock, t.config.secretsKey);
    // Alerts pending, as if the job had not run yet: a query that made them would write.
    await t.db.query(
      `UPDATE referral SET response_due_date = app_today() - 1, overdue_notified_at = NULL WHERE state = 'SENT'`,
    );
    await t.db.query(`UPDATE consent SET expiry_notified_at = NULL, ending_notified_at = NULL`);
    await t.db.query(`DELETE FROM case_task WHERE kind = 'RE_CONSENT'`);
  }, 120_000);
  afterAll(() => t?.close());

  /** Every table's rows as one digest each (the access log apart). */
  async function snapshot(): Promise<Record<string, string>> {
    const { rows: tables } = await t.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'access_log' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { tablename } of tables) {
      const { rows } = await t.db.query(
        `SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS d FROM ${tablename} x`,
      );
      out[tablename] = rows[0].d;
    }
    return out;
  }

  it('runs every Query field as each kind of user, and no table changes', async () => {
    const fields = Object.values(schema.getQueryType()!.getFields());
    expect(fields.length).toBeGreaterThan(50);
    const tokens: string[] = [];
    for (const email of USERS) {
      const res = await t.gql(
        `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`,
        { input: { email, password: DEMO_PASSWORD } },
      );
      tokens.push(res.data.login.accessToken);
    }
    const logBefore = (await t.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))
      .rows[0].id;
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(40);

    let answered = 0;
    const internal: string[] = [];
    for (const field of fields) {
      const { query, variables } = operation(field);
      for (const token of tokens) {
        const res = await t.gql(query, variables, token);
        expect(res.status).toBeLessThan(500);
        if (res.data?.[field.name] !== undefined && res.data?.[field.name] !== null) answered += 1;
        for (const e of res.errors ?? [])
          if (
            ['GRAPHQL_VALIDATION_FAILED', 'INTERNAL_SERVER_ERROR'].includes(
              e.extensions?.code ?? '',
            )
          )
            internal.push(`${field.name}: ${e.extensions?.code} ${e.message}`);
      }
    }
    // The operations are well-formed and most of them are answered by some user.
    expect(internal).toEqual([]);
    expect(answered).toBeGreaterThan(fields.length);

    const after = await snapshot();
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    expect(changed).toEqual([]);
    const { rows: logged } = await t.db.query(
      `SELECT DISTINCT action FROM access_log WHERE id > $1 ORDER BY 1`,
      [logBefore],
    );
    expect(logged.length).toBeGreaterThan(0);
    for (const { action } of logged) expect(READ_ACTIONS).toContain(action);
  }, 300_000);
});
