import { DataSource, EntityManager } from 'typeorm';
import { LegalBasis } from '../audit/access-log-entry';
import { decodeCursor } from '../core/graphql/connection';
import { OccupationCategory, OccupationSource } from '../kaa-register/occupation.entity';
import { YoungPeopleArgs, YoungPeopleSort } from './dto/young-person.inputs';
import { parsePersonalNumber } from './personal-number';
import { SqlParams } from './young-person.access';

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
  /** authz.person_access for the caller, decided in the same statement as the row. */
  identity: boolean;
  contact: boolean;
  kaa_visible: boolean;
  basis: LegalBasis | null;
  consent_ids: string[];
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
 * The young people the caller may read: rows by row-level security, and what the caller
 * may see of each (identity, contact, the KAA register) with the legal basis to log, from
 * authz.person_row_access in the same statement. The KAA facts (open period, current
 * occupation, last contact) of the home municipality's register are computed only where
 * the caller sees the register. A list narrows to authz.person_candidates() (indexes only,
 * no id lists); one statement for a page of any size, count included.
 */
export async function queryYoungPeople(
  db: DataSource | EntityManager,
  opts: {
    ids?: string[];
    /** The rows come from this subquery of young_person (alias yp) instead; see pageByName. */
    from?: (p: SqlParams) => string;
    args?: YoungPeopleArgs;
    size: number;
    today: string;
  },
): Promise<YoungPersonRow[]> {
  const p = new SqlParams();
  const from = opts.from ? `(${opts.from(p)}) yp` : 'young_person yp';
  const where = opts.from
    ? []
    : opts.ids
      ? [`yp.id = ANY(${p.add(opts.ids)}::uuid[])`]
      : [`yp.id IN (SELECT authz.person_candidates())`];
  const filters = opts.args ? filterSql(opts.args, p, opts.today) : [];
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
         coalesce(a.identity, false) AS identity, coalesce(a.contact, false) AS contact,
         coalesce(a.kaa, false) AS kaa_visible, a.basis, coalesce(a.consent_ids, '{}') AS consent_ids,
         (per.id IS NOT NULL) AS in_kaa,
         occ.id AS occ_id, occ.category AS occ_category, occ.valid_from AS occ_valid_from,
         occ.source AS occ_source, occ.note AS occ_note, occ.recorded_by AS occ_recorded_by,
         occ.recorded_at AS occ_recorded_at,
         lc.at AS last_contact_at
  FROM ${from}
  CROSS JOIN LATERAL authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) a
  LEFT JOIN LATERAL (
    SELECT p.id FROM kaa_period p
    WHERE a.kaa AND p.young_person_id = yp.id AND p.municipality_code = yp.home_municipality_code
      AND p.exit_date IS NULL
    LIMIT 1) per ON TRUE
  LEFT JOIN LATERAL (
    SELECT o.* FROM occupation o
    WHERE a.kaa AND o.young_person_id = yp.id AND o.municipality_code = yp.home_municipality_code
      AND o.valid_from <= app_today()
    ORDER BY o.valid_from DESC, o.recorded_at DESC LIMIT 1) occ ON TRUE
  LEFT JOIN LATERAL (
    SELECT max(ca.occurred_at) AS at FROM contact_attempt ca
    WHERE a.kaa AND ca.young_person_id = yp.id AND ca.municipality_code = yp.home_municipality_code) lc ON TRUE
  WHERE ${where.length ? where.join(' AND ') : 'TRUE'}
),
filtered AS (SELECT * FROM base b WHERE ${filters.length ? filters.join(' AND ') : 'TRUE'}),
page AS (
  SELECT b.*, ARRAY[${keys.map((k) => `(${k.expr})::text`).join(', ')}] AS sort_keys
  FROM filtered b WHERE ${cursor} ORDER BY ${orderBy} LIMIT ${p.add(opts.size + 1)}
)
SELECT page.id, page.personal_number, page.coordination_number,
       to_char(page.birth_date, 'YYYY-MM-DD') AS birth_date, page.age, page.given_name, page.family_name,
       page.home_municipality_code, page.street_address, page.postal_code, page.city, page.phone,
       page.email, page.preferred_language, page.protected_identity, page.created_at,
       page.identity, page.contact, page.kaa_visible, page.basis, page.consent_ids,
       page.in_kaa, page.occ_id, page.occ_category, to_char(page.occ_valid_from, 'YYYY-MM-DD') AS occ_valid_from,
       page.occ_source, page.occ_note, page.occ_recorded_by, page.occ_recorded_at, page.last_contact_at,
       page.sort_keys, t.total_count
FROM (SELECT count(*)::int AS total_count FROM filtered) t
LEFT JOIN page ON TRUE
ORDER BY ${orderBy.replace(/\bb\./g, 'page.')}`;
  const rows: YoungPersonRow[] = await db.query(sql, p.values);
  return rows;
}

function filterSql(a: YoungPeopleArgs, p: SqlParams, today: string): string[] {
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
    const conds = [`s.young_person_id = b.id`, `s.status = 'ACTIVE'`];
    if (a.school) conds.push(`s.school_name ILIKE ${p.add(`%${escapeLike(a.school)}%`)}`);
    if (a.schoolOrganisationId) {
      conds.push(`s.school_organisation_id = ${p.add(a.schoolOrganisationId)}`);
    }
    f.push(`b.identity AND EXISTS (SELECT 1 FROM schooling s WHERE ${conds.join(' AND ')})`);
  }
  if (a.search) f.push(searchSql(a.search, p, today));
  return f;
}

/**
 * Name or personnummer; only on rows whose identity the caller sees, so a search never
 * confirms a value the caller cannot see. Address and contact are never searched.
 */
function searchSql(search: string, p: SqlParams, today: string): string {
  const term = search.trim();
  const digits = term.replace(/[-+\s]/g, '');
  if (/^\d{4,12}$/.test(digits)) {
    const parsed = parsePersonalNumber(term, today);
    const match =
      typeof parsed === 'string'
        ? `(b.personal_number LIKE ${p.add(`${digits}%`)} OR substr(b.personal_number, 3) LIKE ${p.add(`${digits}%`)})`
        : `b.personal_number = ${p.add(parsed.normalised)}`;
    return `(b.identity AND ${match})`;
  }
  const like = p.add(`%${escapeLike(term)}%`);
  return `(b.identity AND ((b.given_name || ' ' || b.family_name) ILIKE ${like} OR (b.family_name || ' ' || b.given_name) ILIKE ${like}))`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Fewer candidates than this: sort them. More: walk the name index (see pageByName). */
const MANY_CANDIDATES = 500;

/**
 * An unfiltered page by name at a cost that does not grow with the caseload: for an
 * organisation that sees few people, its candidates are sorted; for one that sees many,
 * the name index is walked and row-level security keeps the visible rows until the page
 * is full. Which of the two comes from a bounded look at the candidates. The walk is the
 * page statement's own source, so each row is found, decided and given its register facts
 * in one statement. null: not a plain name page (filters, another order): the caller uses
 * queryYoungPeople.
 */
export async function pageByName(
  db: DataSource | EntityManager,
  opts: { args: YoungPeopleArgs; size: number; today: string },
): Promise<YoungPersonRow[] | null> {
  const sort = opts.args.sort ?? YoungPeopleSort.NAME;
  if (sort !== YoungPeopleSort.NAME || filterSql(opts.args, new SqlParams(), opts.today).length)
    return null;
  const [{ n }]: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM authz.person_candidates_upto($1)`,
    [MANY_CANDIDATES],
  );
  const keys = ['yp.family_name', 'yp.given_name', 'yp.id'];
  const narrow = n >= MANY_CANDIDATES ? 'TRUE' : 'yp.id IN (SELECT authz.person_candidates())';
  const walk = (p: SqlParams) => {
    let cursor = 'TRUE';
    if (opts.args.after) {
      const [family, given, id] = decodeCursor(opts.args.after, 3).map(String);
      cursor = `(${keys.join(', ')}) > (${p.add(family)}::text, ${p.add(given)}::text, ${p.add(id)}::uuid)`;
    }
    return `SELECT yp.* FROM young_person yp WHERE ${narrow} AND ${cursor}
             ORDER BY ${keys.join(', ')} LIMIT ${p.add(opts.size + 1)}`;
  };
  const rows = await queryYoungPeople(db, {
    from: walk,
    args: { sort: YoungPeopleSort.NAME } as YoungPeopleArgs,
    size: opts.size + 1,
    today: opts.today,
  });
  return rows.filter((r) => r.id !== null);
}
