import { Role } from '../../src/identity/role.enum';
import { createUser, createWorld, TestUser } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, TestApp } from '../support/test-app';
import { createPeriod, createYoungPerson } from './outreach-fixtures';

const TEMPLATE = `mutation($i: CreateLetterTemplateInput!) { createLetterTemplate(input: $i) { id name } }`;
const SEND = `mutation($i: SendLetterRoundInput!) { sendLetterRound(input: $i) {
  letterCount fileName pdfBase64 round { id recipientCount channel }
  notPrinted { youngPersonId givenName familyName reason } } }`;

describe('letter rounds', () => {
  let t: TestApp;
  let coordinator: TestUser;
  let malmo: TestUser;
  let counsellor: TestUser;
  let templateId: string;
  const ids: Record<string, string> = {};
  const address = (n: number) => ({
    street: `Brevgatan ${n}`,
    postalCode: '231 42',
    city: 'Trelleborg',
    phone: '070-2',
    email: 'x@y.se',
  });
  const contacts = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM contact_attempt`)).rows[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    const tbg = await createWorld(t, '1287');
    const mmo = await createWorld(t, '1280');
    coordinator = await createUser(t, tbg.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    malmo = await createUser(t, mmo.org.YOUTH_TEAM, [Role.YOUTH_COORDINATOR]);
    counsellor = await createUser(t, tbg.org.SCHOOL, [Role.COUNSELLOR]);
    for (const [i, name] of ['Ahl', 'Berg', 'Cedar'].entries()) {
      ids[name] = await createYoungPerson(t, {
        givenName: `Kim${i}`,
        familyName: name,
        address: address(i + 1),
      });
      await createPeriod(t, ids[name]);
    }
    ids.Skydd = await createYoungPerson(t, {
      givenName: 'Hemlig',
      familyName: 'Skydd',
      address: { ...address(9), street: 'Hemliga vägen 9' },
      protectedIdentity: true,
    });
    await createPeriod(t, ids.Skydd);
    ids.Utan = await createYoungPerson(t, { givenName: 'Adress', familyName: 'Utan' });
    await createPeriod(t, ids.Utan);
    ids.Malmo = await createYoungPerson(t, {
      municipality: '1280',
      familyName: 'Mmo',
      address: address(5),
    });
  });
  afterAll(() => t.close());

  it('refuses a template with an unknown placeholder; keeps one per name', async () => {
    const bad = await t.gql(
      TEMPLATE,
      { i: { name: 'Fel', subject: 'Hej', body: 'Hej {fornamn}!' } },
      coordinator.token,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await t.gql(
      TEMPLATE,
      {
        i: {
          name: 'Brev 1',
          subject: 'Hej {förnamn}, vi vill träffa dig',
          body: 'Hej {förnamn} {efternamn}!\n\nVi på ungdomsteamet vill gärna höra hur du har det. Ring {handläggare} på {telefon}.',
        },
      },
      coordinator.token,
    );
    expect(ok.errors).toBeUndefined();
    templateId = ok.data.createLetterTemplate.id;
    const again = await t.gql(
      TEMPLATE,
      { i: { name: 'Brev 1', subject: 'x', body: 'y' } },
      coordinator.token,
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const school = await t.gql(
      TEMPLATE,
      { i: { name: 'S', subject: 'x', body: 'y' } },
      counsellor.token,
    );
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('prints nothing and records nothing when one recipient is not the caller’s', async () => {
    const before = await contacts();
    for (const [token, recipients] of [
      [coordinator.token, [ids.Ahl, ids.Malmo]],
      [malmo.token, [ids.Ahl]],
    ] as const) {
      const res = await t.gql(SEND, { i: { templateId, youngPersonIds: recipients } }, token);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(res.data).toBeNull();
    }
    const school = await t.gql(
      SEND,
      { i: { templateId, youngPersonIds: [ids.Ahl] } },
      counsellor.token,
    );
    expect(school.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await contacts()).toBe(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outreach_round`)).rows[0].n).toBe(0);
  });

  it('prints one page per letter and records the contacts; the protected identity is listed, not printed', async () => {
    const before = await contacts();
    const all = [ids.Cedar, ids.Skydd, ids.Ahl, ids.Utan, ids.Berg];
    const res = await t.gql(
      SEND,
      { i: { templateId, youngPersonIds: all, callbackPhone: '0410-73 30 00' } },
      coordinator.token,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.sendLetterRound;
    expect(r.letterCount).toBe(3);
    expect(r.round).toMatchObject({ recipientCount: 3, channel: 'LETTER' });
    expect(r.notPrinted).toEqual([
      {
        youngPersonId: ids.Skydd,
        givenName: 'Hemlig',
        familyName: 'Skydd',
        reason: 'PROTECTED_IDENTITY',
      },
      { youngPersonId: ids.Utan, givenName: 'Adress', familyName: 'Utan', reason: 'NO_ADDRESS' },
    ]);
    const pdf = await pdfText(Buffer.from(r.pdfBase64, 'base64'));
    expect(pdf.pages).toBe(3);
    const pages = pdf.pageTexts.map((p) => p.replace(/\s+/g, ' '));
    ['Ahl', 'Berg', 'Cedar'].forEach((name, i) => {
      expect(pages[i]).toContain(`Kim${i} ${name}`);
      expect(pages[i]).toContain(`Brevgatan ${i + 1}`);
      expect(pages[i]).toContain('231 42 Trelleborg');
      expect(pages[i]).toContain(`Hej Kim${i}, vi vill träffa dig`);
      expect(pages[i]).toContain('0410-73 30 00');
    });
    expect(pdf.text).not.toContain('Skydd');
    expect(pdf.text).not.toContain('Hemliga vägen');
    expect(await contacts()).toBe(before + 3);
    const recorded = await t.db.query(
      `SELECT young_person_id FROM contact_attempt WHERE outreach_round_id = $1 AND channel = 'LETTER'`,
      [r.round.id],
    );
    expect(recorded.rows.map((x) => x.young_person_id).sort()).toEqual(
      [ids.Ahl, ids.Berg, ids.Cedar].sort(),
    );
    const logs = await t.db.query(
      `SELECT action, subject_type FROM access_log WHERE actor_user_id = $1 AND request_id = (
         SELECT request_id FROM access_log WHERE actor_user_id = $1 ORDER BY id DESC LIMIT 1) ORDER BY id`,
      [coordinator.id],
    );
    expect(logs.rows.map((l) => `${l.action} ${l.subject_type}`).sort()).toEqual(
      ['CREATE CONTACT_ATTEMPT', 'EXPORT YOUNG_PERSON', 'READ YOUNG_PERSON'].sort(),
    );
  });
});
