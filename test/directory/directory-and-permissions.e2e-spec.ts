import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { day, insertPerson } from '../young-people/fixtures';

const DIRECTORY = `query ($search: String, $kind: OrganisationKind, $municipalityCode: String, $first: Int, $after: String) {
  organisationDirectory(search: $search, kind: $kind, municipalityCode: $municipalityCode, first: $first, after: $after) {
    totalCount
    edges { node { id name kind municipalityCode municipalityName contactPoint } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const GRANT = `mutation ($input: GrantPermissionInput!) {
  grantPermission(input: $input) { id userId permission reason endsOn grantedByUserId inForce revokedAt }
}`;
const REVOKE = `mutation ($input: RevokePermissionInput!) {
  revokePermission(input: $input) { id inForce revokedAt revokedByUserId revokeReason }
}`;
const GRANTS = `query ($userId: ID, $inForce: Boolean) {
  permissionGrants(userId: $userId, inForce: $inForce) { totalCount edges { node { id permission inForce reason endsOn } } }
}`;
const PERSON = `query ($id: ID!) { youngPerson(id: $id) { id phone streetAddress } }`;
const OPEN = `mutation ($input: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $input) { id } }`;

describe('The organisation directory', () => {
  let t: TestApp;
  let tbg: Record<OrganisationKind, string>;
  let mmo: Record<OrganisationKind, string>;
  let officer: TestUser;
  let admin: TestUser;
  let malmoAdmin: TestUser;
  let auditor: TestUser;
  let coordinator: TestUser;
  let hidden: string;

  beforeAll(async () => {
    t = await createTestApp();
    tbg = (await createWorld(t, '1287')).org;
    mmo = (await createWorld(t, '1280')).org;
    await t.db.query(
      `UPDATE organisation SET name = 'Föreningen Öppen Hall', contact_point = 'hall@example.se' WHERE id = $1`,
      [tbg.ASSOCIATION],
    );
    officer = await createUser(t, tbg.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    admin = await createUser(t, tbg.OTHER, [Role.MUNICIPALITY_ADMIN]);
    malmoAdmin = await createUser(t, mmo.OTHER, [Role.MUNICIPALITY_ADMIN]);
    auditor = await createUser(t, tbg.OTHER, [Role.AUDITOR]);
    coordinator = await createUser(t, tbg.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    hidden = await insertPerson(t, { familyName: 'Skyddad', age: 17, protectedIdentity: true });
  });
  afterAll(() => t.close());

  it('lets a case worker find organisations of every municipality by name, kind and municipality', async () => {
    const all = await t.gql(DIRECTORY, { first: 100 }, officer.token);
    expect(all.errors).toBeUndefined();
    const ids = all.data.organisationDirectory.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([...Object.values(tbg), ...Object.values(mmo)]));
    expect(all.data.organisationDirectory.totalCount).toBe(ids.length);

    const hall = await t.gql(DIRECTORY, { search: 'öppen HALL' }, officer.token);
    expect(hall.data.organisationDirectory.edges.map((e: any) => e.node)).toEqual([
      {
        id: tbg.ASSOCIATION,
        name: 'Föreningen Öppen Hall',
        kind: 'ASSOCIATION',
        municipalityCode: '1287',
        municipalityName: 'Kommun 1287',
        contactPoint: 'hall@example.se',
      },
    ]);
    const malmoSchools = await t.gql(
      DIRECTORY,
      { kind: 'SCHOOL', municipalityCode: '1280' },
      officer.token,
    );
    expect(malmoSchools.data.organisationDirectory.edges.map((e: any) => e.node.id)).toEqual([
      mmo.SCHOOL,
    ]);
  });

  it('pages by name, each organisation once', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await t.gql(DIRECTORY, { first: 4, after }, officer.token);
      seen.push(...res.data.organisationDirectory.edges.map((e: any) => e.node.id));
      if (!res.data.organisationDirectory.pageInfo.hasNextPage) break;
      after = res.data.organisationDirectory.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(14);
  });

  it('holds no personal data: only organisation fields, and no user or young person is found by name', async () => {
    const type = await t.gql(
      `{ __type(name: "DirectoryOrganisation") { fields { name } } }`,
      {},
      officer.token,
    );
    const fields = type.data.__type.fields.map((f: any) => f.name).sort();
    expect(fields).toEqual([
      'contactPoint',
      'id',
      'kind',
      'municipalityCode',
      'municipalityName',
      'name',
    ]);
    // Every field is a scalar or enum: no path leads to users, cases or young people.
    const kinds = await t.gql(
      `{ __type(name: "DirectoryOrganisation") { fields { type { kind ofType { kind } } } } }`,
      {},
      officer.token,
    );
    for (const f of kinds.data.__type.fields)
      expect(['SCALAR', 'ENUM']).toContain(
        f.type.kind === 'NON_NULL' ? f.type.ofType.kind : f.type.kind,
      );
    const all = await t.gql(DIRECTORY, { first: 100 }, officer.token);
    const text = JSON.stringify(all.data);
    expect(text).not.toContain('Skyddad');
    expect(text).not.toContain(officer.email);
    expect(text).not.toContain('Test EMPLOYMENT_OFFICER');
    expect(
      (await t.gql(DIRECTORY, { search: 'Skyddad' }, officer.token)).data.organisationDirectory
        .totalCount,
    ).toBe(0);
    // Reading the directory reads no personal data, so it writes no access-log row.
    const before = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE actor_user_id = $1`,
      [officer.id],
    );
    await t.gql(DIRECTORY, {}, officer.token);
    const after = await t.db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE actor_user_id = $1`,
      [officer.id],
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses an anonymous caller and bad input with a code', async () => {
    expect((await t.gql(DIRECTORY, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await t.gql(DIRECTORY, { municipalityCode: '12' }, officer.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(DIRECTORY, { after: 'nonsense' }, officer.token);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an admin sets an organisation’s contact point, which the directory shows', async () => {
    const res = await t.gql(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: { contactPoint: "reception@example.se" }) { contactPoint } }`,
      { id: tbg.YOUTH_CLINIC },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    const found = await t.gql(
      DIRECTORY,
      { kind: 'YOUTH_CLINIC', municipalityCode: '1287' },
      officer.token,
    );
    expect(found.data.organisationDirectory.edges[0].node.contactPoint).toBe(
      'reception@example.se',
    );
  });

  describe('permissions as data', () => {
    it('a granted PROTECTED_IDENTITY shows protected contact details; revoked, the next request does not', async () => {
      expect(
        (await t.gql(PERSON, { id: hidden }, coordinator.token)).data.youngPerson.phone,
      ).toBeNull();
      const granted = await t.gql(
        GRANT,
        {
          input: {
            userId: coordinator.id,
            permission: 'PROTECTED_IDENTITY',
            endsOn: day(30),
            reason: 'Handlägger skyddade ärenden',
          },
        },
        admin.token,
      );
      expect(granted.errors).toBeUndefined();
      expect(granted.data.grantPermission).toMatchObject({
        userId: coordinator.id,
        permission: 'PROTECTED_IDENTITY',
        endsOn: day(30),
        grantedByUserId: admin.id,
        inForce: true,
        revokedAt: null,
      });
      // The same token: the permission is read from the grants on every request.
      expect((await t.gql(PERSON, { id: hidden }, coordinator.token)).data.youngPerson.phone).toBe(
        '0701234567',
      );

      const revoked = await t.gql(
        REVOKE,
        { input: { grantId: granted.data.grantPermission.id, reason: 'Byter tjänst' } },
        admin.token,
      );
      expect(revoked.errors).toBeUndefined();
      expect(revoked.data.revokePermission).toMatchObject({
        inForce: false,
        revokedByUserId: admin.id,
        revokeReason: 'Byter tjänst',
      });
      const after = await t.gql(PERSON, { id: hidden }, coordinator.token);
      expect(after.data.youngPerson).toMatchObject({ phone: null, streetAddress: null });
    });

    it('a revoked EMERGENCY_ACCESS refuses the next opening', async () => {
      const reason = { reason: 'Polisen ringde om ett akut ärende kvällstid' };
      expect(
        (await t.gql(OPEN, { input: { youngPersonId: hidden, ...reason } }, officer.token))
          .errors?.[0].extensions?.code,
      ).toBe('FORBIDDEN');
      const g = await t.gql(
        GRANT,
        {
          input: {
            userId: officer.id,
            permission: 'EMERGENCY_ACCESS',
            endsOn: day(0),
            reason: 'Jour',
          },
        },
        admin.token,
      );
      expect(g.data.grantPermission.inForce).toBe(true);
      const opened = await t.gql(
        OPEN,
        { input: { youngPersonId: hidden, ...reason } },
        officer.token,
      );
      expect(opened.errors).toBeUndefined();
      await t.gql(
        REVOKE,
        { input: { grantId: g.data.grantPermission.id, reason: 'Jouren slut' } },
        admin.token,
      );
      const refused = await t.gql(
        OPEN,
        { input: { youngPersonId: hidden, ...reason } },
        officer.token,
      );
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('a grant past its end date no longer holds', async () => {
      const g = await t.gql(
        GRANT,
        {
          input: {
            userId: coordinator.id,
            permission: 'PROTECTED_IDENTITY',
            endsOn: day(0),
            reason: 'En dag',
          },
        },
        admin.token,
      );
      expect((await t.gql(PERSON, { id: hidden }, coordinator.token)).data.youngPerson.phone).toBe(
        '0701234567',
      );
      await t.db.query(`UPDATE permission_grant SET ends_on = app_today() - 1 WHERE id = $1`, [
        g.data.grantPermission.id,
      ]);
      expect(
        (await t.gql(PERSON, { id: hidden }, coordinator.token)).data.youngPerson.phone,
      ).toBeNull();
      const listed = await t.gql(GRANTS, { userId: coordinator.id, inForce: false }, auditor.token);
      expect(listed.data.permissionGrants.edges.map((e: any) => e.node.id)).toContain(
        g.data.grantPermission.id,
      );
    });

    it('every grant and revocation is logged and listed for the auditors', async () => {
      const listed = await t.gql(GRANTS, { userId: officer.id }, auditor.token);
      expect(listed.errors).toBeUndefined();
      const ids = listed.data.permissionGrants.edges.map((e: any) => e.node.id);
      expect(ids).toHaveLength(1);
      const { rows } = await t.db.query(
        `SELECT action, actor_user_id, legal_basis FROM access_log WHERE subject_type = 'PERMISSION_GRANT' AND $1 = ANY (subject_ids) ORDER BY id`,
        [ids[0]],
      );
      expect(rows).toEqual([
        { action: 'CREATE', actor_user_id: admin.id, legal_basis: 'ADMINISTRATION' },
        { action: 'UPDATE', actor_user_id: admin.id, legal_basis: 'ADMINISTRATION' },
      ]);
    });

    it('refuses others: a case worker or auditor cannot grant, another municipality’s admin finds no user, bad input has a code', async () => {
      const input = {
        userId: coordinator.id,
        permission: 'EMERGENCY_ACCESS',
        endsOn: day(10),
        reason: 'x',
      };
      for (const u of [coordinator, auditor])
        expect((await t.gql(GRANT, { input }, u.token)).errors?.[0].extensions?.code).toBe(
          'FORBIDDEN',
        );
      expect((await t.gql(GRANTS, {}, coordinator.token)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect((await t.gql(GRANT, { input }, malmoAdmin.token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      const other = await t.gql(GRANTS, { userId: officer.id }, malmoAdmin.token);
      expect(other.data.permissionGrants.totalCount).toBe(0);
      const past = await t.gql(GRANT, { input: { ...input, endsOn: day(-1) } }, admin.token);
      expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const bogus = await t.gql(
        GRANT,
        { input: { ...input, permission: 'SUPERUSER' } },
        admin.token,
      );
      expect(bogus.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM permission_grant WHERE user_id = $1 AND permission = 'EMERGENCY_ACCESS'`,
        [coordinator.id],
      );
      expect(rows[0].n).toBe(0);
    });
  });
});
