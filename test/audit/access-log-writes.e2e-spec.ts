import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const USERS = `{ users(first: 100) { edges { node { id } } } }`;
const USER = `query($id: ID!) { user(id: $id) { id email } }`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) { id displayName }
}`;

/** Every read or change of personal data leaves exactly one access-log row. */
describe('access log of personal-data reads and changes', () => {
  let t: TestApp;
  let admin: TestUser;
  let org: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = (await createWorld(t, '1287')).org[OrganisationKind.SCHOOL];
    admin = await createUser(t, org, [Role.MUNICIPALITY_ADMIN]);
  });
  afterAll(() => t.close());

  const rowsOfRequest = async (requestId: string) =>
    (await t.db.query(`SELECT * FROM access_log WHERE request_id = $1 ORDER BY id`, [requestId]))
      .rows;

  /** Sends a GraphQL request with a known request id, so its log rows can be found. */
  async function gqlWithRequestId(query: string, variables: Record<string, unknown> = {}) {
    const requestId = `test-${Math.random().toString(36).slice(2, 12)}`;
    const res = await t
      .http()
      .post('/graphql')
      .set('authorization', `Bearer ${admin.token}`)
      .set('x-request-id', requestId)
      .send({ query, variables });
    return { body: res.body, rows: await rowsOfRequest(requestId) };
  }

  const newColleague = () => createUser(t, org, [Role.COUNSELLOR], { login: false });

  it('writes one SEARCH row for a users list, naming the actor and every listed user', async () => {
    await newColleague();
    await newColleague();
    const { body, rows } = await gqlWithRequestId(USERS);
    const listed = body.data.users.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(listed.length).toBeGreaterThan(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'SEARCH',
      subject_type: 'USER',
      actor_user_id: admin.id,
      actor_organisation_id: org,
      actor_municipality_code: '1287',
      subject_municipality_code: '1287',
      legal_basis: 'ADMINISTRATION',
    });
    expect([...rows[0].subject_ids].sort()).toEqual([...listed].sort());
  });

  it('writes one READ row for a single user', async () => {
    const colleague = await newColleague();
    const { body, rows } = await gqlWithRequestId(USER, { id: colleague.id });
    expect(body.data.user.id).toBe(colleague.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'READ',
      actor_user_id: admin.id,
      subject_ids: [colleague.id],
    });
  });

  it('writes no row when the user is not found', async () => {
    const { rows } = await gqlWithRequestId(USER, { id: '00000000-0000-4000-8000-000000000000' });
    expect(rows).toHaveLength(0);
  });

  it('writes one CREATE row for a created user', async () => {
    const { body, rows } = await gqlWithRequestId(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          organisationId: org,
          email: `created-${Date.now()}@test.example`,
          displayName: 'Created',
          roles: ['COUNSELLOR'],
          password: 'a long enough password',
        },
      },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'CREATE',
      actor_user_id: admin.id,
      subject_ids: [body.data.createUser.id],
    });
  });

  it('writes one UPDATE row naming the changed fields', async () => {
    const colleague = await newColleague();
    const { rows } = await gqlWithRequestId(UPDATE_USER, {
      id: colleague.id,
      input: { displayName: 'Renamed', active: false },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'UPDATE', subject_ids: [colleague.id] });
    expect(rows[0].fields.sort()).toEqual(['active', 'displayName']);
  });

  describe('transactions', () => {
    afterEach(async () => {
      await t.db.query(`DROP TRIGGER IF EXISTS fail_at_commit ON app_user`);
      await t.db.query(`DROP TRIGGER IF EXISTS fail_log_insert ON access_log`);
      await t.db.query(`DROP FUNCTION IF EXISTS test_fail()`);
    });

    beforeEach(async () => {
      await t.db.query(
        `CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'injected failure'; END $$`,
      );
    });

    it('a change that fails at commit leaves no access-log row', async () => {
      const colleague = await newColleague();
      // Fails at COMMIT, i.e. after the service has written its log row in the transaction.
      await t.db.query(
        `CREATE CONSTRAINT TRIGGER fail_at_commit AFTER UPDATE ON app_user
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail()`,
      );
      const { body, rows } = await gqlWithRequestId(UPDATE_USER, {
        id: colleague.id,
        input: { displayName: 'Never saved' },
      });
      expect(body.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(rows).toHaveLength(0);
      const { rows: user } = await t.db.query(`SELECT display_name FROM app_user WHERE id = $1`, [
        colleague.id,
      ]);
      expect(user[0].display_name).toBe('Test COUNSELLOR');
    });

    it('a change whose log row cannot be written is rolled back', async () => {
      const colleague = await newColleague();
      await t.db.query(
        `CREATE TRIGGER fail_log_insert BEFORE INSERT ON access_log
         FOR EACH ROW WHEN (NEW.action = 'UPDATE') EXECUTE FUNCTION test_fail()`,
      );
      const { body } = await gqlWithRequestId(UPDATE_USER, {
        id: colleague.id,
        input: { displayName: 'Unlogged change' },
      });
      expect(body.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const { rows } = await t.db.query(`SELECT display_name FROM app_user WHERE id = $1`, [
        colleague.id,
      ]);
      expect(rows[0].display_name).toBe('Test COUNSELLOR');
    });

    it('a read whose log row cannot be written returns no data', async () => {
      const colleague = await newColleague();
      await t.db.query(
        `CREATE TRIGGER fail_log_insert BEFORE INSERT ON access_log
         FOR EACH ROW WHEN (NEW.action = 'READ') EXECUTE FUNCTION test_fail()`,
      );
      const { body } = await gqlWithRequestId(USER, { id: colleague.id });
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(body)).not.toContain(colleague.email);
    });
  });
});
