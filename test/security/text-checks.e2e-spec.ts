import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { TRIMMED_FIELDS } from '../../src/core/graphql/trimmed';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { personalNumberFor, birthDateForAge } from '../young-people/fixtures';

/**
 * Issue 16, point 8: string validators match the database's CHECKs. One source: each text
 * input is @Trimmed with the column it is stored in; this test holds the two together.
 * - every CHECK on the length of a text column is claimed by a @Trimmed input (or is
 *   listed below as not written from an input), with the same maximum and a minimum at
 *   least the database's;
 * - for generated strings (blanks, emoji, variation selectors, combining marks), what the
 *   validator accepts is exactly what the column's own CHECK accepts of the trimmed value.
 */
const NOT_FROM_A_TEXT_INPUT: Record<string, string> = {
  'registered_document.document': 'validated as a GraphQL operation by the gate (parse, schema)',
  'region.name': 'written by migrations and SQL only: no operation creates or renames a region',
};

interface Check {
  column: string;
  def: string;
  min: number;
  max: number;
}

describe('8. text validators match the database CHECKs', () => {
  let t: TestApp;
  let checks: Map<string, Check>;
  let coordinator: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const { org } = await createWorld(t, '1287');
    coordinator = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    const { rows } = await t.db.query(
      `SELECT c.conrelid::regclass::text || '.' || a.attname AS column, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'c' AND cardinality(c.conkey) = 1
          AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
          AND pg_get_constraintdef(c.oid) ~ 'length\\('`,
    );
    checks = new Map(
      rows.map((r: { column: string; def: string }) => {
        const min = /length\(\w+\) >= (\d+)/.exec(r.def)?.[1];
        const max = /length\(\w+\) <= (\d+)/.exec(r.def)?.[1];
        return [r.column, { ...r, min: Number(min ?? 0), max: Number(max ?? Infinity) }];
      }),
    );
  });
  afterAll(() => t.close());

  it('the database has the length CHECKs this test reads', () => {
    expect(checks.get('young_person.given_name')).toMatchObject({ min: 1, max: 100 });
    expect(checks.size).toBeGreaterThan(30);
  });

  it('every length CHECK on a text column is claimed by a @Trimmed input with the same bounds', () => {
    const claimed = new Set(TRIMMED_FIELDS.map((f) => f.column));
    const unclaimed = [...checks.keys()].filter(
      (c) => !claimed.has(c) && !(c in NOT_FROM_A_TEXT_INPUT),
    );
    expect(unclaimed).toEqual([]);
    const mismatched = TRIMMED_FIELDS.filter((f) => f.column)
      .map((f) => ({ f, check: checks.get(f.column!) }))
      .filter(({ f, check }) => !check || check.max !== f.limit.max || f.limit.min < check.min)
      .map(
        ({ f, check }) =>
          `${f.target.constructor.name}.${f.property} ${JSON.stringify(f.limit)} vs ${f.column} ${check?.def}`,
      );
    expect(mismatched).toEqual([]);
  });

  it('for generated strings, the validator accepts exactly what the column’s CHECK accepts after trimming', async () => {
    const unit = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u3000',
      'a',
      'Ö',
      '😀',
      '\ufe0f',
      '\u0301',
      'ß',
      '-',
    );
    const around = (max: number) =>
      fc.oneof(
        fc.array(unit, { maxLength: 30 }).map((a) => a.join('')),
        fc
          .integer({ min: Math.max(0, max - 3), max: max + 3 })
          .chain((n) =>
            fc
              .tuple(fc.array(unit, { minLength: n, maxLength: n }), fc.constantFrom('', ' ', '😀'))
              .map(([a, pad]) => pad + a.join('') + pad),
          ),
      );
    const disagreements: string[] = [];
    for (const f of TRIMMED_FIELDS.filter((x) => x.column)) {
      const check = checks.get(f.column!)!;
      // The column's own CHECK expression, applied to the value as the API stores it.
      const expr = check.def
        .replace(/^CHECK /, '')
        .replace(new RegExp(`\\b${f.column!.split('.')[1]}\\b`, 'g'), 'v');
      const values = fc.sample(around(Math.min(f.limit.max, 300)), { numRuns: 60, seed: 16 });
      if (f.limit.max > 300)
        values.push(
          'x'.repeat(f.limit.max),
          'x'.repeat(f.limit.max + 1),
          ` ${'😀'.repeat(f.limit.max)} `,
        );
      const { rows } = await t.db.query(
        `SELECT v, coalesce(${expr}, true) AS ok FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i) ORDER BY i`,
        [values.map((v) => v.trim())],
      );
      values.forEach((value, i) => {
        const dto = plainToInstance(f.target.constructor as new () => object, {
          [f.property]: value,
        });
        const accepted = !validateSync(dto).some((e) => e.property === f.property);
        const trimmed = [...value.trim()].length;
        // Stricter than the database only where the API means to be (a minimum above it).
        const expected = rows[i].ok && trimmed >= f.limit.min;
        if (accepted !== expected)
          disagreements.push(
            `${f.target.constructor.name}.${f.property} ${JSON.stringify(value)}: validator ${accepted}, CHECK ${rows[i].ok}`,
          );
      });
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it('a whitespace-only name is refused by the validator, before any statement', async () => {
    const pnr = personalNumberFor(birthDateForAge(17)).twelve;
    t.sql.reset();
    const res = await t.gql(
      `mutation($input: CreateYoungPersonInput!) { createYoungPerson(input: $input) { id } }`,
      { input: { personalNumber: pnr, givenName: ' \u3000\t', familyName: 'Blank' } },
      coordinator.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions?.details)).toContain('givenName');
    expect(t.sql.statements.filter((s) => /young_person/i.test(s) && /INSERT/i.test(s))).toEqual(
      [],
    );
  });
});
