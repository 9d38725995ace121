import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { decodeCursor } from '../core/graphql/connection';
import { OccupationCategory, OccupationSource } from '../kaa-register/occupation.entity';
import { YoungPeopleArgs, YoungPeopleSort } from './dto/young-person.inputs';
import { parsePersonalNumber } from './personal-number';
import { fieldScopedYoungPersonIds, scopedYoungPersonIds, SqlParams } from './young-person.access';
import { KAA_PERSON } from './young-person-fields';

/** One row of the young-people query: the person and the register facts derived in SQL. */
export interface YoungPersonRow {
  id: string;
  personal_number: string;
  coordination_number: boolean;
  birth_date: string;
  age: number;
  given_name: string;
  family_name: string;
  home_municipality_code: string;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string | null;
  protected_identity: boolean;
  created_at: Date;
  kaa_visible: boolean;
  in_kaa: boolean;
  occ_id: string | null;
  occ_category: OccupationCategory | null;
  occ_valid_from: string | null;
  occ_source: OccupationSource | null;
  occ_note: string | null;
  occ_recorded_by: string | null;
  occ_recorded_at: Date | null;
  last_contact_at: Date | null;
  sort_keys: string[];
  total_count: number;
}

interface SortSpec {
  keys: { expr: string; cast: string }[];
  descending: boolean;
}

const SORTS: Record<YoungPeopleSort, SortSpec> = {
  [YoungPeopleSort.NAME]: {
    keys: [
      { expr: 'b.family_name', cast: 'text' },
      { expr: 'b.given_name', cast: 'text' },
    ],
    descending: false,
  },
  [YoungPeopleSort.AGE_ASC]: { keys: [{ expr: 'b.birth_date', cast: 'date' }], descending: true },
  [YoungPeopleSort.AGE_DESC]: { keys: [{ expr: 'b.birth_date', cast: 'date' }], descending: false },
  [YoungPeopleSort.LAST_CONTACT]: {
    keys: [{ expr: `COALESCE(b.last_contact_at, '-infinity'::timestamptz)`, cast: 'timestamptz' }],
    descending: false,
  },
  [YoungPeopleSort.NEWEST]: {
    keys: [{ expr: 'b.created_at', cast: 'timestamptz' }],
    descending: true,
  },
};

/**
 * The young people the caller may read, with the KAA facts (open period, current
 * occupation, last contact) of the home municipality's register computed in the same
 * statement, but only where the caller may see the register (KaaPerson scope). One
 * statement for a page of any size, count included.
 */
export async function queryYoungPeople(
  db: DataSource | EntityManager,
  ctx: RequestContext,
  opts: { ids?: string[]; args?: YoungPeopleArgs; size: number; action?: Action; today: string },
): Promise<YoungPersonRow[]> {
  const p = new SqlParams();
  const scope = scopedYoungPersonIds(db, ctx.ability, opts.action ?? Action.Read, p);
  if (!scope) return [];
  const kaaScope = scopedYoungPersonIds(db, ctx.ability, Action.Read, p, KAA_PERSON, 'scope_kaa');
  const visible = kaaScope ? `yp.id IN (${kaaScope})` : 'FALSE';
  const where = [`yp.id IN (${scope})`];
  if (opts.ids) where.push(`yp.id = ANY(${p.add(opts.ids)}::uuid[])`);
  const filters = opts.args ? filterSql(db, ctx, opts.args, p, opts.today) : [];
  const sort = SORTS[opts.args?.sort ?? YoungPeopleSort.NAME];
  const keys = [...sort.keys, { expr: 'b.id', cast: 'uuid' }];
  const dir = sort.descending ? 'DESC' : 'ASC';
  let cursor = 'TRUE';
  if (opts.args?.after) {
    const values = decodeCursor(opts.args.after, keys.length);
    const placeholders = keys.map((k, i) => `${p.add(String(values[i]))}::${k.cast}`);
    cursor = `(${keys.map((k) => k.expr).join(', ')}) ${sort.descending ? '<' : '>'} (${placeholders.join(', ')})`;
  }
  const orderBy = keys.map((k) => `${k.expr} ${dir}`).join(', ');
  const sql = `
WITH base AS (
  SELECT yp.id, yp.personal_number, yp.coordination_number, yp.birth_date,
         yp.given_name, yp.family_name, yp.home_municipality_code, yp.street_address, yp.postal_code,
         yp.city, yp.phone, yp.email, yp.preferred_language, yp.protected_identity, yp.created_at,
         age_on(yp.birth_date, app_today()) AS age,
         kv.visible AS kaa_visible,
         (per.id IS NOT NULL) AS in_kaa,
         occ.id AS occ_id, occ.category AS occ_category, occ.valid_from AS occ_valid_from,
         occ.source AS occ_source, occ.note AS occ_note, occ.recorded_by AS occ_recorded_by,
         occ.recorded_at AS occ_recorded_at,
         lc.at AS last_contact_at
  FROM young_person yp
  CROSS JOIN LATERAL (SELECT ${visible} AS visible) kv
  LEFT JOIN LATERAL (
    SELECT p.id FROM kaa_period p
    WHERE kv.visible AND p.young_person_id = yp.id AND p.municipality_code = yp.home_municipality_code
      AND p.exit_date IS NULL
    LIMIT 1) per ON TRUE
  LEFT JOIN LATERAL (
    SELECT o.* FROM occupation o
    WHERE kv.visible AND o.young_person_id = yp.id AND o.municipality_code = yp.home_municipality_code
      AND o.valid_from <= app_today()
    ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
  LEFT JOIN LATERAL (
    SELECT max(ca.occurred_at) AS at FROM contact_attempt ca
    WHERE kv.visible AND ca.young_person_id = yp.id AND ca.municipality_code = yp.home_municipality_code) lc ON TRUE
  WHERE ${where.join(' AND ')}
),
filtered AS (SELECT * FROM base b WHERE ${filters.length ? filters.join(' AND ') : 'TRUE'}),
page AS (
  SELECT b.*, ARRAY[${keys.map((k) => `(${k.expr})::text`).join(', ')}] AS sort_keys
  FROM filtered b WHERE ${cursor} ORDER BY ${orderBy} LIMIT ${p.add(opts.size + 1)}
)
SELECT page.id, page.personal_number, page.coordination_number,
       to_char(page.birth_date, 'YYYY-MM-DD') AS birth_date, page.age, page.given_name, page.family_name,
       page.home_municipality_code, page.street_address, page.postal_code, page.city, page.phone,
       page.email, page.preferred_language, page.protected_identity, page.created_at, page.kaa_visible,
       page.in_kaa, page.occ_id, page.occ_category, to_char(page.occ_valid_from, 'YYYY-MM-DD') AS occ_valid_from,
       page.occ_source, page.occ_note, page.occ_recorded_by, page.occ_recorded_at, page.last_contact_at,
       page.sort_keys, t.total_count
FROM (SELECT count(*)::int AS total_count FROM filtered) t
LEFT JOIN page ON TRUE
ORDER BY ${orderBy.replace(/\bb\./g, 'page.')}`;
  const rows: YoungPersonRow[] = await db.query(sql, p.values);
  return rows;
}

function filterSql(
  db: DataSource | EntityManager,
  ctx: RequestContext,
  a: YoungPeopleArgs,
  p: SqlParams,
  today: string,
): string[] {
  const f: string[] = [];
  // Register filters only ever match rows whose register the caller may see.
  if (a.inKaa !== undefined && a.inKaa !== null) {
    f.push(a.inKaa ? 'b.kaa_visible AND b.in_kaa' : 'b.kaa_visible AND NOT b.in_kaa');
  }
  if (a.known !== undefined && a.known !== null) {
    const known = `(b.occ_category IS NOT NULL AND b.occ_category <> 'UNKNOWN')`;
    f.push(a.known ? `b.kaa_visible AND ${known}` : `b.kaa_visible AND NOT ${known}`);
  }
  if (a.minAge !== undefined && a.minAge !== null) f.push(`b.age >= ${p.add(a.minAge)}`);
  if (a.maxAge !== undefined && a.maxAge !== null) f.push(`b.age <= ${p.add(a.maxAge)}`);
  if (a.lastContactBefore) f.push(`b.last_contact_at < ${p.add(a.lastContactBefore)}`);
  if (a.lastContactAfter) f.push(`b.last_contact_at >= ${p.add(a.lastContactAfter)}`);
  if (a.neverContacted !== undefined && a.neverContacted !== null) {
    f.push(
      a.neverContacted
        ? 'b.kaa_visible AND b.last_contact_at IS NULL'
        : 'b.last_contact_at IS NOT NULL',
    );
  }
  if (a.school || a.schoolOrganisationId) {
    const readable = fieldScopedYoungPersonIds(db, ctx.ability, 'schooling', p, 'scope_school');
    if (!readable) return ['FALSE'];
    const conds = [`s.young_person_id = b.id`, `s.status = 'ACTIVE'`];
    if (a.school) conds.push(`s.school_name ILIKE ${p.add(`%${escapeLike(a.school)}%`)}`);
    if (a.schoolOrganisationId) {
      conds.push(`s.school_organisation_id = ${p.add(a.schoolOrganisationId)}`);
    }
    f.push(
      `b.id IN (${readable}) AND EXISTS (SELECT 1 FROM schooling s WHERE ${conds.join(' AND ')})`,
    );
  }
  if (a.search) f.push(searchSql(db, ctx, a.search, p, today));
  return f;
}

/**
 * Name or personnummer; each only on rows where the caller may read that field, so a
 * search never confirms a value the caller cannot see. Address and contact are never
 * searched.
 */
function searchSql(
  db: DataSource | EntityManager,
  ctx: RequestContext,
  search: string,
  p: SqlParams,
  today: string,
): string {
  const term = search.trim();
  const parts: string[] = [];
  const digits = term.replace(/[-+\s]/g, '');
  if (/^\d{4,12}$/.test(digits)) {
    const readable = fieldScopedYoungPersonIds(db, ctx.ability, 'personalNumber', p, 'scope_pnr');
    if (readable) {
      const parsed = parsePersonalNumber(term, today);
      const match =
        typeof parsed === 'string'
          ? `(b.personal_number LIKE ${p.add(`${digits}%`)} OR substr(b.personal_number, 3) LIKE ${p.add(`${digits}%`)})`
          : `b.personal_number = ${p.add(parsed.normalised)}`;
      parts.push(`(b.id IN (${readable}) AND ${match})`);
    }
  } else {
    const readable = fieldScopedYoungPersonIds(db, ctx.ability, 'givenName', p, 'scope_name');
    if (readable) {
      const like = p.add(`%${escapeLike(term)}%`);
      parts.push(
        `(b.id IN (${readable}) AND ((b.given_name || ' ' || b.family_name) ILIKE ${like} OR (b.family_name || ' ' || b.given_name) ILIKE ${like}))`,
      );
    }
  }
  return parts.length ? parts.join(' OR ') : 'FALSE';
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
