import fc from 'fast-check';
import { actorSettings } from '../../src/core/database/request-transaction';
import { Actor } from '../../src/core/auth/actor';
import {
  isCaseWorker,
  isStatutoryYouthTeam,
  isYouthTeamOf,
} from '../../src/core/authorization/statutory-youth-team';
import { OrganisationKind, Permission, Role } from '../../src/identity/role.enum';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The statutory youth team is decided in SQL (authz.youth_team_of, for rows) and in
 * TypeScript (isYouthTeamOf, for actions and answers); both must say the same for any
 * actor and municipality, roles and organisation kinds generated at random.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const MUNICIPALITIES = ['1280', '1287', '0180', '1283'];

const actor: fc.Arbitrary<Actor> = fc.record({
  userId: fc.uuid(),
  organisationId: fc.uuid(),
  organisationKind: fc.constantFrom(...Object.values(OrganisationKind)),
  municipalityCode: fc.constantFrom(...MUNICIPALITIES),
  roles: fc.subarray(Object.values(Role)),
  permissions: fc.subarray(Object.values(Permission)),
});

describe('the statutory youth team: SQL and TypeScript agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The SQL functions' answers for `who`, with the settings a request transaction sets. */
  async function sqlFor(who: Actor, municipality: string) {
    const c = await t.ds.createQueryRunner();
    try {
      await c.startTransaction();
      await c.query(...actorSettings(who));
      const [row] = await c.query(
        `SELECT authz.youth_team_of($1) AS youth_team_of, authz.case_worker() AS case_worker,
                authz.youth_team_of(authz.municipality_code()) AS statutory`,
        [municipality],
      );
      return row as { youth_team_of: boolean; case_worker: boolean; statutory: boolean };
    } finally {
      await c.rollbackTransaction();
      await c.release();
    }
  }

  it('youth_team_of(m) = isYouthTeamOf(actor, m); case_worker() = isCaseWorker(actor)', async () => {
    await fc.assert(
      fc.asyncProperty(actor, fc.constantFrom(...MUNICIPALITIES), async (who, municipality) => {
        expect(await sqlFor(who, municipality)).toEqual({
          youth_team_of: isYouthTeamOf(who, municipality),
          case_worker: isCaseWorker(who),
          statutory: isStatutoryYouthTeam(who),
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('generates both answers, so the property is not vacuous', async () => {
    const yes: Actor = {
      userId: '00000000-0000-4000-8000-000000000001',
      organisationId: '00000000-0000-4000-8000-000000000002',
      organisationKind: OrganisationKind.YOUTH_TEAM,
      municipalityCode: '1280',
      roles: [Role.COUNSELLOR],
      permissions: [],
    };
    expect(isYouthTeamOf(yes, '1280')).toBe(true);
    expect((await sqlFor(yes, '1280')).youth_team_of).toBe(true);
    const manager = { ...yes, roles: [Role.MANAGER] };
    expect(isYouthTeamOf(manager, '1280')).toBe(false);
    expect((await sqlFor(manager, '1280')).youth_team_of).toBe(false);
  });
});
