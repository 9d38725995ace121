import { QueryRunner } from 'typeorm';
import { OneConsentSystem1764720000000 } from '../../migrations/1764720000000-one-consent-system';
import { Role } from '../../src/identity/role.enum';
import { testClock } from '../support/clock';
import { createUser, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createSchoolWorld, createStudent, SchoolWorld } from './school-world';

const RAISE = `mutation($input: RaiseRiskFlagInput!) {
  raiseRiskFlag(input: $input) { id consent { inForce municipalityCode } }
}`;
const SHARE = `mutation($id: ID!, $input: FlagConsentInput!) {
  recordRiskFlagConsent(riskFlagId: $id, input: $input) { id consent { inForce givenBy } }
}`;
const FLAG = `query($id: ID!) { riskFlag(id: $id) { id consent { inForce } } }`;
const FLAGS = `{ riskFlags(first: 100) { edges { node { id } } } }`;
const POLICY = `mutation($input: ConsentPolicyInput!) { setConsentPolicy(input: $input) { customised } }`;
const CONSENTS = `query($yp: ID!) { consents(youngPersonId: $yp, first: 10) { edges { node {
  id state categories givenBy purpose recipients { id } documentedByOrganisation { id } } } } }`;
const WITHDRAW_CONSENT = `mutation($id: ID!) {
  withdrawConsent(id: $id, input: { withdrawnBy: YOUNG_PERSON }) { id state } }`;

const today = () => testClock.today();

/**
 * One consent system (DESIGN §4, §6): a flag shared with the home municipality's youth
 * team is an ordinary consent record, under the municipality's age policy and the same
 * withdrawal and notifications as any consent.
 */
describe('risk flag consent is a consent record', () => {
  let t: TestApp;
  let mmo: SchoolWorld;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    mmo = await createSchoolWorld(t, '1280');
    admin = await createUser(t, mmo.youthTeam, [Role.MUNICIPALITY_ADMIN]);
  });
  afterAll(() => t.close());
  // A test that sets Malmö's policy puts the default back.
  afterEach(() => t.db.query(`DELETE FROM consent_policy`));

  // A single giver, as the flag's consent input always took it.
  const ownConsent = () => ({ givenBy: 'YOUNG_PERSON', method: 'WRITTEN', givenOn: today() });

  async function raiseShared(youngPersonId: string) {
    const res = await t.gql(
      RAISE,
      {
        input: {
          youngPersonId,
          indicators: ['WANTS_TO_QUIT'],
          severity: 'HIGH',
          consent: ownConsent(),
        },
      },
      mmo.counsellor.token,
    );
    expect(res.errors).toBeUndefined();
    const flag = res.data.raiseRiskFlag as { id: string; consent: Record<string, unknown> };
    const { rows } = await t.db.query(`SELECT consent_id FROM risk_flag WHERE id = $1`, [flag.id]);
    return { ...flag, consentId: rows[0].consent_id as string };
  }

  const coordinatorReads = async (flagId: string) => {
    const one = await t.gql(FLAG, { id: flagId }, mmo.coordinator.token);
    const list = await t.gql(FLAGS, {}, mmo.coordinator.token);
    const listed = list.data.riskFlags.edges.some((e: any) => e.node.id === flagId);
    if (one.errors) expect(one.errors[0].extensions?.code).toBe('NOT_FOUND');
    expect(listed).toBe(!one.errors);
    return !one.errors;
  };

  it("follows Malmö's policy: a guardian too means a 16-year-old's own consent does not share the flag", async () => {
    const student = await createStudent(t, '1280', mmo.school, { age: 16 });
    const flag = await raiseShared(student.id);
    expect(await coordinatorReads(flag.id)).toBe(true);

    const set = await t.gql(
      POLICY,
      { input: { ownConsentFromAge: 15, guardianAlsoRequired: true, bothGuardiansRequired: false } },
      admin.token,
    );
    expect(set.errors).toBeUndefined();
    // On the next request the own consent no longer suffices.
    expect(await coordinatorReads(flag.id)).toBe(false);
    const seenBySchool = await t.gql(FLAG, { id: flag.id }, mmo.counsellor.token);
    expect(seenBySchool.data.riskFlag.consent).toEqual({ inForce: false });

    // A new own consent is refused under the policy and shares nothing.
    const own = await t.gql(SHARE, { id: flag.id, input: ownConsent() }, mmo.counsellor.token);
    expect(own.errors?.[0].extensions?.code).toBe('CONSENT_REQUIRED');
    expect(own.errors?.[0].message).toContain("a guardian's consent");
    expect(await coordinatorReads(flag.id)).toBe(false);

    // With a guardian's consent added, the youth team reads the flag.
    const both = await t.gql(
      SHARE,
      { id: flag.id, input: { ...ownConsent(), givenBy: ['YOUNG_PERSON', 'ONE_GUARDIAN'] } },
      mmo.counsellor.token,
    );
    expect(both.errors).toBeUndefined();
    expect(both.data.recordRiskFlagConsent.consent).toMatchObject({
      inForce: true,
      givenBy: ['YOUNG_PERSON', 'ONE_GUARDIAN'],
    });
    expect(await coordinatorReads(flag.id)).toBe(true);
  });

  it("withdrawConsent on the flag's consent ends the youth team's access on the next request and tells it", async () => {
    const student = await createStudent(t, '1280', mmo.school, { age: 17 });
    const flag = await raiseShared(student.id);
    expect(await coordinatorReads(flag.id)).toBe(true);

    const withdrawn = await t.gql(
      WITHDRAW_CONSENT,
      { id: flag.consentId },
      mmo.coordinator.token,
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.withdrawConsent.state).toBe('WITHDRAWN');
    expect(await coordinatorReads(flag.id)).toBe(false);
    const told = await t.db.query(
      `SELECT kind, subject_type FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [flag.consentId, mmo.coordinator.id],
    );
    expect(told.rows).toEqual([{ kind: 'CONSENT_WITHDRAWN', subject_type: 'CONSENT' }]);
    // The flag's own mutation finds nothing left to withdraw.
    const again = await t.gql(
      `mutation($id: ID!) { withdrawRiskFlagConsent(riskFlagId: $id) { id } }`,
      { id: flag.id },
      mmo.counsellor.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it("the flag's own withdrawal is the consent module's: the record shows WITHDRAWN and the team is told", async () => {
    const student = await createStudent(t, '1280', mmo.school, { age: 17 });
    const flag = await raiseShared(student.id);
    const res = await t.gql(
      `mutation($id: ID!) { withdrawRiskFlagConsent(riskFlagId: $id) { consent { inForce withdrawnAt } } }`,
      { id: flag.id },
      mmo.counsellor.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.withdrawRiskFlagConsent.consent.inForce).toBe(false);
    expect(await coordinatorReads(flag.id)).toBe(false);
    const { rows } = await t.db.query(
      `SELECT withdrawn_by, withdrawal_recorded_by_user_id FROM consent WHERE id = $1`,
      [flag.consentId],
    );
    expect(rows).toEqual([
      {
        // Not said by the school: whoever gave it.
        withdrawn_by: 'YOUNG_PERSON',
        withdrawal_recorded_by_user_id: mmo.counsellor.id,
      },
    ]);
    const told = await t.db.query(
      `SELECT kind FROM notification WHERE subject_id = $1 AND recipient_user_id = $2`,
      [flag.consentId, mmo.coordinator.id],
    );
    expect(told.rows).toEqual([{ kind: 'CONSENT_WITHDRAWN' }]);
  });

  it('is a consent record: category SCHOOL, naming the youth team, documented by the school, linked by risk_flag.consent_id', async () => {
    const student = await createStudent(t, '1280', mmo.school, { age: 16 });
    const flag = await raiseShared(student.id);
    expect(flag.consent).toMatchObject({ inForce: true, municipalityCode: '1280' });

    expect(flag.consentId).toEqual(expect.any(String));
    const shared = await t.gql(
      `query($id: ID!) { riskFlag(id: $id) { consent { consentId } } }`,
      { id: flag.id },
      mmo.counsellor.token,
    );
    expect(shared.data.riskFlag.consent).toEqual({ consentId: flag.consentId });
    for (const reader of [mmo.coordinator, mmo.counsellor]) {
      const res = await t.gql(CONSENTS, { yp: student.id }, reader.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.consents.edges.map((e: any) => e.node)).toEqual([
        {
          id: flag.consentId,
          state: 'IN_FORCE',
          categories: ['SCHOOL'],
          givenBy: ['YOUNG_PERSON'],
          purpose: expect.any(String),
          recipients: [{ id: mmo.youthTeam }],
          documentedByOrganisation: { id: mmo.school },
        },
      ]);
    }
    // The youth team's read is logged on the strength of that consent.
    await t.gql(FLAG, { id: flag.id }, mmo.coordinator.token);
    const log = await t.db.query(
      `SELECT legal_basis, consent_ids FROM access_log
        WHERE subject_type = 'RISK_FLAG' AND action = 'READ' AND actor_user_id = $1 AND $2 = ANY(subject_ids)`,
      [mmo.coordinator.id, flag.id],
    );
    expect(log.rows).toEqual([{ legal_basis: 'CONSENT', consent_ids: [flag.consentId] }]);
  });

  it('migration 1764720000000 turns a consent kept on the flag into a consent record', async () => {
    const child = await createStudent(t, '1280', mmo.school, { age: 14 });
    const teen = await createStudent(t, '1280', mmo.school, { age: 16 });
    // The owner's connection, in one transaction as the migration runner has it.
    const runner = {
      query: async (sql: string, params?: unknown[]) => (await t.db.query(sql, params)).rows,
    } as unknown as QueryRunner;
    const migration = new OneConsentSystem1764720000000();
    await t.db.query('BEGIN');
    try {
      await migration.down(runner);
      const old = async (yp: string, givenBy: string, until: string | null, withdrawn: boolean) =>
        (
          await t.db.query(
            `INSERT INTO risk_flag (young_person_id, school_organisation_id, school_municipality_code, indicators,
               severity, raised_by, consent_given_by, consent_method, consent_given_on, consent_valid_until,
               consent_recorded_by, consent_recorded_at, consent_withdrawn_at, consent_withdrawal_recorded_by,
               shared_with_municipality_code)
             VALUES ($1, $2, '1280', ARRAY['OTHER'], 'LOW', $3, $4, 'ORAL', app_today() - 10, $5::date,
               $3, app_now() - interval '10 days', CASE WHEN $6 THEN app_now() - interval '1 day' END,
               CASE WHEN $6 THEN $3::uuid END, '1280')
             RETURNING id`,
            [yp, mmo.school, mmo.counsellor.id, givenBy, until, withdrawn],
          )
        ).rows[0].id as string;
      const fifteenth = (
        await t.db.query(
          `SELECT to_char(birth_date + interval '15 years', 'YYYY-MM-DD') AS d FROM young_person WHERE id = $1`,
          [child.id],
        )
      ).rows[0].d as string;
      const guardian = await old(child.id, 'GUARDIAN', fifteenth, false);
      const withdrawn = await old(teen.id, 'YOUNG_PERSON', null, true);
      await migration.up(runner);
      await t.db.query('COMMIT');

      const converted = await t.db.query(
        `SELECT f.id AS flag_id, c.given_by, c.method, c.categories, c.municipality_code,
                c.documented_by_user_id, c.documented_by_organisation_id,
                to_char(stockholm_date(c.valid_from), 'YYYY-MM-DD') AS valid_from,
                to_char(stockholm_date(c.valid_until), 'YYYY-MM-DD') AS valid_until,
                c.valid_until = stockholm_day_start(stockholm_date(c.valid_until)) AS until_midnight,
                c.withdrawn_at IS NOT NULL AS withdrawn, c.withdrawn_by, c.withdrawal_recorded_by_user_id,
                (SELECT array_agg(r.organisation_id) FROM consent_recipient r WHERE r.consent_id = c.id) AS recipients
           FROM risk_flag f JOIN consent c ON c.id = f.consent_id
          WHERE f.id = ANY($1) ORDER BY c.withdrawn_at NULLS FIRST`,
        [[guardian, withdrawn]],
      );
      const common = {
        method: 'ORAL',
        categories: ['SCHOOL'],
        municipality_code: '1280',
        documented_by_user_id: mmo.counsellor.id,
        documented_by_organisation_id: mmo.school,
        until_midnight: true,
        recipients: [mmo.youthTeam],
      };
      const tenDaysAgo = (await t.db.query(`SELECT to_char(app_today() - 10, 'YYYY-MM-DD') AS d`))
        .rows[0].d;
      const twentieth = (
        await t.db.query(
          `SELECT to_char(birth_date + interval '20 years', 'YYYY-MM-DD') AS d FROM young_person WHERE id = $1`,
          [teen.id],
        )
      ).rows[0].d;
      expect(converted.rows).toEqual([
        expect.objectContaining({
          ...common,
          flag_id: guardian,
          given_by: ['ONE_GUARDIAN'],
          valid_from: tenDaysAgo,
          valid_until: fifteenth,
          withdrawn: false,
          withdrawn_by: null,
        }),
        expect.objectContaining({
          ...common,
          flag_id: withdrawn,
          given_by: ['YOUNG_PERSON'],
          valid_from: tenDaysAgo,
          valid_until: twentieth,
          withdrawn: true,
          withdrawn_by: 'YOUNG_PERSON',
          withdrawal_recorded_by_user_id: mmo.counsellor.id,
        }),
      ]);
      const columns = await t.db.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'risk_flag' AND (column_name LIKE 'consent\\_%' OR column_name LIKE 'shared\\_%')`,
      );
      expect(columns.rows).toEqual([{ column_name: 'consent_id' }]);

      // Converted, they follow the consent system: the guardian's consent for a 14-year-old
      // is in force, the withdrawn one is not.
      expect(await coordinatorReads(guardian)).toBe(true);
      expect(await coordinatorReads(withdrawn)).toBe(false);
    } catch (e) {
      await t.db.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
});
