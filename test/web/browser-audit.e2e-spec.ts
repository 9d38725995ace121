import { readFileSync } from 'node:fs';
import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * The auditor's screens in Chromium as auditor@trelleborg.demo: the access log finds the
 * reads a coordinator made earlier in the same test, the chain verifies, the demo
 * emergency opening is marked reviewed. One app and browser for the file.
 */
jest.setTimeout(120_000);

describe("the auditor's screens in a browser", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it("finds the reads of a coordinator's workflow in the access log, by young person, user and period; pages; verifies the chain", async () => {
    // The coordinator's workflow: open the first three young people of the work list.
    const coordinator = await h.signIn('coordinator@trelleborg.demo');
    const opened: string[] = [];
    for (let i = 0; i < 3; i++) {
      const row = coordinator.getByTestId('work-list-row').nth(i);
      await row.waitFor();
      await row.getByRole('link').click();
      await coordinator.waitForURL(/\/people\/[0-9a-f-]{36}$/);
      await coordinator.getByRole('heading', { level: 1 }).waitFor();
      await coordinator.waitForLoadState('networkidle');
      opened.push(/\/people\/([0-9a-f-]{36})$/.exec(coordinator.url())![1]);
      await coordinator.goBack();
    }
    const personId = opened[0];
    await coordinator.context().close();
    const { rows: ids } = await h.t.db.query(
      `SELECT id, organisation_id FROM app_user WHERE email = 'coordinator@trelleborg.demo'`,
    );
    const coordinatorId: string = ids[0].id;

    const page = await h.signIn('auditor@trelleborg.demo');
    await page.getByRole('heading', { name: 'Åtkomstloggen' }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    await h.check(page, 'audit-log');
    expect(await untranslated(page)).toEqual([]);

    // Pages of 10: the next page is a different set of rows.
    await page.getByLabel('Rader per sida').selectOption('10');
    await expectText(page.getByTestId('audit-total'), /\d+ rader/);
    await page.locator('[data-testid=audit-table][aria-busy=false]').waitFor();
    const first = await page.getByTestId('audit-row').allInnerTexts();
    expect(first.length).toBe(10);
    await page.getByRole('button', { name: 'Nästa sida' }).click();
    await expectText(page.getByRole('table'), /sida 2/);
    await page.locator('[data-testid=audit-table][aria-busy=false]').waitFor();
    const second = await page.getByTestId('audit-row').allInnerTexts();
    expect(second.length).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
    await page.getByRole('button', { name: 'Föregående sida' }).click();
    await expectText(page.getByRole('table'), /sida 1/);

    // The coordinator's reads of that person today, on their statutory duty.
    // (the day the log stamped them: the app's clock may be pinned to another day than the machine's)
    const { rows: stamped } = await h.t.db.query(
      `SELECT max(occurred_at) AS at FROM access_log WHERE $1 = ANY(young_person_ids)`,
      [personId],
    );
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      stamped[0].at,
    );
    await page.getByLabel('Den unges id').fill(personId);
    await page.getByLabel('Användarens id').fill(coordinatorId);
    await page
      .getByRole('combobox', { name: /^Organisation/ })
      .selectOption({ label: 'Arbetsmarknadsförvaltningen – Ungdomsteamet (Trelleborg)' });
    await page.getByLabel('Från och med').fill(today);
    await page.getByLabel('Till och med').fill(today);
    await page.getByLabel('Rättslig grund').selectOption({ label: 'Lagstadgad skyldighet' });
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expectText(page.getByTestId('audit-total'), /\d+ rad/);
    const rows = await page.getByTestId('audit-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      // a list read names its many young people behind "N unga" (closed details)
      expect(r.includes(personId) || /\d+ unga/.test(r)).toBe(true);
      expect(r).toContain(coordinatorId);
      expect(r).toContain('Arbetsmarknadsförvaltningen – Ungdomsteamet');
      expect(r).toContain('Lagstadgad skyldighet');
    }
    expect(
      rows.some((r) => r.includes('Läste') && r.includes('YOUNG_PERSON') && r.includes(personId)),
    ).toBe(true);
    // What the page says matches the log in the database.
    const { rows: db } = await h.t.db.query(
      `SELECT count(*)::int AS n FROM access_log l JOIN app_user u ON u.id = l.actor_user_id
        WHERE u.email = 'coordinator@trelleborg.demo' AND $1 = ANY(l.young_person_ids) AND l.legal_basis = 'STATUTORY_DUTY'`,
      [personId],
    );
    expect(await page.getByTestId('audit-total').innerText()).toMatch(
      new RegExp(`^${db[0].n} rad`),
    );
    await h.check(page, 'audit-log-filtered');

    // Another young person's id: none of these reads.
    await page.getByLabel('Den unges id').fill('00000000-0000-4000-8000-000000000000');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expectText(page.getByTestId('audit-total'), /^0 rader/);

    await page.getByRole('button', { name: 'Kontrollera kedjan' }).click();
    await expectText(
      page.getByTestId('chain-result'),
      /Kedjan är hel: [\d\s ]+ rader kontrollerade/,
    );
    await h.check(page, 'audit-chain', 'section');
  });

  it('reviews the demo emergency opening: its reason shows, "mark reviewed" moves it to the reviewed list', async () => {
    const page = await h.signIn('auditor@trelleborg.demo', '/audit/emergency');
    await page.getByRole('heading', { name: 'Nödåtkomster att granska' }).waitFor();
    const card = page.getByTestId('emergency-access').first();
    await expectText(card, /Polisen larmade kvällstid/);
    await expectText(page.getByTestId('audit-overview'), /Väntar på granskning\s*1/);
    // The demo's unusual read (an organisation without relation to the person) is listed.
    await page.getByTestId('unusual-access').first().waitFor();
    await expectText(page.getByTestId('unusual-accesses'), /Ingen koppling/);
    await h.check(page, 'audit-emergency');
    expect(await untranslated(page)).toEqual([]);
    await card.getByLabel('Anteckning (frivillig)').fill('Skälet styrks av polisens larm.');
    await card.getByRole('button', { name: 'Markera som granskad' }).click();
    await expectText(page.getByRole('status').first(), /markerad som granskad/);
    await expectText(page.getByTestId('audit-overview'), /Väntar på granskning\s*0/);
    expect(await page.getByTestId('emergency-access').count()).toBe(0);
    await page.getByLabel('Visa granskade').check();
    await expectText(
      page.getByTestId('emergency-access').first(),
      /Skälet styrks av polisens larm/,
    );
    const { rows } = await h.t.db.query(
      `SELECT count(*)::int AS n FROM emergency_access WHERE reviewed_at IS NOT NULL`,
    );
    expect(rows[0].n).toBe(1);
  });

  it("the register extract (art. 15): the coordinator makes and downloads it from the person's page; the auditor finds it logged as an export", async () => {
    const coordinator = await h.signIn('coordinator@trelleborg.demo');
    const row = coordinator.getByTestId('work-list-row').first();
    await row.waitFor();
    await row.getByRole('link').click();
    await coordinator.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    const personId = /\/people\/([0-9a-f-]{36})$/.exec(coordinator.url())![1];
    await coordinator.getByRole('link', { name: 'Registerutdrag' }).click();
    await coordinator.getByRole('heading', { name: 'Registerutdrag' }).waitFor();
    await coordinator.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
    await expectText(coordinator.getByTestId('extract-status'), /Utdraget togs fram/);
    await expectText(coordinator.getByTestId('extract-parts'), /accessLog\s+[1-9]/);
    await h.check(coordinator, 'register-extract');
    expect(await untranslated(coordinator)).toEqual([]);
    const [download] = await Promise.all([
      coordinator.waitForEvent('download'),
      coordinator.getByRole('button', { name: 'Ladda ner (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^registerutdrag-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(doc).toMatchObject({ kind: 'REGISTER_EXTRACT', youngPersonId: personId });
    expect(doc.accessLog.length).toBeGreaterThan(0);
    // The table counts what the file holds.
    await expectText(
      coordinator.getByTestId('extract-parts'),
      new RegExp(`accessLog\\s+${doc.accessLog.length}\\b`),
    );
    await coordinator.context().close();

    const page = await h.signIn('auditor@trelleborg.demo');
    await page.getByLabel('Den unges id').fill(personId);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await expectText(page.getByTestId('audit-total'), /\d+ rad/);
    await page.locator('[data-testid=audit-table][aria-busy=false]').waitFor();
    const rows = await page.getByTestId('audit-row').allInnerTexts();
    expect(rows.some((r) => r.includes('Exporterade') && r.includes(personId))).toBe(true);
  });

  it('in English: the same screens are translated', async () => {
    const page = await h.signIn('auditor@trelleborg.demo', '/audit/log');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'The access log' }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await untranslated(page)).toEqual([]);
    await expectText(page.locator('main'), /Verify the chain/);
  });
});
