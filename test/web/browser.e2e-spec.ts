/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { seedDemoData } from '../../src/demo/demo-seed';
import { DEMO_PASSWORD } from '../../src/demo/demo-users';
import { DEMO_YOUNG_PEOPLE } from '../../src/demo/young-people.demo';
import { DEMO_SECOND_FACTOR } from '../../src/demo/second-factor.demo';
import { generate } from 'otplib';
import { NOTIFICATION_KINDS } from '../../web/src/i18n/shown';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The web client in Debian's Chromium against the real app on the real database with
 * the demo data: each day's workflow clicked through as the demo user of that role,
 * axe-core on every page visited (a serious or critical violation fails), screenshots
 * into test-results/screens/. One app, one browser; a context per user.
 */
export const CHROMIUM = '/usr/bin/chromium';
// A busy 2-core machine takes a while per axe run; each test gets two minutes.
jest.setTimeout(120_000);
const SCREENS = join(__dirname, '..', '..', 'test-results', 'screens');

describe('the web client in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.databaseUrl, t.config.clock, t.config.secretsKey);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(SCREENS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    // A CSP refusal or an uncaught error in any page fails the test that caused it.
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  async function open(path = '/'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
    });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text()))
        pageErrors.push(m.text());
    });
    await page.goto(base + path);
    return page;
  }

  async function signIn(email: string, path = '/'): Promise<Page> {
    const page = await open(path);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    return page;
  }

  /** axe-core (WCAG 2.1 A and AA rules): no serious or critical violation; then a screenshot. */
  async function check(page: Page, name: string, only?: string): Promise<void> {
    const started = Date.now();
    await page.waitForLoadState('networkidle');
    const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
    // A part that opened on a page already checked: only that part again.
    const result = await (only ? axe.include(only) : axe).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect({ page: name, violations: bad }).toEqual({ page: name, violations: [] });
    await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    if (process.env.BROWSER_TIMING) process.stdout.write(`${name}: ${Date.now() - started} ms\n`);
  }

  /** Text a person would see that is a bare message key (an untranslated label). */
  async function untranslated(page: Page): Promise<string[]> {
    const text = await page.locator('body').innerText();
    return (
      text.match(
        /\b(?:enum|error|nav|shell|workList|person|consent|contact|flag|notice|notification|common|login|period|measure|plan|people|students|bell|page|rounds|import|report|figures)\.[A-Za-z_.]+/g,
      ) ?? []
    );
  }

  const rowsOf = (page: Page) => page.getByTestId('work-list-row');

  it('the sign-in page: a wrong password is a plain message; landmarks and labels pass axe', async () => {
    const page = await open();
    await check(page, 'sign-in');
    await page.getByLabel('E-postadress').fill('coordinator@trelleborg.demo');
    await page.getByLabel('Lösenord').fill('not-the-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expectText(page.getByRole('alert'), /Fel e-postadress eller lösenord/);
    await page.close();
  });

  it("the youth coordinator's work list: priority reasons, a filter, a contact recorded from a row in two clicks", async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await page.getByRole('heading', { name: 'Arbetslista' }).waitFor();
    await rowsOf(page).first().waitFor();
    expect(await rowsOf(page).count()).toBeGreaterThan(5);
    await expectText(
      page.getByRole('table'),
      /Aldrig kontaktad|Ingen ansvarig|Inget uppföljningsdatum/,
    );
    await check(page, 'work-list');

    // Filter by the first row's first reason: every row left has it.
    const reason = await rowsOf(page).first().locator('.tags li').first().innerText();
    const total = await page.getByText(/personer? på listan/).innerText();
    const other = (await rowsOf(page).allInnerTexts()).filter((r) => !r.includes(reason)).length;
    await page.getByLabel('Orsak').selectOption({ label: reason });
    void total;
    const deadline = Date.now() + 10_000;
    let filtered = await rowsOf(page).allInnerTexts();
    while (
      Date.now() < deadline &&
      (filtered.length === 0 || filtered.some((r) => !r.includes(reason)))
    ) {
      await page.waitForTimeout(100);
      filtered = await rowsOf(page).allInnerTexts();
    }
    if (other > 0) expect(filtered.length).toBeLessThan(other + filtered.length);
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) expect(row).toContain(reason);
    await page.getByLabel('Orsak').selectOption('');

    const row = rowsOf(page).first();
    const name = await row.getByRole('link').innerText();
    const before = await contactCount(name);
    await row.getByRole('button', { name: `Registrera kontakt med ${name}` }).click(); // 1
    await check(page, 'work-list-contact-form', '.contact-form');
    await page.getByRole('button', { name: 'Spara kontakt' }).click(); // 2
    await expectText(
      page.getByRole('status').first(),
      new RegExp(`Kontakten med ${name} är registrerad`),
    );
    expect(await contactCount(name)).toBe(before + 1);
  });

  it('records a contact with the keyboard alone', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await rowsOf(page).first().waitFor();
    const name = await rowsOf(page).first().getByRole('link').innerText();
    const before = await contactCount(name);
    const target = `Registrera kontakt med ${name}`;
    // Tab from the top of the page to the row's button: skip link, menu, filters, rows.
    await page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === target
      )
        break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      target,
    );
    await page.keyboard.press('Enter');
    // The form opens with the channel focused; pick SMS, tab to the outcome, pick the next one.
    expect(
      await page.evaluate(
        () => (document.activeElement as HTMLElement)?.closest('label')?.textContent,
      ),
    ).toMatch(/^Kanal/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // occupation learned: nothing new
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Spara kontakt');
    await page.keyboard.press('Enter');
    await expectText(
      page.getByRole('status').first(),
      new RegExp(`Kontakten med ${name} är registrerad`),
    );
    const latest = await t.db.query(
      `SELECT c.channel, c.outcome FROM contact_attempt c JOIN young_person p ON p.id = c.young_person_id
        WHERE p.given_name || ' ' || p.family_name = $1 ORDER BY c.occurred_at DESC LIMIT 1`,
      [name],
    );
    expect(latest.rows[0]).toEqual({ channel: 'SMS', outcome: 'NO_RESPONSE' });
    expect(await contactCount(name)).toBe(before + 1);
  });

  it("a young person's page: identity, masked contact for a protected identity, periods, occupations, measures, plan, contacts, cases", async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await rowsOf(page).first().waitFor();
    await rowsOf(page).first().getByRole('link').click();
    for (const heading of [
      'Identitet',
      'Kontaktuppgifter',
      'Perioder i aktivitetsansvaret',
      'Sysselsättningar',
      'Insatser',
      'Plan och mål',
      'Kontakter',
      'Ärenden',
      'Samtycken',
    ])
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await expectText(page.getByRole('main'), /Personnummer\s*\d{12}/);
    await check(page, 'young-person');

    // A measure, then the period closed and a new one opened.
    await page.getByLabel('Utförare').fill('Trelleborgs FF');
    await page.getByRole('button', { name: 'Lägg till insats' }).click();
    await expectText(
      page.locator('section', { has: page.getByRole('heading', { name: 'Insatser' }) }),
      /Coachning · Trelleborgs FF · Erbjuden/,
    );
    await page.getByRole('button', { name: 'Avsluta perioden idag' }).click();
    await page.getByRole('button', { name: 'Öppna en ny period idag' }).click();
    await page.getByRole('button', { name: 'Avsluta perioden idag' }).waitFor();
    await expectText(
      page.locator('section', {
        has: page.getByRole('heading', { name: 'Perioder i aktivitetsansvaret' }),
      }),
      /Började studera/,
    );

    await page.goto(`${base}/people/${DEMO_YOUNG_PEOPLE.protectedId}`);
    await page.getByRole('heading', { name: 'Identitet' }).waitFor();
    await expectText(page.getByRole('main'), /Skyddade personuppgifter/);
    await page.getByTestId('contact-masked').waitFor();
    await check(page, 'young-person-protected');
  });

  it('consent: recorded with the age verdict shown first, seen by the receiver, and gone from its screen on the next navigation once withdrawn; the receiver is told live', async () => {
    const { rows } = await t.db.query(
      `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM young_person p
        WHERE p.home_municipality_code = '1287' AND NOT p.protected_identity
          AND p.birth_date <= app_today() - interval '18 years'
          AND EXISTS (SELECT 1 FROM kaa_period k WHERE k.young_person_id = p.id AND k.exit_date IS NULL)
          AND NOT EXISTS (SELECT 1 FROM consent c WHERE c.young_person_id = p.id)
        ORDER BY p.family_name LIMIT 1`,
    );
    const person = rows[0] as { id: string; name: string };
    const social = await signIn('social@trelleborg.demo', '/people');
    await social.getByRole('heading', { name: 'Unga' }).waitFor();
    await social.waitForLoadState('networkidle');
    expect(await social.getByTestId('people').innerText()).not.toContain(person.name);
    const unread = Number(await social.getByTestId('bell-count').innerText());

    const coordinator = await signIn('coordinator@trelleborg.demo', `/people/${person.id}`);
    await coordinator.getByRole('heading', { name: 'Dokumentera samtycke' }).waitFor();
    await coordinator.getByLabel('Syfte').fill('Samordnat stöd mot studier');
    await coordinator.getByLabel('Socialförvaltningen Trelleborg').check();
    await expectText(
      coordinator.getByTestId('consent-verdict'),
      /^Räcker enligt kommunens åldersregler/,
    );
    await coordinator.getByLabel('Den unga själv').uncheck();
    await coordinator.getByLabel('En vårdnadshavare').check();
    await expectText(coordinator.getByTestId('consent-verdict'), /^Räcker inte/);
    await coordinator.getByLabel('En vårdnadshavare').uncheck();
    await coordinator.getByLabel('Den unga själv').check();
    await check(coordinator, 'consent-form');
    await coordinator.getByRole('button', { name: 'Spara samtycke' }).click();
    await expectText(coordinator.getByTestId('consent').first(), /Samordnat stöd mot studier/);

    await social.getByRole('link', { name: 'Samtycken' }).click();
    await social.getByRole('link', { name: 'Unga' }).click();
    await expectText(social.getByTestId('people'), new RegExp(person.name));
    await check(social, 'people-receiver');

    await coordinator.getByRole('link', { name: 'Samtycken' }).click();
    await coordinator.getByRole('heading', { name: 'Samtycken som gäller' }).waitFor();
    await check(coordinator, 'consents-in-force');
    await coordinator
      .getByTestId('consent')
      .filter({ hasText: 'Samordnat stöd mot studier' })
      .getByRole('button', { name: 'Återkalla' })
      .click();
    await coordinator
      .getByTestId('consent')
      .filter({ hasText: 'Samordnat stöd mot studier' })
      .waitFor({ state: 'detached' });

    // The receiver's bell counts the withdrawal without a reload (graphql-ws).
    await expectText(social.getByTestId('bell-count'), String(unread + 1));
    await social.getByRole('link', { name: 'Samtycken' }).click();
    await social.getByRole('link', { name: 'Unga' }).click();
    await expectText(social.getByTestId('people'), new RegExp(`^(?![\\s\\S]*${person.name})`));
  });

  it("the counsellor's day: the school's students, a dropout-risk flag with its indicators and consent, followed up to resolved", async () => {
    const page = await signIn('counsellor@trelleborg.demo');
    await page.getByRole('heading', { name: 'Skolans elever' }).waitFor();
    await page.getByTestId('student-row').first().waitFor();
    await check(page, 'students');
    // A resident of the school's own municipality (the youth team there gets the flag).
    const student = page.getByTestId('student-row').filter({ hasText: '1287' }).first();
    const name = (await student.locator('td').first().innerText()).trim();
    await page.getByRole('button', { name: `Flagga risk för ${name}` }).click();
    await page.getByLabel('Vill sluta').check();
    await page.getByLabel('Frånvaro (procent)').fill('32');
    await page.getByLabel('Allvar').selectOption('HIGH');
    await page.getByLabel('Båda vårdnadshavarna').check();
    await check(page, 'risk-flag-form', 'form');
    await page.getByRole('button', { name: 'Spara flaggan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /flaggad/ })
      .or(page.getByRole('alert'))
      .first()
      .waitFor();
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    await expectText(
      page.getByRole('status').first(),
      new RegExp(`Avhoppsrisken för ${name} är flaggad`),
    );
    const flag = page
      .getByTestId('flag-row')
      .filter({ hasText: name })
      .filter({ hasText: 'Vill sluta' });
    await expectText(flag, /Hög.*Öppen.*Gäller/s);
    // Following it up: a meeting booked, held, a plan agreed, the flag resolved. Each step
    // shows on the row and is in the database.
    const flagStatus = async () =>
      (
        await t.db.query(
          `SELECT f.status, array_agg(m.status ORDER BY m.meeting_at) FILTER (WHERE m.id IS NOT NULL) AS meetings
             FROM risk_flag f LEFT JOIN preventive_meeting m ON m.risk_flag_id = f.id
            WHERE f.young_person_id = (SELECT id FROM young_person WHERE given_name || ' ' || family_name = $1)
              AND 'WANTS_TO_QUIT' = ANY(f.indicators) GROUP BY f.id, f.created_at ORDER BY f.created_at DESC LIMIT 1`,
          [name],
        )
      ).rows[0];
    expect(await flagStatus()).toEqual({ status: 'OPEN', meetings: null });
    await flag.getByRole('button', { name: `Boka möte om ${name}` }).click();
    await page.getByLabel('Tid').fill('2026-12-10T10:00');
    await page.getByLabel('Deltagare (kommaseparerade)').fill('elev, mentor, vårdnadshavare');
    await check(page, 'risk-flag-meeting-form', 'form');
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expectText(page.getByRole('status').first(), `Mötet om ${name} är bokat.`);
    await expectText(flag, /Möte bokat.*10 dec\. 2026 10:00 \(Bokat\)/s);
    expect(await flagStatus()).toEqual({ status: 'MEETING_BOOKED', meetings: ['BOOKED'] });
    await flag.getByRole('button', { name: `Mötet hölls (${name})` }).click();
    await expectText(flag, /\(Hållet\)/);
    await flag.getByRole('button', { name: `Plan överenskommen för ${name}` }).click();
    await expectText(page.getByRole('status').first(), `Planen för ${name} är överenskommen.`);
    await expectText(flag, /Plan överenskommen.*Hållet/s);
    expect(await flagStatus()).toEqual({ status: 'PLAN_AGREED', meetings: ['HELD'] });
    await check(page, 'risk-flag-follow-up');
    await flag.getByRole('button', { name: `Avsluta flaggan för ${name}` }).click();
    await expectText(flag, /Avslutad/);
    expect(await flagStatus()).toEqual({ status: 'RESOLVED', meetings: ['HELD'] });
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
  });

  it("the school's figures: the counsellor sees the own school's months, counted as the database holds them", async () => {
    const page = await signIn('counsellor@trelleborg.demo');
    await page.getByRole('link', { name: 'Skolans siffror' }).click();
    const table = page.getByTestId('figures-table');
    await table.waitFor();
    await page.getByRole('img', { name: 'Flaggade avhoppsrisker och meddelanden per månad' }).waitFor();
    const months = (await table.locator('thead th').allInnerTexts()).slice(1);
    expect(months).toHaveLength(12);
    // Flags raised per Swedish month by this counsellor's school, straight from the table.
    const { rows } = await t.db.query(
      `SELECT to_char(f.created_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*)::int AS n
         FROM risk_flag f JOIN app_user u ON u.organisation_id = f.school_organisation_id
        WHERE u.email = 'counsellor@trelleborg.demo' GROUP BY 1`,
    );
    const expected = months.map((m) => String(rows.find((r) => r.month === m)?.n ?? 0));
    expect(rows.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(0);
    const shown = (await table.locator('tr[data-key=flagsRaised] td').allInnerTexts()).map((c) => c.trim());
    expect(shown).toEqual(expected);
    await expectText(table, /Förebyggande möten hållna.*Meddelanden till hemkommunen/s);
    await check(page, 'school-figures');
  });

  it("a notice to the home municipality for another municipality's resident is never blocked, and the home coordinator's bell counts it live", async () => {
    const coordinator = await signIn('coordinator@trelleborg.demo');
    await coordinator.getByTestId('bell-count').waitFor();
    await coordinator.waitForLoadState('networkidle');
    const unread = Number(await coordinator.getByTestId('bell-count').innerText());

    const counsellor = await signIn('counsellor@malmo.demo');
    const row = counsellor.getByTestId('student-row').filter({ hasText: '1287' }).first();
    await row.waitFor();
    const name = (await row.locator('td').first().innerText()).trim();
    await row.getByRole('button', { name: `Meddela hemkommunen om ${name}` }).click();
    await counsellor.getByLabel('Typ').selectOption('DROPPED_OUT');
    await check(counsellor, 'school-notice-form', 'form');
    await counsellor.getByRole('button', { name: 'Skicka meddelandet' }).click();
    await expectText(
      counsellor.getByRole('status').first(),
      new RegExp(`Meddelandet om ${name} är skickat`),
    );
    await expectText(counsellor.getByTestId('notice').filter({ hasText: name }).first(), /1287/);

    await expectText(coordinator.getByTestId('bell-count'), String(unread + 1));
    await coordinator.getByTestId('bell').click();
    await coordinator.getByRole('heading', { name: 'Aviseringar' }).waitFor();
    await expectText(coordinator.getByTestId('notification').first(), /meddelande från en skola/i);
    await check(coordinator, 'notifications');
  });

  it("a Malmö coordinator sees none of Trelleborg's people", async () => {
    const page = await signIn('coordinator@malmo.demo');
    await rowsOf(page).first().waitFor();
    const shown = (await rowsOf(page).allInnerTexts()).join('\n');
    const trelleborg = await t.db.query(
      `SELECT given_name || ' ' || family_name AS name FROM young_person WHERE home_municipality_code = '1287'`,
    );
    expect(trelleborg.rows.length).toBeGreaterThan(10);
    for (const { name } of trelleborg.rows) expect(shown).not.toContain(name);
    await page.getByRole('link', { name: 'Unga' }).click();
    await page.getByTestId('people').locator('li').first().waitFor();
    const people = await page.getByTestId('people').innerText();
    expect(people.length).toBeGreaterThan(0);
    for (const { name } of trelleborg.rows) expect(people).not.toContain(name);
    expect(people).not.toMatch(/· 1287$/m);
  });

  it('switching to English changes every visible label; no untranslated key shows in either language', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await rowsOf(page).first().waitFor();
    const swedish = await page.locator('body').innerText();
    expect(await untranslated(page)).toEqual([]);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Work list' }).waitFor();
    const english = await page.locator('body').innerText();
    expect(await untranslated(page)).toEqual([]);
    for (const label of [
      'Arbetslista',
      'Logga ut',
      'Orsak',
      'Senaste kontakt',
      'Registrera kontakt',
      'Aldrig kontaktad',
    ])
      if (swedish.includes(label)) expect(english).not.toContain(label);
    for (const label of ['Log out', 'Reason', 'Last contact', 'Record contact', 'Next follow-up'])
      expect(english).toContain(label);
    await check(page, 'work-list-english');
    await rowsOf(page).first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Identity' }).waitFor();
    expect(await untranslated(page)).toEqual([]);
    await check(page, 'young-person-english');
    // Every kind in the demo's notifications has a label.
    const kinds = await t.db.query(`SELECT DISTINCT kind FROM notification`);
    for (const { kind } of kinds.rows) expect(NOTIFICATION_KINDS).toContain(kind);
  });

  it('two-factor sign-in: a user enrols an authenticator app and gets recovery codes; the on-call social worker signs in with a code', async () => {
    const liaison = await signIn('liaison@trelleborg.demo');
    await liaison.getByRole('link', { name: 'Inloggning' }).click();
    await expectText(
      liaison.getByTestId('second-factor-status'),
      'Tvåstegsverifiering är inte på.',
    );
    await liaison.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
    const secret = (await liaison.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{26,}$/);
    await liaison.getByLabel('Kod från autentiseringsappen').fill(await generate({ secret }));
    await check(liaison, 'security-enrol');
    await liaison.getByRole('button', { name: 'Bekräfta' }).click();
    await liaison.getByTestId('recovery-codes').waitFor();
    expect(await liaison.getByTestId('recovery-codes').getByRole('listitem').count()).toBe(10);
    await expectText(
      liaison.getByTestId('second-factor-status'),
      /Tvåstegsverifiering är på. 10 reservkoder kvar/,
    );
    await check(liaison, 'security-recovery-codes');
    expect(await untranslated(liaison)).toEqual([]);

    const page = await open();
    await page.getByLabel('E-postadress').fill(DEMO_SECOND_FACTOR.email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    const code = page.getByLabel('Kod från autentiseringsappen');
    await code.waitFor();
    await check(page, 'sign-in-second-factor');
    await code.fill(await generate({ secret: DEMO_SECOND_FACTOR.totpSecret }));
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await page.getByRole('link', { name: 'Inloggning' }).click();
    await expectText(
      page.getByTestId('second-factor-status'),
      /Tvåstegsverifiering är på. 3 reservkoder kvar/,
    );
  });

  it('outreach rounds: the coordinator records one contact for several young people at once and sees it listed', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await page.getByRole('link', { name: 'Utskick' }).click();
    await page.getByRole('heading', { name: 'Nytt utskick' }).waitFor();
    await page.getByTestId('round-row').first().waitFor(); // the demo's letter round
    const picks = page.locator('.picks input[type=checkbox]');
    await picks.first().waitFor();
    const names = (await page.locator('.picks label').allInnerTexts()).slice(0, 2).map((n) => n.trim());
    await picks.nth(0).check();
    await picks.nth(1).check();
    await expectText(page.getByText(/^Mottagare \(/), /^Mottagare \(2 valda\)$/);
    await page.getByLabel('Kanal').selectOption('SMS');
    await page.getByLabel('Utfall').selectOption('NO_RESPONSE');
    await page.getByLabel('Anteckning').fill('Julhälsning per sms');
    await check(page, 'outreach-rounds-form');
    await page.getByRole('button', { name: 'Registrera utskicket' }).click();
    await expectText(page.getByRole('status').first(), 'Utskicket är registrerat för 2 unga.');
    const row = page.getByTestId('round-row').filter({ hasText: 'Julhälsning per sms' });
    await expectText(row, /Sms.*Inget svar.*2.*Julhälsning per sms/is);
    // One round, a contact attempt per chosen person, in the database.
    const { rows } = await t.db.query(
      `SELECT r.channel, r.outcome, r.recipient_count, array_agg(p.given_name || ' ' || p.family_name ORDER BY 1) AS people
         FROM outreach_round r JOIN contact_attempt c ON c.outreach_round_id = r.id JOIN young_person p ON p.id = c.young_person_id
        WHERE r.note = 'Julhälsning per sms' GROUP BY r.id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'SMS', outcome: 'NO_RESPONSE', recipient_count: 2 });
    expect([...rows[0].people].sort()).toEqual([...names].sort());
    await check(page, 'outreach-rounds');
  });

  it('network meetings: the coordinator records a professional meeting without personal data and sees it listed; a blank topic is refused and stores nothing', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await page.getByRole('link', { name: 'Nätverksmöten' }).click();
    await page.getByRole('heading', { name: 'Registrera ett möte' }).waitFor();
    const stored = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM network_meeting WHERE municipality_code = '1287'`)).rows[0].n as number;
    const before = await stored();
    expect(before).toBeGreaterThan(0); // the demo's meetings
    await expectText(page.locator('caption'), new RegExp(`^${before} möten$`));
    expect(await page.getByTestId('meeting-row').count()).toBe(before);
    const form = page.getByRole('form', { name: 'Registrera ett möte' });
    await form.getByLabel('Slag av möte').selectOption('PROFESSIONAL');
    await form.getByLabel('Deltagare').fill('13');
    await form.getByLabel('Organisationer (en per rad)').fill('Vellinge kommun\nArbetsförmedlingen\nvellinge kommun');
    // Only spaces: the browser lets it through, the API refuses it.
    await form.getByLabel('Ämne').fill('   ');
    await form.getByRole('button', { name: 'Registrera mötet' }).click();
    await form.getByRole('alert').waitFor();
    expect(await stored()).toBe(before);
    await form.getByLabel('Ämne').fill('Erfarenhetsutbyte KAA i Skåne');
    await check(page, 'network-meetings-form');
    await form.getByRole('button', { name: 'Registrera mötet' }).click();
    await expectText(page.getByRole('status').first(), /^Mötet är registrerat\.$/);
    const row = page.getByTestId('meeting-row').filter({ hasText: 'Erfarenhetsutbyte KAA i Skåne' });
    await expectText(row, /Professionsmöte.*Erfarenhetsutbyte KAA i Skåne.*13.*Vellinge kommun, Arbetsförmedlingen/s);
    // The organisations as the API keeps them: one per line, the repeat (another case) dropped.
    const { rows } = await t.db.query(
      `SELECT kind, participants, organisations FROM network_meeting WHERE topic = 'Erfarenhetsutbyte KAA i Skåne'`,
    );
    expect(rows).toEqual([{ kind: 'PROFESSIONAL', participants: 13, organisations: ['Vellinge kommun', 'Arbetsförmedlingen'] }]);
    expect(await stored()).toBe(before + 1);
    await check(page, 'network-meetings');
  });

  it('the CSV import shows each row with its errors beside it, imports nothing until the file is clean, then imports', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Importera unga och skolgång (CSV)' }).waitFor();
    const header = 'personnummer;given_name;family_name;home_municipality';
    const bad = [header, '081224-9803;Alva;Importsson;1287', '081224-9804;Bo;Importsson;1287', '090311-9816;Cecilia;Importsson;1280', ';Dan;Importsson;1287'].join('\n');
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'skollista.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expectText(page.getByTestId('import-row').first(), /Alva/);
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await expectText(page.getByRole('status').first(), /^3 fel på 4 rader\. Ingenting är importerat/);
    const rowText = (n: number) => page.getByTestId('import-row').nth(n).innerText();
    expect(await rowText(0)).not.toMatch(/personnummer:|home_municipality:/);
    expect(await rowText(1)).toMatch(/^3\s.*Bo.*personnummer: Personnumrets kontrollsiffra stämmer inte/s);
    expect(await rowText(2)).toMatch(/^4\s.*Cecilia.*home_municipality: Annan kommun än din egen/s);
    expect(await rowText(3)).toMatch(/^5\s.*Dan.*personnummer: Värde saknas/s);
    expect(await page.getByRole('button', { name: 'Importera', exact: true }).isDisabled()).toBe(true);
    await check(page, 'import-errors');
    const imported = () =>
      t.db.query(`SELECT count(*)::int AS n FROM young_person WHERE family_name = 'Importsson'`).then((r) => r.rows[0].n);
    expect(await imported()).toBe(0);

    // The corrected file: checked clean, then imported.
    await page.getByLabel('Innehåll').fill([header, '081224-9803;Alva;Importsson;1287'].join('\n'));
    await page.getByRole('button', { name: 'Kontrollera' }).click();
    await expectText(page.getByRole('status').first(), /Filen är kontrollerad: 1 rad/);
    expect(await imported()).toBe(0);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expectText(page.getByRole('status').first(), /^Importerat:/);
    expect(await imported()).toBe(1);
  });

  it('the monthly report: a table month by month, charts of register size, andel vetskap and contacts by channel, and a CSV download', async () => {
    const page = await signIn('coordinator@trelleborg.demo');
    await page.getByRole('link', { name: 'Månadsrapport' }).click();
    const table = page.getByTestId('report-table');
    await table.waitFor();
    await expectText(table, /Aktuella i IKE/);
    for (const name of ['Aktuella i registret vid månadens slut', 'Andel vetskap (procent)', 'Kontakter per kanal'])
      await page.getByRole('img', { name }).waitFor();
    // The charts draw what the table holds: one point per month with a register size.
    const months = await table.locator('thead th').count();
    expect(months).toBe(6 + 2);
    expect(await page.getByRole('img', { name: 'Aktuella i registret vid månadens slut' }).locator('circle').count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: 'Kontakter per kanal' }).locator('rect').count()).toBeGreaterThan(0);
    await check(page, 'monthly-report');

    const exports = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE subject_type = 'MONTHLY_REPORT' AND action = 'EXPORT'`)).rows[0].n;
    const before = await exports();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    // The file has the table's figures: the register-size row, cell for cell.
    const shown = await table.locator('tr[data-key=inRegisterAtMonthEnd] td').allInnerTexts();
    const line = csv.split(/\r?\n/).find((l) => l.startsWith('inRegisterAtMonthEnd,'));
    expect(line?.split(',').slice(1)).toEqual(shown.slice(0, 6).map((c) => c.trim()));
    expect(await exports()).toBe(before + 1);

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Monthly report' }).waitFor();
    await page.getByRole('img', { name: 'Contacts by channel' }).waitFor();
    expect(await untranslated(page)).toEqual([]);
    expect(await page.locator('main').innerText()).not.toMatch(/Månad för månad|Kontakter per kanal/);
    await page.getByLabel('Language').selectOption('sv-SE');
  });

  it('logging out ends the session: the page returns to sign-in, a reload stays there, the refresh token is revoked', async () => {
    const page = await signIn('counsellor@trelleborg.demo');
    await page.getByRole('heading', { name: 'Skolans elever' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Skolans elever' }).waitFor(); // the cookie renews a reload
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'portal_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
    const refresh = await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('cookie', `portal_refresh=${cookie.value}`)
      .send({ query: 'mutation { refreshSession { accessToken } }' });
    expect(refresh.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + document.cookie)).not.toMatch(
      /portal_refresh|eyJ/,
    );
  });

  async function contactCount(name: string): Promise<number> {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM contact_attempt c JOIN young_person p ON p.id = c.young_person_id
        WHERE p.given_name || ' ' || p.family_name = $1`,
      [name],
    );
    return rows[0].n;
  }
});

/** Waits (up to 10 s) until the element's text matches, then asserts it. */
async function expectText(
  locator: import('playwright-core').Locator,
  pattern: RegExp | string,
): Promise<void> {
  const matches = (text: string) =>
    typeof pattern === 'string' ? text.trim() === pattern : pattern.test(text);
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText({ timeout: 10_000 }).catch(() => '');
    if (matches(text)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(text).toMatch(typeof pattern === 'string' ? new RegExp(`^\\s*${pattern}\\s*$`) : pattern);
}
