import { testClock } from '../support/clock';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { DEMO_REGION } from '../../src/demo/region.demo';
import { login } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * DESIGN §1/§6a: a MANAGER sees aggregates only. Every Query field the schema has is called
 * as the manager of the seeded Trelleborg, and as the manager of the seeded region
 * (kommunförbund), with arguments built from the schema (ids of
 * real records of every kind are tried for ID arguments), selecting every field reachable
 * without arguments. No answer may carry a young person's id, personnummer or name, the id
 * of any record about a young person, or an object of a personal-data type.
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
interface FieldDef {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: FieldDef[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

const INTROSPECTION = `{ __schema { queryType { name } types {
  kind name
  fields { name args { name defaultValue type { ...T } } type { ...T } }
  inputFields { name defaultValue type { ...T } }
  enumValues { name } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

/** Object types that hold personal data about a young person: a manager never gets one. */
const PERSONAL_TYPES =
  /^(YoungPerson|Guardian|Schooling|Kaa|Occupation|ContactAttempt|WorkList|Student|RiskFlag|PreventiveMeeting|SchoolNotice|Consent(?!Policy)|JointCase|Case|Referral|ConcernReport|EmergencyAccess|RegisterExtract|ScbExtract)/;

/** Tables whose row ids identify a record about a young person. */
const PERSONAL_TABLES = [
  'young_person',
  'guardian',
  'schooling',
  'kaa_period',
  'occupation',
  'kaa_measure',
  'kaa_plan',
  'kaa_closure',
  'contact_attempt',
  'risk_flag',
  'school_notice',
  'consent',
  'joint_case',
  'case_note',
  'case_meeting',
  'case_task',
  'referral',
  'concern_report',
  'emergency_access',
];

/** Queries not called, and why. */
const SKIPPED: Record<string, string> = {};

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const required = (t: TypeRef) => t.kind === 'NON_NULL';

describe('MANAGER cannot reach personal data through any query', () => {
  let t: TestApp;
  let municipalityToken: string;
  let regionToken: string;
  let types: Map<string, FullType>;
  let queryFields: FieldDef[];
  const personal = new Set<string>();
  const candidateIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData((t.ds.options as { url: string }).url, t.config.clock, t.config.secretsKey);
    municipalityToken = await login(t, 'manager@trelleborg.demo', DEMO_PASSWORD);
    regionToken = await login(t, DEMO_REGION.manager.email, DEMO_PASSWORD);
    const schema = await t.gql(INTROSPECTION, {}, municipalityToken);
    types = new Map((schema.data.__schema.types as FullType[]).map((type) => [type.name, type]));
    queryFields = types.get(schema.data.__schema.queryType.name)!.fields!;
    const { rows } = await t.db.query(
      `SELECT id::text, personal_number, given_name || ' ' || family_name AS name FROM young_person`,
    );
    for (const r of rows) {
      personal.add(r.id);
      if (r.personal_number) personal.add(r.personal_number);
      personal.add(r.name);
    }
    for (const table of PERSONAL_TABLES) {
      const ids = await t.db.query(`SELECT id::text FROM ${table}`);
      ids.rows.forEach((r) => personal.add(r.id));
      // One real id of each kind to try wherever a query takes an ID.
      if (ids.rows[0]) candidateIds.push(ids.rows[0].id);
    }
  }, 180_000);
  afterAll(() => t.close());

  function literal(arg: InputValue, depth = 0): string | undefined {
    const type = named(arg.type);
    const list = (v: string | undefined) =>
      v !== undefined && (arg.type.kind === 'LIST' || arg.type.ofType?.kind === 'LIST')
        ? `[${v}]`
        : v;
    const name = arg.name.toLowerCase();
    switch (type.kind) {
      case 'SCALAR':
        if (type.name === 'Int' || type.name === 'Float') {
          if (name === 'year') return list(String(Number(testClock.today().slice(0, 4))));
          if (name === 'half') return list('1');
          return list('10');
        }
        if (type.name === 'Boolean') return list('false');
        if (type.name === 'ID') return list(JSON.stringify('$ID'));
        if (name === 'regioncode') return list(JSON.stringify(DEMO_REGION.code));
        if (name.includes('month'))
          return list(JSON.stringify(name.startsWith('to') ? '2026-12' : '2026-01'));
        if (name.includes('date') || name === 'from' || name === 'to' || name.endsWith('at'))
          return list(JSON.stringify('2026-01-01'));
        if (name.includes('id')) return list(JSON.stringify('$ID'));
        return list(JSON.stringify('a'));
      case 'ENUM':
        return list(types.get(type.name!)!.enumValues![0].name);
      case 'INPUT_OBJECT': {
        if (depth > 2) return undefined;
        const fields = types.get(type.name!)!.inputFields!.filter((f) => required(f.type));
        const parts = fields.map((f) => [f.name, literal(f, depth + 1)] as const);
        if (parts.some(([, v]) => v === undefined)) return undefined;
        return list(`{${parts.map(([n, v]) => `${n}: ${v}`).join(', ')}}`);
      }
      default:
        return undefined;
    }
  }

  function selection(typeName: string, depth: number): string {
    const type = types.get(typeName)!;
    if (type.kind === 'UNION' || type.kind === 'INTERFACE') return '{ __typename }';
    const parts = ['__typename'];
    for (const f of type.fields ?? []) {
      if (f.args.some((a) => required(a.type))) continue;
      const inner = named(f.type);
      if (inner.kind === 'SCALAR' || inner.kind === 'ENUM') parts.push(f.name);
      else if (depth < 4) parts.push(`${f.name} ${selection(inner.name!, depth + 1)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  /** Every string in the answer, and every __typename, to scan. */
  function walk(value: unknown, strings: string[], typenames: string[]): void {
    if (Array.isArray(value)) value.forEach((v) => walk(v, strings, typenames));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '__typename') typenames.push(v as string);
        else walk(v, strings, typenames);
      }
    } else if (typeof value === 'string') strings.push(value);
  }

  it.each([
    ['the manager of a municipality', 'monthlyReport', () => municipalityToken],
    ['the manager of a region', 'regionReport', () => regionToken],
  ])('calls every query as %s and gets no young-person data back', async (_, own, tokenOf) => {
    const token = tokenOf();
    const outcomes: Record<string, string> = {};
    let calls = 0;
    const problems: string[] = [];
    for (const field of queryFields) {
      if (field.name.startsWith('__')) continue;
      const args: string[] = [];
      let skip: string | undefined;
      for (const arg of field.args) {
        if (!required(arg.type) && arg.name !== 'first') continue;
        const value = literal(arg);
        if (value === undefined) skip = `cannot build argument ${arg.name}`;
        else args.push(`${arg.name}: ${value}`);
      }
      if (skip) {
        SKIPPED[field.name] = skip;
        continue;
      }
      const inner = named(field.type);
      const select =
        inner.kind === 'SCALAR' || inner.kind === 'ENUM' ? '' : selection(inner.name!, 0);
      const argText = args.length ? `(${args.join(', ')})` : '';
      const ids = argText.includes('$ID') ? candidateIds : [''];
      for (const id of ids) {
        const query = `{ ${field.name}${argText.replace(/\$ID/g, id)} ${select} }`;
        const res = await t.gql(query, {}, token);
        calls += 1;
        const codes = (res.errors ?? []).map((e) => e.extensions?.code ?? e.message);
        outcomes[field.name] = [
          ...new Set([
            ...(outcomes[field.name] ?? '').split(' ').filter(Boolean),
            ...(codes.length ? codes : ['DATA']),
          ]),
        ].join(' ');
        const strings: string[] = [];
        const typenames: string[] = [];
        walk(res.data, strings, typenames);
        const leaked = strings.filter((x) => personal.has(x));
        if (leaked.length) problems.push(`${field.name}(${id}): leaked ${leaked.join(', ')}`);
        const personalTypes = [
          ...new Set(
            typenames.filter((n) => PERSONAL_TYPES.test(n) && !/(Connection|Edge)$/.test(n)),
          ),
        ];
        if (personalTypes.length)
          problems.push(`${field.name}(${id}): returned ${personalTypes.join(', ')}`);
        // Refusals only: a validation failure would mean the test did not really call the query.
        for (const code of codes.filter((c) => !/^(FORBIDDEN|NOT_FOUND)$/.test(c)))
          problems.push(`${field.name}(${id}): ${code}`);
      }
    }
    // Every query could be called: nothing is skipped today. A query added later with an
    // argument this test cannot build lands in SKIPPED and fails here until handled.
    // Mutations and subscriptions are not probed (they are not reads of the Query root).
    expect({ problems, skipped: SKIPPED }).toEqual({ problems: [], skipped: {} });
    expect(calls).toBeGreaterThan(20);
    // The aggregates a manager is for did answer.
    expect(outcomes[own]).toBe('DATA');
  });
});
