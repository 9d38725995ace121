import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addContact,
  addOccupation,
  createPeriod,
  createYoungPerson,
} from '../outreach/outreach-fixtures';

const QUERY = `query($y: Int!, $h: Int!) { scbExtract(year: $y, half: $h) { fileName periodStart periodEnd rowCount youngPersonCount csv } }`;
const HEADER =
  'record_type,personnummer,municipality_code,birth_date,kaa_entry_date,kaa_entry_reason,event_date,contact_channel,contact_direction,contact_outcome,occupation,occupation_date,measure_type,measure_status,measure_end_reason,kaa_exit_reason';

describe('SCB half-year extract', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  const pn: Record<string, string> = {};
  const id: Record<string, string> = {};
  const secret = {
    street: 'Hemliga vägen 7',
    postalCode: '231 99',
    city: 'Skyddsby',
    phone: '070-999 88 77',
    email: 'hemlig@example.se',
  };

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    const person = async (
      key: string,
      birthDate: string,
      o: Parameters<typeof createYoungPerson>[1] = {},
    ) => {
      id[key] = await createYoungPerson(t, { birthDate, familyName: `Family${key}`, ...o });
      pn[key] = (
        await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [id[key]])
      ).rows[0].personal_number;
    };

    // A: open period from before the half-year; occupation changes to WORK in March.
    await person('A', '2008-03-14', {
      address: {
        street: 'Storgatan 1',
        postalCode: '231 42',
        city: 'Trelleborg',
        phone: '070-111 11 11',
        email: 'a@example.se',
      },
    });
    await createPeriod(t, id.A, { entryDate: '2024-11-01', entryReason: 'INTERRUPTED_STUDIES' });
    await addOccupation(t, id.A, 'UNKNOWN', '2024-11-01');
    await addOccupation(t, id.A, 'WORK', '2025-03-10');
    await addContact(t, id.A, 'LETTER', 'NO_RESPONSE', '2024-12-01T10:00:00Z'); // before the half-year
    await addContact(t, id.A, 'SMS', 'MESSAGE_LEFT', '2024-12-31T23:30:00Z'); // 1 January in Sweden
    await addContact(t, id.A, 'PHONE', 'REACHED', '2025-02-05T10:00:00Z');
    await addContact(t, id.A, 'HOME_VISIT', 'REACHED', '2025-03-15T09:00:00Z');
    await addContact(t, id.A, 'PHONE', 'REACHED', '2025-06-30T22:30:00Z'); // 1 July in Sweden
    // B: enters and leaves for studies within the half-year.
    await person('B', '2007-09-02');
    await createPeriod(t, id.B, {
      entryDate: '2025-02-01',
      entryReason: 'NEVER_STARTED',
      exitDate: '2025-05-20',
      exitReason: 'STARTED_STUDIES',
    });
    await addOccupation(t, id.B, 'STUDIES', '2025-05-20');
    await addContact(t, id.B, 'PHONE', 'REACHED', '2025-05-10T08:00:00Z', { direction: 'INBOUND' });
    await addContact(t, id.B, 'PHONE', 'REACHED', '2025-05-25T08:00:00Z'); // after the exit
    const measure = async (
      key: string,
      type: string,
      offered: string,
      startDate: string,
      endDate: string | null,
      status: string,
      endReason: string | null,
    ) =>
      t.db.query(
        `INSERT INTO kaa_measure (young_person_id, municipality_code, type, provider, offered_on, start_date, end_date, status, end_reason)
         VALUES ($1, '1287', $2, 'Arbetsmarknadsförvaltningen', $3, $4, $5, $6, $7)`,
        [id[key], type, offered, startDate, endDate, status, endReason],
      );
    await measure(
      'A',
      'MENTORSHIP',
      '2024-11-20',
      '2024-12-01',
      '2025-01-31',
      'ABORTED',
      'STOPPED_ATTENDING',
    );
    await measure('A', 'COACHING', '2025-02-05', '2025-02-10', null, 'ONGOING', null);
    await measure('A', 'JOB_FAIR', '2025-06-20', '2025-07-02', null, 'ONGOING', null); // next half-year
    await measure(
      'B',
      'INTERNSHIP',
      '2025-02-15',
      '2025-03-01',
      '2025-05-15',
      'COMPLETED',
      'STARTED_STUDIES',
    );
    // C: protected identity, moved in, no contacts.
    await person('C', '2008-06-30', {
      protectedIdentity: true,
      address: secret,
      givenName: 'Skyddad',
    });
    await createPeriod(t, id.C, { entryDate: '2025-04-01', entryReason: 'MOVED_IN' });
    // Outside: left before, entered after, another municipality.
    await person('D', '2007-01-05');
    await createPeriod(t, id.D, {
      entryDate: '2024-03-01',
      exitDate: '2024-12-31',
      exitReason: 'TURNED_20',
    });
    await person('E', '2008-01-05');
    await createPeriod(t, id.E, { entryDate: '2025-07-01' });
    await person('F', '2008-02-05', { municipality: '1280' });
    await createPeriod(t, id.F, { municipality: '1280', entryDate: '2025-01-10' });
    await addContact(t, id.F, 'LETTER', 'NO_RESPONSE', '2025-02-01T10:00:00Z', {
      municipality: '1280',
    });
  });
  afterAll(() => t.close());

  it('matches the hand-computed rows exactly', async () => {
    const res = await t.gql(QUERY, { y: 2025, h: 1 }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const x = res.data.scbExtract;
    const expected = [
      HEADER,
      `REGISTRATION,${pn.B},1287,2007-09-02,2025-02-01,NEVER_STARTED,2025-02-01,,,,STUDIES,2025-05-20,,,,`,
      `MEASURE_STARTED,${pn.B},1287,2007-09-02,2025-02-01,NEVER_STARTED,2025-03-01,,,,UNKNOWN,2025-03-01,INTERNSHIP,COMPLETED,,`,
      `CONTACT,${pn.B},1287,2007-09-02,2025-02-01,NEVER_STARTED,2025-05-10,PHONE,INBOUND,REACHED,UNKNOWN,2025-05-10,,,,`,
      `MEASURE_ENDED,${pn.B},1287,2007-09-02,2025-02-01,NEVER_STARTED,2025-05-15,,,,UNKNOWN,2025-05-15,INTERNSHIP,COMPLETED,STARTED_STUDIES,`,
      `KAA_ENDED,${pn.B},1287,2007-09-02,2025-02-01,NEVER_STARTED,2025-05-20,,,,STUDIES,2025-05-20,,,,STARTED_STUDIES`,
      `REGISTRATION,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2024-11-01,,,,WORK,2025-06-30,,,,`,
      `CONTACT,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2025-01-01,SMS,OUTBOUND,MESSAGE_LEFT,UNKNOWN,2025-01-01,,,,`,
      `MEASURE_ENDED,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2025-01-31,,,,UNKNOWN,2025-01-31,MENTORSHIP,ABORTED,STOPPED_ATTENDING,`,
      `CONTACT,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2025-02-05,PHONE,OUTBOUND,REACHED,UNKNOWN,2025-02-05,,,,`,
      `MEASURE_STARTED,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2025-02-10,,,,UNKNOWN,2025-02-10,COACHING,ONGOING,,`,
      `CONTACT,${pn.A},1287,2008-03-14,2024-11-01,INTERRUPTED_STUDIES,2025-03-15,HOME_VISIT,OUTBOUND,REACHED,WORK,2025-03-15,,,,`,
      `REGISTRATION,${pn.C},1287,2008-06-30,2025-04-01,MOVED_IN,2025-04-01,,,,UNKNOWN,2025-06-30,,,,`,
    ];
    expect(x.csv).toBe(`${expected.join('\r\n')}\r\n`);
    expect(x).toMatchObject({
      fileName: 'kaa-scb-1287-2025-H1.csv',
      periodStart: '2025-01-01',
      periodEnd: '2025-06-30',
      rowCount: 12,
      youngPersonCount: 3,
    });
  });

  it('never exports names, address or contact details, protected or not', async () => {
    const { csv } = (await t.gql(QUERY, { y: 2025, h: 1 }, coordinator.token)).data.scbExtract;
    for (const v of [
      ...Object.values(secret),
      'Skyddad',
      'FamilyC',
      'Storgatan 1',
      '070-111 11 11',
      'a@example.se',
      'FamilyA',
    ]) {
      expect(csv).not.toContain(v);
    }
    expect(csv).toContain(pn.C); // the protected person is still reported, by personnummer only
  });

  it('is logged as one EXPORT row with every young person', async () => {
    await t.gql(QUERY, { y: 2025, h: 1 }, coordinator.token);
    const { rows } = await t.db.query(
      `SELECT young_person_ids, legal_basis, subject_municipality_code FROM access_log
       WHERE action = 'EXPORT' AND subject_type = 'SCB_EXTRACT' AND actor_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [coordinator.id],
    );
    expect([...rows[0].young_person_ids].sort()).toEqual([id.A, id.B, id.C].sort());
    expect(rows[0]).toMatchObject({
      legal_basis: 'STATUTORY_DUTY',
      subject_municipality_code: '1287',
    });
  });

  it('downloads the same CSV over REST', async () => {
    const gql = (await t.gql(QUERY, { y: 2025, h: 1 }, coordinator.token)).data.scbExtract.csv;
    const res = await t
      .http()
      .get('/scb-extract?year=2025&half=1')
      .set('authorization', `Bearer ${coordinator.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('kaa-scb-1287-2025-H1.csv');
    expect(res.text).toBe(gql);
    const bad = await t
      .http()
      .get('/scb-extract?year=2025&half=3')
      .set('authorization', `Bearer ${coordinator.token}`);
    expect(bad.status).toBe(400);
  });

  it('Malmö gets only its own register; other roles get nothing', async () => {
    const res = await t.gql(QUERY, { y: 2025, h: 1 }, malmo.token);
    expect(res.data.scbExtract.youngPersonCount).toBe(1);
    expect(res.data.scbExtract.csv).toContain(pn.F);
    for (const k of ['A', 'B', 'C']) expect(res.data.scbExtract.csv).not.toContain(pn[k]);
    const school = await t.gql(QUERY, { y: 2025, h: 1 }, counsellor.token);
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rest = await t
      .http()
      .get('/scb-extract?year=2025&half=1')
      .set('authorization', `Bearer ${counsellor.token}`);
    expect(rest.status).toBe(403);
    expect(rest.text).not.toContain(pn.A);
  });

  it('the municipality a young person moved away from still reports the exit; the new one its entry', async () => {
    const mover = await createYoungPerson(t, { birthDate: '2009-02-11', municipality: '1280' });
    const moverPn = (
      await t.db.query(`SELECT personal_number FROM young_person WHERE id = $1`, [mover])
    ).rows[0].personal_number;
    await createPeriod(t, mover, {
      entryDate: '2025-08-01',
      entryReason: 'INTERRUPTED_STUDIES',
      exitDate: '2025-10-15',
      exitReason: 'MOVED_AWAY',
    });
    await createPeriod(t, mover, {
      municipality: '1280',
      entryDate: '2025-10-16',
      entryReason: 'MOVED_IN',
    });

    const tbg = await t.gql(QUERY, { y: 2025, h: 2 }, coordinator.token);
    const tbgRows = tbg.data.scbExtract.csv
      .split('\r\n')
      .filter((l: string) => l.includes(moverPn));
    expect(tbgRows.map((l: string) => l.split(',')[0])).toEqual(['REGISTRATION', 'KAA_ENDED']);
    expect(tbgRows[1]).toMatch(/,1287,.*,MOVED_AWAY$/);

    const mmo = await t.gql(QUERY, { y: 2025, h: 2 }, malmo.token);
    const mmoRows = mmo.data.scbExtract.csv
      .split('\r\n')
      .filter((l: string) => l.includes(moverPn));
    expect(mmoRows).toHaveLength(1);
    expect(mmoRows[0]).toMatch(/^REGISTRATION,\d{12},1280,.*MOVED_IN/);
  });

  it('an empty half-year has only the header', async () => {
    const res = await t.gql(QUERY, { y: 2020, h: 2 }, coordinator.token);
    expect(res.data.scbExtract).toMatchObject({ rowCount: 0, csv: `${HEADER}\r\n` });
  });
});
