import { createHash } from 'node:crypto';
import { testClock } from '../support/clock';
import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createYoungPerson } from '../cases/fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);

describe('the signed consent document: only those who see the consent read it, each read logged', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let social: TestUser;
  let liaison: TestUser;
  let malmo: TestUser;
  let admin: TestUser;
  let consentId: string;
  let otherConsentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await createWorld(t, '1287')).org;
    const mmo = (await createWorld(t, '1280')).org;
    coordinator = await createUser(t, org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    social = await createUser(t, org.SOCIAL_SERVICES, [Role.SOCIAL_WORKER]);
    liaison = await createUser(t, org.LABOUR_OFFICE, [Role.EMPLOYMENT_OFFICER]);
    malmo = await createUser(t, mmo.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    admin = await createUser(t, org.OTHER, [Role.MUNICIPALITY_ADMIN]);
    const record = async () => {
      const yp = await createYoungPerson(t, '1287', 17);
      const res = await t.gql(
        `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
        {
          input: {
            youngPersonId: yp,
            givenBy: ['YOUNG_PERSON'],
            method: 'WRITTEN',
            purpose: 'Samverkan',
            recipientOrganisationIds: [org.SOCIAL_SERVICES],
            categories: ['IDENTITY', 'SOCIAL'],
            validUntil: new Date(testClock.now().getTime() + 90 * 86400_000).toISOString(),
          },
        },
        coordinator.token,
      );
      expect(res.errors).toBeUndefined();
      return res.data.recordConsent.id as string;
    };
    consentId = await record();
    otherConsentId = await record();
  });
  afterAll(() => t.close());

  const put = (id: string, who: TestUser | null, type: string, body: Buffer) => {
    const req = t.http().put(`/consents/${id}/document`).set('content-type', type);
    if (who) req.set('authorization', `Bearer ${who.token}`);
    return req.send(body);
  };
  const get = (id: string, who: TestUser | null) => {
    const req = t
      .http()
      .get(`/consents/${id}/document`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (who) req.set('authorization', `Bearer ${who.token}`);
    return req;
  };
  const codeOf = (body: unknown) => {
    const b = Buffer.isBuffer(body) ? JSON.parse(body.toString('utf8')) : body;
    return (b as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;
  };
  const documents = async () =>
    Number((await t.db.query(`SELECT count(*) FROM consent_document`)).rows[0].count);
  const reads = async (who: TestUser) =>
    (
      await t.db.query(
        `SELECT legal_basis, consent_ids, fields FROM access_log
          WHERE actor_user_id = $1 AND subject_type = 'CONSENT_DOCUMENT' AND action = 'READ' ORDER BY id`,
        [who.id],
      )
    ).rows;

  it('attaches a PDF once, logged; refuses a wrong type, a lie about the type, a file too large', async () => {
    const res = await put(consentId, coordinator, 'application/pdf', PDF);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      consentId,
      contentType: 'application/pdf',
      byteSize: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const { rows } = await t.db.query(
      `SELECT action, legal_basis FROM access_log WHERE actor_user_id = $1 AND subject_type = 'CONSENT_DOCUMENT'`,
      [coordinator.id],
    );
    expect(rows).toEqual([{ action: 'CREATE', legal_basis: 'OWN_ORGANISATION' }]);

    const before = await documents();
    const again = await put(consentId, coordinator, 'application/pdf', PDF);
    expect([again.status, codeOf(again.body)]).toEqual([409, 'CONFLICT']);
    const lie = await put(otherConsentId, coordinator, 'application/pdf', PNG);
    expect([lie.status, codeOf(lie.body)]).toEqual([400, 'BAD_USER_INPUT']);
    const text = await put(otherConsentId, coordinator, 'text/plain', Buffer.from('hej'));
    expect([text.status, codeOf(text.body)]).toEqual([400, 'BAD_USER_INPUT']);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const huge = await put(otherConsentId, coordinator, 'application/pdf', big);
    expect([huge.status, codeOf(huge.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // An organisation that does not see the consent cannot attach to it or tell it exists.
    const stranger = await put(otherConsentId, liaison, 'image/png', PNG);
    expect([stranger.status, codeOf(stranger.body)]).toEqual([404, 'NOT_FOUND']);
    expect(await documents()).toBe(before);
    // A PNG is as good as a PDF.
    expect((await put(otherConsentId, coordinator, 'image/png', PNG)).status).toBe(201);
  });

  it('the documenting organisation and a recipient read it, each read logged with its basis', async () => {
    for (const who of [coordinator, social, social]) {
      const res = await get(consentId, who);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
    }
    expect(await reads(coordinator)).toEqual([
      { legal_basis: 'OWN_ORGANISATION', consent_ids: [], fields: ['content'] },
    ]);
    expect(await reads(social)).toEqual([
      { legal_basis: 'CONSENT', consent_ids: [consentId], fields: ['content'] },
      { legal_basis: 'CONSENT', consent_ids: [consentId], fields: ['content'] },
    ]);
    const meta = await t.gql(
      `query($id: ID!) { consent(id: $id) { document { contentType byteSize sha256 } } }`,
      { id: consentId },
      social.token,
    );
    expect(meta.data.consent.document).toEqual({
      contentType: 'application/pdf',
      byteSize: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
  });

  it('is unreadable by a non-recipient, another municipality, an admin and the anonymous; no read is logged', async () => {
    for (const who of [liaison, malmo]) {
      const res = await get(consentId, who);
      expect([res.status, codeOf(res.body)]).toEqual([404, 'NOT_FOUND']);
      expect(Buffer.from(res.body as Buffer).includes(PDF.subarray(0, 8))).toBe(false);
      expect(await reads(who)).toEqual([]);
      // Nor does the GraphQL metadata give it away.
      const meta = await t.gql(
        `query($id: ID!) { consent(id: $id) { document { sha256 } } }`,
        { id: consentId },
        who.token,
      );
      expect(meta.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const denied = await get(consentId, admin);
    expect([denied.status, codeOf(denied.body)]).toEqual([403, 'FORBIDDEN']);
    expect((await get(consentId, null)).status).toBe(401);
    expect((await put(consentId, null, 'application/pdf', PDF)).status).toBe(401);
    // A consent without a document looks the same as one the caller cannot see.
    const none = await get(otherConsentId, liaison);
    expect(none.status).toBe(404);
  });
});
