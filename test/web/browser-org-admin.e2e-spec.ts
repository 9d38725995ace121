import { BrowserHarness, expectText, startBrowserHarness, untranslated } from './browser-support';

/**
 * The organisation admin's screens in Chromium as orgadmin@trelleborg.demo (ORG_ADMIN of
 * the youth team): the users list holds exactly the own organisation's users, a colleague is
 * disabled and enabled again (checked in the database), the municipality-wide roles are not
 * offered, and a user of another organisation of the same municipality is not found.
 */
jest.setTimeout(120_000);

const YOUTH_TEAM = '00000000-0000-4000-8000-128700000001';

describe("the organisation admin's screens in a browser", () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(async () => h?.close());
  afterEach(() => expect(h.takeErrors()).toEqual([]));

  it("sees only the own organisation's users, disables and enables one; another organisation's user is not found", async () => {
    const page = await h.signIn('orgadmin@trelleborg.demo');
    // The organisation admin starts on its users list.
    await page.getByRole('heading', { name: 'Användare i organisationen' }).waitFor();
    await page.locator('[data-testid=users-table][aria-busy=false] [data-testid=user-row]').first().waitFor();
    const { rows: own } = await h.t.db.query(
      `SELECT email FROM app_user WHERE organisation_id = $1 AND active ORDER BY email`,
      [YOUTH_TEAM],
    );
    const { rows: others } = await h.t.db.query(
      `SELECT count(*)::int AS n FROM app_user WHERE organisation_id <> $1 AND municipality_code = '1287'`,
      [YOUTH_TEAM],
    );
    expect(others[0].n).toBeGreaterThan(5);
    await expectText(page.getByTestId('users-total'), new RegExp(`^${own.length} användare`));
    const rows = await page.getByTestId('user-row').allInnerTexts();
    const emails = rows.map((r) => r.split('\t')[1].trim()).sort();
    expect(emails).toEqual(own.map((u: { email: string }) => u.email));
    for (const r of rows) expect(r).toContain('Arbetsmarknadsförvaltningen – Ungdomsteamet');
    await h.check(page, 'org-admin-users');
    expect(await untranslated(page)).toEqual([]);

    // Karin Holm, a colleague: disabled and enabled again, in the database.
    await page.getByRole('link', { name: 'Karin Holm' }).click();
    await page.getByRole('heading', { name: 'Karin Holm', level: 1 }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'KAA-samordnare' }).isChecked()).resolves.toBe(true);
    // Auditor and municipality admin are the municipality admin's to give; no permissions either.
    expect(await page.getByRole('checkbox').count()).toBeGreaterThan(3);
    expect(await page.getByRole('checkbox', { name: 'Kommunadministratör' }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Granskare' }).count()).toBe(0);
    expect(await page.getByTestId('grants').count()).toBe(0);
    await h.check(page, 'org-admin-user');
    const active = async () =>
      (await h.t.db.query(`SELECT active FROM app_user WHERE email = 'coordinator2@trelleborg.demo'`)).rows[0].active;
    await page.getByRole('button', { name: 'Stäng av användaren' }).click();
    await expectText(page.getByTestId('user-status'), /^Avstängd$/);
    expect(await active()).toBe(false);
    await page.getByRole('button', { name: 'Aktivera användaren' }).click();
    await expectText(page.getByTestId('user-status'), /^Aktiv$/);
    expect(await active()).toBe(true);

    // The municipality admin and the liaison are of other organisations: not found.
    for (const email of ['admin@trelleborg.demo', 'liaison@trelleborg.demo']) {
      const { rows: other } = await h.t.db.query(
        `SELECT id, organisation_id FROM app_user WHERE email = $1`,
        [email],
      );
      expect(other[0].organisation_id).not.toBe(YOUTH_TEAM);
      await page.goto(page.url().replace(/[0-9a-f-]{36}$/, other[0].id));
      await expectText(page.getByRole('alert'), /Det finns inte/);
      expect(await page.getByRole('button', { name: 'Stäng av användaren' }).count()).toBe(0);
    }

    // Staff leave: the leavers offered are the own organisation's users only.
    await page.getByRole('link', { name: 'Överlämning' }).click();
    await page.getByRole('heading', { name: 'Överlämning vid ledighet' }).waitFor();
    const leaver = page.getByRole('combobox', { name: 'Den som går på ledighet eller slutar' });
    await leaver.locator('option').nth(1).waitFor({ state: 'attached' });
    const { rows: all } = await h.t.db.query(`SELECT display_name FROM app_user WHERE organisation_id = $1`, [YOUTH_TEAM]);
    const offered = (await leaver.locator('option').allInnerTexts()).slice(1);
    expect(offered.length).toBeGreaterThan(1);
    const names = all.map((u: { display_name: string }) => u.display_name);
    expect(offered.filter((o) => !names.some((n: string) => o.startsWith(n)))).toEqual([]);
    for (const o of offered) expect(o).toMatch(/– Arbetsmarknadsförvaltningen – Ungdomsteamet$/);
    await h.check(page, 'org-admin-staff-leave');

    // In English.
    await page.goto(new URL('/admin/users', page.url()).href);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Users of the organisation' }).waitFor();
    await expectText(page.getByTestId('users-total'), new RegExp(`^${own.length} users?`));
    expect(await untranslated(page)).toEqual([]);
  });
});
