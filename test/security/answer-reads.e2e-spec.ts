import { OrganisationKind, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { insertOccupation, insertPeriod, insertPerson, lastLogId } from '../young-people/fixtures';

/**
 * Issue 16, point 3: what a response shows is what the log records, whichever operation
 * returned it. A mutation's answer showing more than the change wrote is a read.
 */
async function rowsSince(t: TestApp, since: number) {
  const { rows } = await t.db.query(
    `SELECT action, subject_type, subject_ids, young_person_ids, fields, legal_basis, request_id
       FROM access_log WHERE id > $1 ORDER BY id`,
    [since],
  );
  return rows as {
    action: string;
    subject_type: string;
    subject_ids: string[];
    young_person_ids: string[];
    fields: string[];
    legal_basis: string;
    request_id: string;
  }[];
}

describe('3. what a mutation answer shows is logged as a read', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let person: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { org } = await createWorld(t, '1287');
    coordinator = await createUser(t, org[OrganisationKind.YOUTH_TEAM], [Role.YOUTH_COORDINATOR]);
    person = await insertPerson(t, { givenName: 'Svarets', familyName: 'Läsning' });
    await insertPeriod(t, person);
    await insertOccupation(t, person, 'WORK');
  });
  afterAll(() => t.close());

  it('updateYoungPerson(preferredLanguage) answering personnummer, address, KAA periods and occupations logs them as READ', async () => {
    const before = await lastLogId(t);
    const res = await t.gql(
      `mutation($id: ID!) { updateYoungPerson(id: $id, input: { preferredLanguage: "sv" }) {
         id pnr: personalNumber streetAddress phone preferredLanguage
         kaaPeriods { id entryDate } occupations { id category } } }`,
      { id: person },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateYoungPerson.kaaPeriods).toHaveLength(1);
    expect(res.data.updateYoungPerson.occupations).toHaveLength(1);
    const rows = await rowsSince(t, before);
    expect(rows.map((r) => r.action)).toEqual(['UPDATE', 'READ']);
    const [update, read] = rows;
    expect(update.fields).toEqual(['preferredLanguage']);
    // The alias does not hide the field: the log names the schema's field.
    expect(read).toMatchObject({
      subject_type: 'YOUNG_PERSON',
      subject_ids: [person],
      young_person_ids: [person],
      legal_basis: 'STATUTORY_DUTY',
      request_id: update.request_id,
    });
    expect([...read.fields].sort()).toEqual(
      ['id', 'kaaPeriods', 'occupations', 'personalNumber', 'phone', 'streetAddress'].sort(),
    );
  });

  it('an answer that shows only what the change wrote adds no read', async () => {
    const before = await lastLogId(t);
    const res = await t.gql(
      `mutation($id: ID!) { updateYoungPerson(id: $id, input: { preferredLanguage: "en" }) { id preferredLanguage } }`,
      { id: person },
      coordinator.token,
    );
    expect(res.data.updateYoungPerson.preferredLanguage).toBe('en');
    expect((await rowsSince(t, before)).map((r) => r.action)).toEqual(['UPDATE']);
  });

  it('a refused change shows nothing and logs nothing', async () => {
    const before = await lastLogId(t);
    const res = await t.gql(
      `mutation($id: ID!) { updateYoungPerson(id: $id, input: { homeMunicipalityCode: "9999" }) { id personalNumber } }`,
      { id: person },
      coordinator.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowsSince(t, before)).toEqual([]);
  });
});
