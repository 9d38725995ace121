/**
 * PostgreSQL alone decides row visibility (issue 10): in generated worlds, a raw
 * `SELECT *` of every table with personal data, run as the application role inside a
 * transaction carrying a user's settings (what each request sets), returns exactly the
 * rows the oracle (oracle.ts, DESIGN.md §6a only) allows that user, for every user of
 * every organisation kind and role in three municipalities. No service code runs: a
 * query that forgot its scope would see just this.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { clockFromEnv, clockSessionOptions } from '../../src/core/clock/clock';
import { applicationRoleUrl } from '../../src/core/database/application-role';
import { actorSettings } from '../../src/core/database/request-transaction';
import { OrganisationKind, Permission, Role } from '../../src/identity/role.enum';
import { createMunicipality } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { visibleReferralSections, visibleRowIds, World, WUser } from './oracle';
import { APP_NOW, build, MUNICIPALITIES, worldArb } from './world-generator';
import { CLEAR_WORLD_SQL, worldSql } from './world-writer';

const RUNS = Number(process.env.RLS_WORLD_RUNS ?? 100);

describe('row-level security over generated worlds', () => {
  let t: TestApp;
  let app: Client;

  beforeAll(async () => {
    t = await createTestApp({ APP_NOW });
    for (const code of MUNICIPALITIES) await createMunicipality(t, code);
    app = new Client({
      connectionString: await applicationRoleUrl(t.databaseUrl),
      options: clockSessionOptions(clockFromEnv(APP_NOW, 'test')),
    });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  /** What each table shows `user` through raw SELECTs in a request-like transaction. */
  async function seenBy(w: World, user: WUser): Promise<Record<string, string[]>> {
    const kind = w.orgs.find((o) => o.id === user.orgId)!.kind;
    await app.query('BEGIN');
    try {
      await app.query(
        ...actorSettings({
          userId: user.id,
          organisationId: user.orgId,
          organisationKind: kind as OrganisationKind,
          municipalityCode: user.municipality,
          roles: user.roles as Role[],
          permissions: user.permissions as Permission[],
        }),
      );
      const seen: Record<string, string[]> = {};
      for (const table of Object.keys(visibleRowIds(w, user))) {
        const { rows } = await app.query(`SELECT * FROM ${table}`);
        seen[table] = rows.map((r: { id: string }) => r.id).sort();
      }
      const { rows } = await app.query(`SELECT * FROM referral_section`);
      seen.referral_section = rows
        .map((r: { referral_id: string; category: string }) => `${r.referral_id} ${r.category}`)
        .sort();
      return seen;
    } finally {
      await app.query('ROLLBACK');
    }
  }

  function allowed(w: World, user: WUser): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [table, ids] of Object.entries(visibleRowIds(w, user))) out[table] = [...ids].sort();
    out.referral_section = [...visibleReferralSections(w, user)].sort();
    return out;
  }

  it(`every table shows each user exactly the rows the oracle allows (${RUNS} worlds)`, async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (spec) => {
        const w = build(spec);
        await t.db.query(CLEAR_WORLD_SQL);
        await t.db.query(worldSql(w));
        for (const user of w.users) {
          const seen = await seenBy(w, user);
          expect({ user: user.id, roles: user.roles, seen }).toEqual({
            user: user.id,
            roles: user.roles,
            seen: allowed(w, user),
          });
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // A sweep, not one request: about 0.3 s a world idle, several times that on a busy machine.
  }, 600_000);
});
