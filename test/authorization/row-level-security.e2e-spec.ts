/**
 * PostgreSQL enforces who sees what: the API's request traffic runs as the application
 * role, which row-level security applies to and which cannot turn it off. A query that
 * forgets its scope gets no rows of another organisation.
 */
import { Client } from 'pg';
import { applicationRoleUrl } from '../../src/core/database/application-role';
import { actorSettings } from '../../src/core/database/request-transaction';
import { ROW_POLICIES } from '../../src/core/authorization/entitlement/row-policies.sql';
import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createMunicipality, createOrganisation, createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const PERSONAL_TABLES = Object.keys(ROW_POLICIES);

describe('row-level security', () => {
  let t: TestApp;
  let app: Client;
  let malmo: TestUser;
  let trelleborg: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    await createMunicipality(t, '1280');
    await createMunicipality(t, '1287');
    malmo = await createUser(t, await createOrganisation(t, '1280', OrganisationKind.YOUTH_TEAM), [
      Role.YOUTH_COORDINATOR,
    ]);
    trelleborg = await createUser(
      t,
      await createOrganisation(t, '1287', OrganisationKind.YOUTH_TEAM),
      [Role.YOUTH_COORDINATOR],
    );
    // A Trelleborg resident in Trelleborg's register, with a case led by its youth team.
    const { rows } = await t.db.query(
      `INSERT INTO young_person (personal_number, birth_date, given_name, family_name, home_municipality_code)
       VALUES ('200801011234', '2008-01-01', 'Test', 'Person', '1287') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, created_by)
       VALUES ($1, '1287', '2026-01-01', 'NEVER_STARTED', $2)`,
      [rows[0].id, trelleborg.id],
    );
    await t.db.query(
      `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
       VALUES ($1, '1287', $2, $3, 'Ärende', $3)`,
      [rows[0].id, trelleborg.organisationId, trelleborg.id],
    );
    // The person's own consent, naming Trelleborg's youth team: in force.
    const consent = await t.db.query(
      `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
         documented_by_organisation_id, purpose, categories, valid_from, valid_until)
       VALUES ($1, '1287', '{YOUNG_PERSON}', 'WRITTEN', $2, $3, 'Stöd', '{IDENTITY}',
               app_now() - interval '1 day', app_now() + interval '1 year') RETURNING id`,
      [rows[0].id, trelleborg.id, trelleborg.organisationId],
    );
    await t.db.query(
      `INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`,
      [consent.rows[0].id, trelleborg.organisationId],
    );
    app = new Client({ connectionString: await applicationRoleUrl(t.databaseUrl) });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  /** Runs `sql` as the application role inside a transaction carrying `who`'s settings. */
  async function asActor<T>(who: TestUser | null, sql: string): Promise<T[]> {
    await app.query('BEGIN');
    try {
      if (who)
        await app.query(
          ...actorSettings({
            userId: who.id,
            organisationId: who.organisationId,
            organisationKind: OrganisationKind.YOUTH_TEAM,
            municipalityCode: who.municipalityCode,
            roles: [Role.YOUTH_COORDINATOR],
            permissions: [],
          }),
        );
      return (await app.query(sql)).rows as T[];
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('the API connects as the application role, which is neither owner nor exempt', async () => {
    const me = await t.gql('{ me { id } }', {}, malmo.token);
    expect(me.errors).toBeUndefined();
    const { rows } = await t.db.query(
      `SELECT DISTINCT usename FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'ungdomsportalen'`,
    );
    expect(rows.map((r) => r.usename)).toEqual(['portal_app']);
    const role = await t.db.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = 'portal_app'`,
    );
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false }]);
    const owned = await t.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'portal_app'`,
    );
    expect(owned.rows).toEqual([]);
  });

  it('every table with personal data has row-level security on', async () => {
    const { rows } = await t.db.query(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND relrowsecurity AND NOT relforcerowsecurity`,
      [PERSONAL_TABLES],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...PERSONAL_TABLES].sort());
  });

  it('a query without any scope sees only what the actor is entitled to', async () => {
    const theirs = await asActor<{ n: number }>(
      trelleborg,
      'SELECT count(*)::int AS n FROM young_person',
    );
    expect(theirs).toEqual([{ n: 1 }]);
    expect(await asActor(trelleborg, 'SELECT count(*)::int AS n FROM consent_in_force')).toEqual([
      { n: 1 },
    ]);
    // Views run with the caller's rights too: the consents in force of others stay hidden.
    for (const table of [
      'young_person',
      'kaa_period',
      'joint_case',
      'consent',
      'consent_in_force',
    ]) {
      expect(await asActor(malmo, `SELECT * FROM ${table}`)).toEqual([]);
      expect(await asActor(null, `SELECT * FROM ${table}`)).toEqual([]);
    }
  });

  it('the application role cannot switch row-level security off or act as the owner', async () => {
    const attempts = [
      'SET row_security = off; SELECT * FROM young_person',
      'ALTER TABLE young_person DISABLE ROW LEVEL SECURITY',
      'DROP POLICY entitled_read ON young_person',
      'SET ROLE portal',
      'SET SESSION AUTHORIZATION portal',
      'ALTER ROLE portal_app BYPASSRLS',
      `CREATE POLICY everything ON young_person USING (true)`,
    ];
    for (const sql of attempts) {
      await expect(asActor(malmo, sql)).rejects.toThrow(
        /permission denied|must be owner|row-level security|insufficient privilege/i,
      );
    }
    // The owner's bookkeeping is the owner's alone.
    await expect(asActor(malmo, 'SELECT * FROM schema_migrations')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('an insert outside the actor’s entitlement is refused', async () => {
    await expect(
      asActor(
        malmo,
        `INSERT INTO joint_case (young_person_id, municipality_code, lead_organisation_id, lead_user_id, title, created_by)
         SELECT id, '1287', '${trelleborg.organisationId}', '${trelleborg.id}', 'x', '${trelleborg.id}' FROM young_person`,
      ),
    ).resolves.toEqual([]);
    await expect(
      asActor(
        malmo,
        `INSERT INTO kaa_period (young_person_id, municipality_code, entry_date, entry_reason, created_by)
         VALUES (gen_random_uuid(), '1287', '2026-01-01', 'NEVER_STARTED', '${malmo.id}')`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
