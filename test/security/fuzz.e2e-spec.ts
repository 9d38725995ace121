import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSchema,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
} from 'graphql';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { logLines } from './support';

/**
 * Schema-generated fuzzing (issue 16): for every argument of every query and mutation in
 * schema.graphql, down to the fields of input objects, invalid values of its type (NUL
 * bytes, lone surrogates, blanks, overlong strings, malformed ids and dates, out-of-range
 * numbers, unknown enum values, wrong types) while every other argument is valid. Each
 * answer must be a client error: no INTERNAL_SERVER_ERROR, no 5xx, no stack, SQL or file
 * path. Each batch of refused mutations leaves every table's row count as it was, and no
 * log line carries a marker the inputs sent.
 */
const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'upt-fuzz-')), 'app.log');
const MIN_INPUTS = 2000;
const BUDGET = 2100;
const CONCURRENCY = 16;
// What a refused request may still write: its own access-log row (a failed login is logged).
const MAY_GROW = new Set(['access_log', 'login_attempt']);

let marker = 0;
/** A string that says where it came from, so the log grep can find it. */
const mark = (s: string) => `PD${++marker}Q${s}`;
const MARKER = /PD\d+Q/;

type Value = unknown;

function valid(type: GraphQLInputType, depth = 0): Value {
  if (isNonNullType(type)) return valid(type.ofType, depth);
  if (isListType(type)) return [valid(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, Value> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined && depth < 4)
        out[f.name] = valid(f.type, depth + 1);
    return out;
  }
  switch ((type as GraphQLNamedType).name) {
    case 'ID':
      return '00000000-0000-4000-8000-000000000001';
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2020-01-01T10:00:00.000Z';
    default:
      return 'Test';
  }
}

function invalid(type: GraphQLInputType): Value[] {
  const named = getNamedType(type);
  const wrap = (v: Value) => (isListType(isNonNullType(type) ? type.ofType : type) ? [v] : v);
  const nullable = isNonNullType(type) ? [null] : [];
  if (isEnumType(named)) return [...nullable, 'NOT_A_VALUE', 7].map(wrap);
  if (isInputObjectType(named)) return [...nullable, 'not an object'];
  if (!isScalarType(named)) return nullable;
  switch (named.name) {
    case 'ID':
      return [
        ...nullable,
        mark('x'),
        '',
        mark('\u0000'),
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        42,
      ].map(wrap);
    case 'Int':
    case 'Float':
      return [...nullable, -1, 0, 2 ** 31, 1.5, 'x'].map(wrap);
    case 'Boolean':
      return [...nullable, 'yes'].map(wrap);
    case 'DateTime':
      return [
        ...nullable,
        mark('2020-13-45'),
        '1900-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        12,
      ].map(wrap);
    default:
      return [
        ...nullable,
        mark('a\u0000b'),
        mark('\ud800'),
        '   ',
        '',
        mark('x'.repeat(12_000)),
        mark("'; DROP TABLE young_person; --"),
        mark('1990-02-30'),
        5,
      ].map(wrap);
  }
}

interface Case {
  operation: 'query' | 'mutation';
  field: string;
  at: string;
  variant: number;
  query: string;
  variables: Record<string, Value>;
}

/** Every leaf of an argument: the path of input-object fields to it, and its type. */
function leaves(
  type: GraphQLInputType,
  path: string[],
  depth = 0,
): { path: string[]; type: GraphQLInputType }[] {
  const named = getNamedType(type);
  const here = [{ path, type }];
  if (!isInputObjectType(named) || depth > 2) return here;
  return [
    ...here,
    ...Object.values(named.getFields()).flatMap((f) =>
      leaves(f.type, [...path, f.name], depth + 1),
    ),
  ];
}

function setAt(base: Record<string, Value>, path: string[], value: Value): Record<string, Value> {
  const copy = structuredClone(base);
  let node = copy as Record<string, Value>;
  for (const p of path.slice(0, -1)) {
    let next = node[p];
    if (Array.isArray(next)) next = next[0];
    if (!next || typeof next !== 'object') {
      next = {};
      node[p] = next;
    }
    node = next as Record<string, Value>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

function casesOf(operation: 'query' | 'mutation'): Case[] {
  const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const out: Case[] = [];
  for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (!field.args.length) continue;
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    const decl = field.args
      .map((a: GraphQLArgument) => `$${a.name}: ${a.type.toString()}`)
      .join(', ');
    const use = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const query = `${operation} Fuzz(${decl}) { ${field.name}(${use})${selection} }`;
    const base: Record<string, Value> = {};
    for (const a of field.args) base[a.name] = valid(a.type);
    for (const arg of field.args)
      for (const leaf of leaves(arg.type, [arg.name]))
        invalid(leaf.type).forEach((value, variant) =>
          out.push({
            operation,
            field: field.name,
            at: leaf.path.join('.'),
            variant,
            query,
            variables: setAt(base, leaf.path, value),
          }),
        );
  }
  return out;
}

/**
 * Every argument's first invalid value, then the next ones round by round up to the
 * budget, so each argument is covered and the run stays short. Queries and mutations in
 * separate batches: only mutation batches need the row counts.
 */
function sample(all: Case[], budget: number): Case[] {
  const picked = all.filter((c) => c.variant === 0);
  for (let v = 1; picked.length < budget; v++) {
    const round = all.filter((c) => c.variant === v);
    if (!round.length) break;
    picked.push(...round.slice(0, budget - picked.length));
  }
  return [
    ...picked.filter((c) => c.operation === 'query'),
    ...picked.filter((c) => c.operation === 'mutation'),
  ];
}

jest.setTimeout(120_000);

describe('fuzzing every argument of schema.graphql', () => {
  let t: TestApp;
  let users: TestUser[];
  let tables: string[];

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info', LOG_FILE });
    const { org } = await createWorld(t, '1287');
    users = [
      await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]),
      await createUser(t, org[OrganisationKind.OTHER], [Role.MUNICIPALITY_ADMIN]),
      await createUser(t, org[OrganisationKind.SCHOOL], [Role.COUNSELLOR, Role.ORG_ADMIN]),
    ];
    tables = (
      await t.db.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      )
    ).rows.map((r: { relname: string }) => r.relname);
  });
  afterAll(() => t.close());

  const counts = async (): Promise<Record<string, number>> => {
    const sql = tables
      .map((n) => `SELECT '${n}' AS t, count(*)::int AS n FROM "${n}"`)
      .join(' UNION ALL ');
    const { rows } = await t.db.query(sql);
    return Object.fromEntries(rows.map((r: { t: string; n: number }) => [r.t, r.n]));
  };

  it(`answers ${MIN_INPUTS}+ invalid inputs with client errors only, writes nothing, logs none of them`, async () => {
    const all = [...casesOf('query'), ...casesOf('mutation')];
    const cases = sample(all, BUDGET);
    const fields = new Set(cases.map((c) => `${c.operation}.${c.field}.${c.at}`));
    expect(cases.length).toBeGreaterThanOrEqual(MIN_INPUTS);
    const problems: string[] = [];
    let before = await counts();
    const started = Date.now();
    for (let i = 0; i < cases.length; i += CONCURRENCY) {
      const batch = cases.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(
        batch.map(async (c, j) => {
          const res = await t
            .http()
            .post('/graphql')
            .set('authorization', `Bearer ${users[(i + j) % users.length].token}`)
            .send({ query: c.query, variables: c.variables });
          return { c, res };
        }),
      );
      let allRefused = true;
      for (const { c, res } of answers) {
        const text = JSON.stringify(res.body);
        const codes = ((res.body?.errors ?? []) as { extensions?: { code?: string } }[]).map(
          (e) => e.extensions?.code,
        );
        if (!codes.length) allRefused = false;
        const where = `${c.operation} ${c.field} ${c.at}=${JSON.stringify(c.variables).slice(0, 120)}`;
        if (res.status >= 500) problems.push(`HTTP ${res.status}: ${where}`);
        if (codes.includes('INTERNAL_SERVER_ERROR'))
          problems.push(`INTERNAL_SERVER_ERROR: ${where}`);
        if (
          /stacktrace|\n\s+at |\.ts:\d+|node_modules|\/work\/|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b/.test(
            text,
          )
        )
          problems.push(`internals in the answer: ${where}: ${text.slice(0, 200)}`);
      }
      if (!batch.some((c) => c.operation === 'mutation')) continue;
      const after = await counts();
      if (allRefused) {
        for (const name of tables)
          if (!MAY_GROW.has(name) && after[name] !== before[name])
            problems.push(
              `partial write in ${name} (${before[name]} -> ${after[name]}) by ${batch.map((c) => `${c.field}.${c.at}`).join(', ')}`,
            );
      }
      before = after;
    }
    // Every argument of the schema was reached.
    expect(new Set(all.map((c) => `${c.operation}.${c.field}.${c.at}`)).size).toBe(fields.size);
    const leaked = logLines(LOG_FILE).filter((l) => MARKER.test(l));
    expect({
      inputs: cases.length,
      arguments: fields.size,
      problems,
      leaked: leaked.slice(0, 5),
    }).toEqual({
      inputs: cases.length,
      arguments: fields.size,
      problems: [],
      leaked: [],
    });
    expect(logLines(LOG_FILE).length).toBeGreaterThan(100);
    // The run stays short for CI (measured in the closing note of issue 16).
    expect(Date.now() - started).toBeLessThan(90_000);
  });
});
