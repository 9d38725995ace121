/**
 * §6a for the young person, end to end through the API under row-level security: who
 * sees identity and who contact ("as identity"), protected identity, the legal basis
 * each read is logged under, and a move between municipalities.
 */
import { Permission, Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { insertPerson, lastLogId } from './fixtures';

const PERSON = `query($id: ID!) { youngPerson(id: $id) {
  id givenName personalNumber phone streetAddress contactHidden guardians { name phone } } }`;

describe('young person entitlement (§6a)', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmoCoordinator: TestUser;
  let socialWorker: TestUser;
  let protectedReader: TestUser;
  let counsellor: TestUser;
  let associationLeader: TestUser;
  let officer: TestUser;
  let manager: TestUser;
  let open: string;
  let hidden: string;
  let consentId: string;
  let contactConsentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const malmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmoCoordinator = await createUser(t, malmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    socialWorker = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    protectedReader = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    await t.db.query(`UPDATE app_user SET permissions = $2 WHERE id = $1`, [
      protectedReader.id,
      [Permission.PROTECTED_IDENTITY],
    ]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    associationLeader = await createUser(t, tbg.org.ASSOCIATION, [Role.ASSOCIATION_LEADER]);
    officer = await createUser(t, tbg.org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    manager = await createUser(t, tbg.org.SOCIAL_SERVICES, [Role.MANAGER]);

    open = await insertPerson(t, { familyName: 'Open', age: 17 });
    hidden = await insertPerson(t, { familyName: 'Hidden', age: 17, protectedIdentity: true });
    for (const person of [open, hidden]) {
      await t.db.query(
        `INSERT INTO guardian (young_person_id, name, phone) VALUES ($1, 'Förälder', '0709999999')`,
        [person],
      );
      // Enrolled now at the school; a concern report from it to social services.
      await t.db.query(
        `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code,
           programme_type, start_date, status)
         VALUES ($1, $2, 'Söderslättsgymnasiet', 'EK', 'NATIONAL', app_today() - 200, 'ACTIVE')`,
        [person, tbg.org.SCHOOL],
      );
      await t.db.query(
        `INSERT INTO concern_report (young_person_id, municipality_code, sender_organisation_id, sender_user_id,
           receiver_organisation_ids, description)
         VALUES ($1, '1287', $2, $3, ARRAY[$4]::uuid[], 'Oro för hemsituationen')`,
        [person, tbg.org.SCHOOL, counsellor.id, tbg.org.SOCIAL_SERVICES],
      );
    }
    // The association: a consent for IDENTITY only; the labour office: an emergency access.
    const consent = await t.db.query(
      `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
         documented_by_organisation_id, purpose, categories, valid_from, valid_until)
       VALUES ($1, '1287', ARRAY['YOUNG_PERSON'], 'WRITTEN', $2, $3, 'Fritidsaktivitet', ARRAY['IDENTITY'],
         app_now() - interval '1 day', app_now() + interval '100 days') RETURNING id`,
      [open, coordinator.id, tbg.org.YOUTH_TEAM],
    );
    consentId = consent.rows[0].id;
    await t.db.query(`INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`, [
      consentId,
      tbg.org.ASSOCIATION,
    ]);
    // The labour office: a consent for CONTACT only, on the protected person.
    const contactConsent = await t.db.query(
      `INSERT INTO consent (young_person_id, municipality_code, given_by, method, documented_by_user_id,
         documented_by_organisation_id, purpose, categories, valid_from, valid_until)
       VALUES ($1, '1287', ARRAY['YOUNG_PERSON'], 'WRITTEN', $2, $3, 'Jobbmatchning', ARRAY['CONTACT'],
         app_now() - interval '1 day', app_now() + interval '100 days') RETURNING id`,
      [hidden, coordinator.id, tbg.org.YOUTH_TEAM],
    );
    contactConsentId = contactConsent.rows[0].id;
    await t.db.query(`INSERT INTO consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`, [
      contactConsentId,
      tbg.org.LABOUR_OFFICE,
    ]);
    await t.db.query(
      `INSERT INTO emergency_access (user_id, organisation_id, young_person_id, municipality_code, reason, expires_at)
       VALUES ($1, $2, $3, '1287', 'Akut läge, behöver kontaktuppgifterna nu', app_now() + interval '4 hours')`,
      [officer.id, tbg.org.LABOUR_OFFICE, open],
    );
  });

  afterAll(() => t?.close());

  async function read(who: TestUser, id: string) {
    const since = await lastLogId(t);
    const res = await t.gql(PERSON, { id }, who.token);
    const { rows } = await t.db.query(
      `SELECT legal_basis, consent_ids, young_person_ids, subject_municipality_code
         FROM access_log WHERE id > $1 AND subject_type = 'YOUNG_PERSON' ORDER BY id`,
      [since],
    );
    return { res, person: res.data?.youngPerson as any, log: rows };
  }

  it('social services that received a concern report see identity and contact', async () => {
    const { person, log } = await read(socialWorker, open);
    expect(person).toMatchObject({
      givenName: 'Test',
      phone: '0701234567',
      streetAddress: 'Hemligvägen 7',
      contactHidden: false,
      guardians: [{ name: 'Förälder', phone: '0709999999' }],
    });
    expect(log).toEqual([
      expect.objectContaining({ legal_basis: 'STATUTORY_DUTY', consent_ids: [] }),
    ]);
  });

  it('a school where the person is enrolled now sees identity and contact', async () => {
    const { person, log } = await read(counsellor, open);
    expect(person).toMatchObject({ givenName: 'Test', phone: '0701234567', contactHidden: false });
    expect(log.map((l) => l.legal_basis)).toEqual(['OWN_ORGANISATION']);
  });

  it('protected identity hides contact, address and the guardians’ contact from both', async () => {
    for (const who of [socialWorker, counsellor]) {
      const { person } = await read(who, hidden);
      expect(person).toMatchObject({
        givenName: 'Test',
        phone: null,
        streetAddress: null,
        contactHidden: true,
        guardians: [{ name: 'Förälder', phone: null }],
      });
    }
  });

  it('but not from a user with the protected-identity permission', async () => {
    const { person } = await read(protectedReader, hidden);
    expect(person).toMatchObject({
      phone: '0701234567',
      streetAddress: 'Hemligvägen 7',
      contactHidden: false,
      guardians: [{ name: 'Förälder', phone: '0709999999' }],
    });
  });

  it('the home youth team reads under its statutory duty', async () => {
    const { person, log } = await read(coordinator, open);
    expect(person.phone).toBe('0701234567');
    expect(log).toEqual([
      expect.objectContaining({
        legal_basis: 'STATUTORY_DUTY',
        consent_ids: [],
        subject_municipality_code: '1287',
      }),
    ]);
  });

  it('a consent for IDENTITY gives identity without contact, logged with its id', async () => {
    const { person, log } = await read(associationLeader, open);
    expect(person).toMatchObject({ givenName: 'Test', phone: null, contactHidden: true });
    expect(log).toEqual([
      expect.objectContaining({ legal_basis: 'CONSENT', consent_ids: [consentId] }),
    ]);
    const none = await read(associationLeader, hidden);
    expect(none.res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(none.log).toEqual([]);
  });

  it('a consent for CONTACT on a protected identity shows the record with everything masked', async () => {
    const { person, log } = await read(officer, hidden);
    expect(person).toMatchObject({
      id: hidden,
      givenName: null,
      phone: null,
      contactHidden: true,
      guardians: null,
    });
    expect(log).toEqual([
      expect.objectContaining({ legal_basis: 'CONSENT', consent_ids: [contactConsentId] }),
    ]);
  });

  it('an emergency access is logged as EMERGENCY_ACCESS', async () => {
    const { person, log } = await read(officer, open);
    expect(person.phone).toBe('0701234567');
    expect(log.map((l) => l.legal_basis)).toEqual(['EMERGENCY_ACCESS']);
  });

  it('lists and searches log each row under its own basis', async () => {
    const since = await lastLogId(t);
    const res = await t.gql(
      `{ youngPeople(first: 50) { totalCount edges { node { id familyName phone } } } }`,
      {},
      counsellor.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.youngPeople.totalCount).toBe(2);
    const { rows } = await t.db.query(
      `SELECT legal_basis, young_person_ids FROM access_log WHERE id > $1 AND subject_type = 'YOUNG_PERSON'`,
      [since],
    );
    expect(rows).toEqual([
      { legal_basis: 'OWN_ORGANISATION', young_person_ids: expect.arrayContaining([open, hidden]) },
    ]);
    const search = await t.gql(
      `query($s: String) { youngPeople(search: $s) { totalCount } }`,
      { s: 'Test Hidden' },
      socialWorker.token,
    );
    expect(search.data.youngPeople.totalCount).toBe(1);
  });

  it('roles that do not work with cases see nobody', async () => {
    const { res } = await read(manager, open);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a youth team whose resident moved away loses them; the new home team gets them', async () => {
    const mover = await insertPerson(t, { familyName: 'Mover', age: 17 });
    const moved = await t.gql(
      `mutation($id: ID!) { updateYoungPerson(id: $id, input: { homeMunicipalityCode: "1280" }) { id homeMunicipalityCode } }`,
      { id: mover },
      coordinator.token,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data.updateYoungPerson).toEqual({ id: mover, homeMunicipalityCode: '1280' });
    const lost = await read(coordinator, mover);
    expect(lost.res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(lost.log).toEqual([]);
    const gained = await read(malmoCoordinator, mover);
    expect(gained.person).toMatchObject({ id: mover, phone: '0701234567' });
    expect(gained.log).toEqual([
      expect.objectContaining({ legal_basis: 'STATUTORY_DUTY', subject_municipality_code: '1280' }),
    ]);
  });
});
