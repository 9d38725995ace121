/**
 * The region of `npm run bench:region` (issue 17): the shared bench world (20 Skåne
 * municipalities, young people, consents, joint cases) plus the youth team's register — KAA
 * periods, occupations and contact attempts — and notes on the cases. Everything scales with
 * REGION_SCALE (1 = the issue's region: 50 000 young people, 300 000 contact attempts,
 * 20 000 cases).
 *
 * The LARGE municipality (Malmö, 10 000 young people at scale 1) and the SMALL one (Lund,
 * 1 000) each have a coordinator, a social worker and a manager; Malmö's social services
 * lead 20 000 cases (two rounds of its residents), Lund's ten.
 */
import { Client } from 'pg';
import { hashPassword } from '../../src/auth/password';
import {
  Caseload,
  insertCases,
  insertConsents,
  insertMunicipalitiesAndOrganisations,
  insertUser,
  insertYoungPeople,
  MUNICIPALITIES,
  PASSWORD,
} from '../bench-world';

export interface RegionUser {
  userId: string;
  organisationId: string;
  email: string;
  municipalityCode: string;
}

export type Size = 'large' | 'small';

export interface Region {
  users: Record<
    Size,
    {
      coordinator: RegionUser;
      socialWorker: RegionUser;
      manager: RegionUser;
      /** The MANAGER of REGIONS[size] (addRegions), once the portal has regions. */
      regionManager?: RegionUser;
    }
  >;
  /** Register people of each size's municipality, for the per-person reads and the write. */
  registerPeople: Record<Size, string[]>;
  counts: Record<string, number>;
  generationMs: number;
}

export const SCALE = Number(process.env.REGION_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

/**
 * The large municipality's young people (default 10 000 × REGION_SCALE). More than that,
 * e.g. REGION_LARGE_PEOPLE=50000 for issue 17's "one municipality with 50 000 young people",
 * adds them on top of the region (the other municipalities keep theirs), with contact
 * attempts in the same proportion.
 */
const LARGE_PEOPLE = Number(process.env.REGION_LARGE_PEOPLE ?? scaled(10_000));
const TOTAL_PEOPLE = scaled(50_000) + Math.max(0, LARGE_PEOPLE - scaled(10_000));

export const LARGE_CODE = '1280';
export const SMALL_CODE = '1281';

const CASELOAD: Record<Size, Caseload> = {
  large: {
    municipalityCode: LARGE_CODE,
    currentConsents: scaled(8_000),
    secondConsents: scaled(3_000),
    expiredConsents: scaled(2_000),
    cases: scaled(20_000),
  },
  small: {
    municipalityCode: SMALL_CODE,
    currentConsents: 7,
    secondConsents: 2,
    expiredConsents: 1,
    cases: 10,
  },
};

/** Contact attempts per person in an open period, on average: 300 000 over the region's register. */
const CONTACTS = Math.round((scaled(300_000) * TOTAL_PEOPLE) / scaled(50_000));

export async function generateRegion(owner: Client): Promise<Region> {
  const start = performance.now();
  const passwordHash = await hashPassword(PASSWORD);
  await insertMunicipalitiesAndOrganisations(owner);
  await insertYoungPeople(owner, {
    total: TOTAL_PEOPLE,
    fixed: [
      { municipalityCode: LARGE_CODE, people: LARGE_PEOPLE },
      { municipalityCode: SMALL_CODE, people: scaled(1_000) },
    ],
  });
  const users = {} as Region['users'];
  for (const size of ['large', 'small'] as const) {
    const code = CASELOAD[size].municipalityCode;
    const user = async (kind: string, role: string, label: string): Promise<RegionUser> => {
      const u = await insertUser(
        owner,
        { municipalityCode: code, kind, role, label: `${label}-${size}` },
        passwordHash,
      );
      return { userId: u.userId, organisationId: u.id, email: u.userEmail, municipalityCode: code };
    };
    users[size] = {
      coordinator: await user('YOUTH_TEAM', 'YOUTH_COORDINATOR', 'samordnare'),
      socialWorker: await user('SOCIAL_SERVICES', 'SOCIAL_WORKER', 'socialsekreterare'),
      manager: await user('YOUTH_TEAM', 'MANAGER', 'chef'),
    };
  }
  // Every municipality's youth team has a coordinator, who is responsible for its register.
  await owner.query(
    `INSERT INTO app_user (organisation_id, municipality_code, email, display_name, roles, password_hash)
     SELECT o.id, o.municipality_code, 'samordnare-' || o.municipality_code || '@bench.example',
            'Samordnare ' || o.municipality_code, ARRAY['YOUTH_COORDINATOR'], $1
       FROM organisation o
      WHERE o.kind = 'YOUTH_TEAM' AND o.municipality_code NOT IN ($2, $3)`,
    [passwordHash, LARGE_CODE, SMALL_CODE],
  );
  for (const size of ['large', 'small'] as const) {
    const { organisationId, email } = users[size].socialWorker;
    const organisation = { id: organisationId, userEmail: email };
    await insertConsents(owner, organisation, CASELOAD[size]);
    await insertCases(owner, organisation, CASELOAD[size]);
  }
  await insertRegister(owner);
  await insertCaseNotes(owner);
  await owner.query(`ANALYZE`);
  const generationMs = performance.now() - start;
  return {
    users,
    registerPeople: {
      large: await registerPeople(owner, LARGE_CODE),
      small: await registerPeople(owner, SMALL_CODE),
    },
    counts: await countRows(owner),
    generationMs,
  };
}

/**
 * Three in five people of every municipality are in an open KAA period (entered up to two
 * years ago), one in ten has a closed one; a third of the open ones have a known occupation,
 * a tenth an UNKNOWN record. Contact attempts spread over the open periods, newest in the
 * last weeks, a fifth of people never contacted.
 */
async function insertRegister(owner: Client): Promise<void> {
  await owner.query(
    `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason,
            exit_date, exit_reason, responsible_user_id, next_follow_up_date)
     SELECT p.id, p.municipality_code,
            current_date - 30 - (p.n % 700),
            (ARRAY['NEVER_STARTED','INTERRUPTED_STUDIES','MOVED_IN','STUDY_CERTIFICATE_ONLY'])[1 + p.n % 4],
            CASE WHEN p.n % 10 = 6 THEN current_date - (p.n % 25) END,
            CASE WHEN p.n % 10 = 6 THEN 'STARTED_STUDIES' END,
            CASE WHEN p.n % 4 <> 3 THEN u.id END,
            CASE WHEN p.n % 5 <> 0 THEN current_date - 20 + (p.n % 60) END
       FROM bench_person p
       JOIN organisation o ON o.municipality_code = p.municipality_code AND o.kind = 'YOUTH_TEAM'
       JOIN LATERAL (SELECT id FROM app_user WHERE organisation_id = o.id AND 'YOUTH_COORDINATOR' = ANY(roles)
                      ORDER BY email LIMIT 1) u ON true
      WHERE p.n % 10 IN (0, 1, 2, 3, 4, 5, 6)`,
  );
  await owner.query(
    `INSERT INTO occupation (young_person_id, municipality_code, category, valid_from, source)
     SELECT k.young_person_id, k.municipality_code,
            CASE WHEN p.n % 30 < 10 THEN (ARRAY['STUDIES','WORK','INTERNSHIP','LABOUR_OFFICE_PROGRAMME'])[1 + p.n % 4]
                 ELSE 'UNKNOWN' END,
            k.entry_date + 10, 'YOUNG_PERSON'
       FROM kaa_period k JOIN bench_person p ON p.id = k.young_person_id
      WHERE k.exit_date IS NULL AND p.n % 30 < 13`,
  );
  await owner.query(
    `WITH open_period AS (
       SELECT k.young_person_id, k.municipality_code, k.entry_date, k.responsible_user_id,
              row_number() OVER (ORDER BY k.young_person_id) AS i
         FROM kaa_period k JOIN bench_person p ON p.id = k.young_person_id
        WHERE k.exit_date IS NULL AND p.n % 5 <> 4),
     attempt AS (
       SELECT c, 1 + c % (SELECT count(*) FROM open_period) AS i FROM generate_series(1, $1::int) c)
     INSERT INTO contact_attempt (young_person_id, municipality_code, channel, direction, occurred_at,
            performed_by, outcome)
     SELECT o.young_person_id, o.municipality_code,
            (ARRAY['LETTER','PHONE','SMS','HOME_VISIT','EMAIL'])[1 + a.c % 5], 'OUTBOUND',
            least(now() - interval '1 hour',
                  o.entry_date + (((a.c::bigint * 7919) % greatest(1, current_date - o.entry_date)) * interval '1 day')
                    + (a.c % 24) * interval '1 hour'),
            o.responsible_user_id,
            (ARRAY['NO_RESPONSE','NO_RESPONSE','MESSAGE_LEFT','REACHED'])[1 + a.c % 4]
       FROM attempt a JOIN open_period o ON o.i = a.i`,
    [CONTACTS],
  );
}

/** Three notes per case by its lead organisation: social, employment and school. */
async function insertCaseNotes(owner: Client): Promise<void> {
  await owner.query(
    `INSERT INTO case_note (id, case_id, root_note_id, version, author_organisation_id, author_user_id,
            category, body, created_at)
     SELECT n.id, n.case_id, n.id, 1, n.lead_organisation_id, n.lead_user_id, n.category,
            'Anteckning om ' || lower(n.category) || ' i ärendet', n.created_at
       FROM (SELECT gen_random_uuid() AS id, c.id AS case_id, c.lead_organisation_id, c.lead_user_id,
                    (ARRAY['SOCIAL','EMPLOYMENT','SCHOOL'])[k] AS category,
                    c.created_at + k * interval '5 days' AS created_at
               FROM joint_case c CROSS JOIN generate_series(1, 3) k) n`,
  );
}

async function registerPeople(owner: Client, code: string): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT young_person_id AS id FROM kaa_period
      WHERE municipality_code = $1 AND exit_date IS NULL ORDER BY young_person_id LIMIT 200`,
    [code],
  );
  return rows.map((r) => r.id);
}

async function countRows(owner: Client): Promise<Record<string, number>> {
  const { rows } = await owner.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM young_person)::int AS young_people,
            (SELECT count(*) FROM young_person WHERE home_municipality_code = $1)::int AS large_young_people,
            (SELECT count(*) FROM young_person WHERE home_municipality_code = $2)::int AS small_young_people,
            (SELECT count(*) FROM kaa_period)::int AS kaa_periods,
            (SELECT count(*) FROM kaa_period WHERE exit_date IS NULL)::int AS open_periods,
            (SELECT count(*) FROM occupation)::int AS occupations,
            (SELECT count(*) FROM contact_attempt)::int AS contact_attempts,
            (SELECT count(*) FROM consent)::int AS consents,
            (SELECT count(*) FROM joint_case)::int AS cases,
            (SELECT count(*) FROM case_note)::int AS case_notes`,
    [LARGE_CODE, SMALL_CODE],
  );
  return rows[0];
}

/**
 * The region-wide report's regions (kommunförbund): the large one has all 20 municipalities,
 * the small one Lund and Staffanstorp. Each has an organisation in its first member
 * municipality with a MANAGER.
 */
export const REGIONS: Record<Size, { code: string; name: string; members: string[] }> = {
  large: {
    code: 'BENCH-SKANE',
    name: 'Skånes kommunförbund (bench)',
    members: MUNICIPALITIES.map(([code]) => code),
  },
  small: { code: 'BENCH-LUND', name: 'Lundaregionen (bench)', members: [SMALL_CODE, '1230'] },
};

/**
 * Adds REGIONS and their managers to a generated (or reused) world, if the portal has
 * regions (migration 1765020000001); idempotent, so a reused database can get them later.
 */
export async function addRegions(owner: Client, region: Region): Promise<void> {
  const { rows } = await owner.query<{ present: boolean }>(
    `SELECT to_regclass('region_municipality') IS NOT NULL AS present`,
  );
  if (!rows[0].present) return;
  const passwordHash = await hashPassword(PASSWORD);
  for (const size of ['large', 'small'] as const) {
    const { code, name, members } = REGIONS[size];
    await owner.query(`INSERT INTO region (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      code,
      name,
    ]);
    await owner.query(
      `INSERT INTO region_municipality (region_code, municipality_code)
       SELECT $1, m FROM unnest($2::text[]) m ON CONFLICT DO NOTHING`,
      [code, members],
    );
    await owner.query(
      `INSERT INTO organisation (municipality_code, name, kind, region_code)
       VALUES ($1, $2, 'OTHER', $3) ON CONFLICT (municipality_code, name) DO NOTHING`,
      [members[0], name, code],
    );
    const email = `chef-region-${size}@bench.example`;
    const existing = await owner.query<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM app_user WHERE email = $1`,
      [email],
    );
    const u = existing.rows[0]
      ? { userId: existing.rows[0].id, id: existing.rows[0].organisation_id }
      : await insertUser(
          owner,
          {
            municipalityCode: members[0],
            kind: 'OTHER',
            role: 'MANAGER',
            label: `chef-region-${size}`,
          },
          passwordHash,
        );
    region.users[size].regionManager = {
      userId: u.userId,
      organisationId: u.id,
      email,
      municipalityCode: members[0],
    };
  }
}
