import { DEMO_SECOND_FACTOR } from '../../src/demo/second-factor.demo';
import { DEMO_YOUNG_PEOPLE } from '../../src/demo/young-people.demo';
import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * Concern reports and break the glass, and the association leader's page, in Chromium on the
 * demo data: the counsellor reports a child from its page (no consent step); the on-call
 * social worker (EMERGENCY_ACCESS, second factor) must give a reason, sees the countdown and
 * ends the opening early; TFF's leader sees Öppen Hall by age band and referrals with only
 * the consented sections. One app and browser for the file.
 */
jest.setTimeout(150_000);

describe('concern reports, break the glass and the association leader in a browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it('the counsellor sends a concern report from a young person’s page, with no consent step', async () => {
    const page = await h.signIn('counsellor@trelleborg.demo');
    await page.getByRole('link', { name: 'Unga', exact: true }).click();
    // A child under 18 of Trelleborg the counsellor sees (the list shows age and home municipality).
    const child = page
      .getByTestId('people')
      .getByRole('listitem')
      .filter({ hasText: /· 1[5-7] · 1287$/ })
      .first();
    await child.getByRole('link').click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    const personId = /\/people\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.getByRole('link', { name: 'Gör en orosanmälan' }).click();
    await page.getByRole('heading', { name: 'Orosanmälan' }).waitFor();
    await expectText(page.locator('main'), /kräver inget samtycke/);
    expect(await page.getByRole('checkbox', { name: /samtycke/i }).count()).toBe(0);
    await page
      .getByLabel('Vad du har sett eller hört')
      .fill('Eleven berättade att hen inte vågar gå hem efter skolan.');
    await h.check(page, 'concern-report-form');
    expect(await untranslated(page)).toEqual([]);
    await page.getByRole('button', { name: 'Skicka orosanmälan' }).click();
    await expectText(
      page.getByTestId('concern-sent'),
      /skickades .* till socialtjänsten i kommun 1287/,
    );

    const { rows } = await h.t.db.query(
      `SELECT c.description, c.immediate_danger, c.municipality_code, cardinality(c.receiver_organisation_ids) AS receivers
         FROM concern_report c JOIN app_user u ON u.id = c.sender_user_id
        WHERE u.email = 'counsellor@trelleborg.demo' AND c.young_person_id = $1`,
      [personId],
    );
    expect(rows).toEqual([
      {
        description: 'Eleven berättade att hen inte vågar gå hem efter skolan.',
        immediate_danger: false,
        municipality_code: '1287',
        receivers: 1,
      },
    ]);
  });

  it('break the glass: a reason is required, the countdown shows, and ending it early closes the record again', async () => {
    const personId = DEMO_YOUNG_PEOPLE.guardianDeclinedId;
    const page = await h.signIn(
      DEMO_SECOND_FACTOR.email,
      `/people/${personId}`,
      DEMO_SECOND_FACTOR.recoveryCodes[0],
    );
    const openings = async () =>
      (
        await h.t.db.query(
          `SELECT e.id, e.reason, e.ended_at, e.expires_at FROM emergency_access e
             WHERE e.user_id = (SELECT id FROM app_user WHERE email = $1) AND e.young_person_id = $2`,
          [DEMO_SECOND_FACTOR.email, personId],
        )
      ).rows;

    await page.getByRole('heading', { name: 'Nödåtkomst', exact: true }).waitFor();
    await expectText(
      page.getByRole('alert').first(),
      /Det finns inte, eller så får du inte se det/,
    );
    await h.check(page, 'break-the-glass');
    expect(await untranslated(page)).toEqual([]);

    // Empty, then too short: refused on the page, nothing opened.
    await page.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    await expectText(
      page.getByRole('alert').filter({ hasText: /Skälet krävs/ }),
      /minst 20 tecken/,
    );
    await page.getByLabel('Skäl (krävs)').fill('akut');
    await page.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    await expectText(
      page.getByRole('alert').filter({ hasText: /Skälet krävs/ }),
      /minst 20 tecken/,
    );
    expect(await openings()).toEqual([]);

    await page
      .getByLabel('Skäl (krävs)')
      .fill('Polisen larmar: den unge är försvunnen sedan i natt');
    await page.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    const countdown = page.getByTestId('emergency-countdown');
    await countdown.waitFor();
    // The record is open now: the person's page with its name.
    await expectText(page.getByRole('heading', { level: 1 }), /Elias/);
    await expectText(page.getByTestId('emergency-time-left'), /^3:59:\d\d$/);
    const first = await page.getByTestId('emergency-time-left').innerText();
    await expectText(
      page.getByTestId('emergency-time-left'),
      new RegExp(`^(?!${first}$)3:59:\\d\\d$`),
    );
    await h.check(page, 'emergency-countdown');
    const [opened] = await openings();
    expect(opened).toMatchObject({
      reason: 'Polisen larmar: den unge är försvunnen sedan i natt',
      ended_at: null,
    });

    await countdown.getByRole('button', { name: 'Avsluta nödåtkomsten nu' }).click();
    await page.getByRole('heading', { name: 'Nödåtkomst', exact: true }).waitFor();
    expect(await page.getByTestId('emergency-countdown').count()).toBe(0);
    const [ended] = await openings();
    expect(ended.ended_at).not.toBeNull();
    expect(ended.expires_at.getTime()).toBe(ended.ended_at.getTime());
  });

  it('a user without the EMERGENCY_ACCESS permission is not offered break the glass', async () => {
    const page = await h.signIn(
      'liaison@trelleborg.demo',
      `/people/${DEMO_YOUNG_PEOPLE.guardianDeclinedId}`,
    );
    await expectText(
      page.getByRole('alert').first(),
      /Det finns inte, eller så får du inte se det/,
    );
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Öppna med nödåtkomst' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Nödåtkomst', exact: true }).count()).toBe(0);
  });

  it('the association leader: Öppen Hall by age band and first-timers, referrals with only the consented sections, membership', async () => {
    const page = await h.signIn('association@trelleborg.demo');
    await page.getByRole('heading', { name: 'Trelleborgs FF' }).waitFor();
    await page.getByTestId('activity-row').first().waitFor();
    await page.getByTestId('association-referral').first().waitFor();
    await page.getByTestId('membership-row').first().waitFor();
    await h.check(page, 'association');
    expect(await untranslated(page)).toEqual([]);

    // The newest held session's counts are the database's.
    const { rows: held } = await h.t.db.query(
      `SELECT x.id, a.total, a.age_15_17, a.age_18_20, a.age_21_25, a.first_timers
         FROM activity_attendance a JOIN activity x ON x.id = a.activity_id
        WHERE x.host_organisation_id = '00000000-0000-4000-8000-128700000005' AND x.kind = 'OPEN_HALL'
        ORDER BY x.starts_at DESC LIMIT 1`,
    );
    const table = page.getByTestId('activities');
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers).toEqual([
      'När',
      'Aktivitet',
      'Totalt',
      '15–17 år',
      '18–20 år',
      '21–25 år',
      'Första gången',
    ]);
    const reported = table
      .getByTestId('activity-row')
      .filter({ hasText: 'Öppen Hall' })
      .filter({ hasNotText: 'Inte rapporterat' })
      .first();
    const cells = (await reported.locator('td').allInnerTexts()).slice(2);
    const h0 = held[0];
    expect(cells).toEqual(
      [h0.total, h0.age_15_17, h0.age_18_20, h0.age_21_25, h0.first_timers].map(String),
    );

    // A corrected head count for that session: sums over the total are refused on the page,
    // then the counts are saved and shown.
    const form = page.getByTestId('attendance-form');
    const attendance = async () =>
      (
        await h.t.db.query(
          `SELECT total, age_15_17, age_18_20, age_21_25, first_timers FROM activity_attendance WHERE activity_id = $1`,
          [h0.id],
        )
      ).rows[0];
    const before = await attendance();
    await form.getByLabel('Tillfälle').selectOption(h0.id);
    await form.getByLabel('Totalt', { exact: true }).fill('10');
    await form.getByLabel('15–17 år').fill('8');
    await form.getByLabel('18–20 år').fill('8');
    await form.getByRole('button', { name: 'Spara antalen' }).click();
    await expectText(form.getByRole('alert'), /Åldersgrupperna blir fler än totalen/);
    expect(await attendance()).toEqual(before);
    await form.getByLabel('Totalt', { exact: true }).fill('25');
    await form.getByLabel('15–17 år').fill('12');
    await form.getByLabel('18–20 år').fill('8');
    await form.getByLabel('21–25 år').fill('5');
    await form.getByLabel('Första gången').fill('6');
    await form.getByRole('button', { name: 'Spara antalen' }).click();
    await expectText(form.getByRole('status'), /Antalen är sparade/);
    expect(await attendance()).toEqual({
      total: 25,
      age_15_17: 12,
      age_18_20: 8,
      age_21_25: 5,
      first_timers: 6,
    });
    await expectText(reported, /25\s+12\s+8\s+5\s+6$/);
    await h.check(page, 'association-attendance', '[data-testid=attendance-form]');

    // Referrals: only the sections the consent names for TFF (ACTIVITIES), never others.
    const { rows: shared } = await h.t.db.query(
      `SELECT s.category, s.body FROM referral_section s
        WHERE s.receiver_organisation_id = '00000000-0000-4000-8000-128700000005'`,
    );
    expect(shared.length).toBeGreaterThan(0);
    const sections = await page.getByTestId('referral-sections').locator('dt').allInnerTexts();
    expect(sections.length).toBeGreaterThan(0);
    expect(new Set(sections)).toEqual(new Set(['Aktiviteter']));
    const main = await page.locator('main').innerText();
    const { rows: others } = await h.t.db.query(
      `SELECT body FROM referral_section WHERE receiver_organisation_id <> '00000000-0000-4000-8000-128700000005'`,
    );
    expect(others.filter((o: { body: string }) => main.includes(o.body))).toEqual([]);

    // Membership follow-up: the demo half-year, then a new period reported.
    await expectText(page.getByTestId('membership'), /412\s+447\s+\+35/);
    await page.getByLabel('Första dag').fill('2020-01-01');
    await page.getByLabel('Sista dag').fill('2020-06-30');
    await page.getByLabel('Medlemmar före').fill('447');
    await page.getByLabel('Medlemmar efter').fill('460');
    await page.getByRole('button', { name: 'Spara perioden' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: /Perioden/ }),
      /Perioden är sparad/,
    );
    await expectText(page.getByTestId('membership'), /447\s+460\s+\+13/);
    const { rows: m } = await h.t.db.query(
      `SELECT members_before, members_after FROM association_membership_report WHERE period_end = '2020-06-30'`,
    );
    expect(m).toEqual([{ members_before: 447, members_after: 460 }]);

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Referrals received' }).waitFor();
    expect(await untranslated(page)).toEqual([]);
  });
});
